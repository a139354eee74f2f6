"""bench/procs.py: what the benchmarks' helper scripts share, about the
servers they measure: a free port, waiting for one to listen, nginx's
worker process, and a process's CPU time. server.sh and tls.sh put this
file in front of their own helpers (one Python file each, run as
`python3 h.py FUNCTION ARGS...`)."""
import os
import socket
import sys
import time


def freeport():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
    s.close()


def waitport(port):
    end = time.time() + 10
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", int(port)), 0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit("nothing listens on 127.0.0.1:%s" % port)


def child(ppid):
    # The nginx worker: the process whose parent is the master.
    end = time.time() + 10
    while time.time() < end:
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    stat = open("/proc/%s/stat" % d).read()
                except OSError:
                    continue
                if stat.rsplit(")", 1)[1].split()[1] == ppid:
                    print(d)
                    return
        time.sleep(0.05)
    sys.exit("no worker process under %s" % ppid)


def cpu_seconds(pid):
    # utime + stime of the whole process (every thread), in seconds.
    f = open("/proc/%s/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
