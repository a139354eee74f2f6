# bench/nginx_tls.sh: sourced by tls.sh and tls_counts.sh, which run
# nginx beside `httpstatus serve` with the same certificate.
#
#   nginx_tls_conf NGDIR CERTDIR TLS_PORT PLAIN_PORT MASTER >NGDIR/nginx.conf
#
# writes the configuration both use: one worker (MASTER on: a master
# process above it; off: the worker alone, for callgrind and strace),
# GET / answered 404, HTTP/2 on both listeners (ALPN on the TLS one, prior
# knowledge on the plain one: nginx 1.22 takes h2c only so, not by
# Upgrade), CERTDIR's cert.pem and key.pem, and keep-alive limits high
# enough that nginx closes no connection during a run.
nginx_tls_conf() {
    cat <<CONF
daemon off;
master_process $5;
worker_processes 1;
pid $1/nginx.pid;
error_log $1/error.log warn;
events {
    worker_connections 1024;
}
http {
    access_log off;
    client_body_temp_path $1/tmp/body;
    proxy_temp_path $1/tmp/proxy;
    fastcgi_temp_path $1/tmp/fastcgi;
    uwsgi_temp_path $1/tmp/uwsgi;
    scgi_temp_path $1/tmp/scgi;
    keepalive_timeout 60s;
    keepalive_requests 100000000;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_certificate $2/cert.pem;
    ssl_certificate_key $2/key.pem;
    server {
        listen 127.0.0.1:$3 ssl http2;
        listen 127.0.0.1:$4 http2;
        location / { return 404; }
    }
}
CONF
}
