# fish completion for httpstatus(1). Install as httpstatus.fish in a
# directory of $fish_complete_path, such as
# ~/.config/fish/completions or /usr/share/fish/vendor_completions.d.

# The first word after the options names the command: list, search, check
# or help; any other word is the first query, and "show" stands for it.
# Prints nothing while no such word has been typed.
function __httpstatus_command
    set -l words (commandline -opc)
    set -e words[1]
    set -l dashdash
    for w in $words
        if test "$w" = --; and test -z "$dashdash"
            set dashdash 1
        else if test -n "$dashdash"; or not string match -q -- '-*' $w
            switch $w
                case list search check serve help
                    echo $w
                case '*'
                    echo show
            end
            return
        end
    end
end

function __httpstatus_using
    set -l command (__httpstatus_command)
    contains -- "$command" $argv
end

function __httpstatus_no_command
    set -l command (__httpstatus_command)
    test -z "$command"
end

# The registered codes and their phrases, "CODE<tab>PHRASE", from
# "httpstatus list": read the first time a code is completed, then kept
# for the session.
function __httpstatus_codes
    if not set -q __httpstatus_code_cache[1]
        set -l prog httpstatus
        set -l first (commandline -opc)[1]
        if string match -q -- '*/*' $first; and test -x "$first"
            set prog $first
        end
        set -g __httpstatus_code_cache (command $prog --no-color list 2>/dev/null |
            string replace -rf '^([1-5][0-9][0-9]) +(.*?)(  .*)?$' '$1\t$2')
    end
    printf '%s\n' $__httpstatus_code_cache
end

function __httpstatus_classes
    printf '%s\n' 1xx\tInformational 2xx\tSuccessful 3xx\tRedirection \
        4xx\tClient\ Error 5xx\tServer\ Error
end

complete -c httpstatus -f

# Everywhere.
complete -c httpstatus -l json -d 'Print JSON instead of text'
complete -c httpstatus -l no-color -d 'No colour'
complete -c httpstatus -s h -l help -d 'Show the usage and exit'
complete -c httpstatus -n __httpstatus_no_command -s V -l version \
    -d 'Show the versions of httpstatus and libhttpstatus'

# Commands, classes and codes in first place; classes and codes after a
# first query.
complete -c httpstatus -n __httpstatus_no_command -a list \
    -d 'List the status codes, one line each'
complete -c httpstatus -n __httpstatus_no_command -a search \
    -d 'Find the codes whose text has every word'
complete -c httpstatus -n __httpstatus_no_command -a check \
    -d 'Lint a raw HTTP response head'
complete -c httpstatus -n __httpstatus_no_command -a serve \
    -d 'Run the HTTP/1.1 test server'
complete -c httpstatus -n '__httpstatus_using "" show' \
    -a '(__httpstatus_classes; __httpstatus_codes)'

# list
complete -c httpstatus -n '__httpstatus_using list' -l unofficial \
    -d 'The unofficial vendor codes instead'
complete -c httpstatus -n '__httpstatus_using list' -l all \
    -d 'Registered and unofficial codes together'

# check
complete -c httpstatus -n '__httpstatus_using check' -F
complete -c httpstatus -n '__httpstatus_using check' -l method -x \
    -a 'GET HEAD POST PUT DELETE CONNECT OPTIONS TRACE PATCH' \
    -d 'The method of the request'
complete -c httpstatus -n '__httpstatus_using check' -l har -r \
    -d 'A HAR file to check every entry of'
complete -c httpstatus -n '__httpstatus_using check' -l now -x \
    -d 'Judge ages and Date at this HTTP date'
complete -c httpstatus -n '__httpstatus_using check' -l ignore -x \
    -a '(httpstatus check --rules 2>/dev/null | string split -f1 " ")' \
    -d 'Rules not to run'
complete -c httpstatus -n '__httpstatus_using check' -l only -x \
    -a '(httpstatus check --rules 2>/dev/null | string split -f1 " ")' \
    -d 'The only rules to run'
complete -c httpstatus -n '__httpstatus_using check' -l fail-on -x \
    -a 'error warning note' -d 'The least severity that fails'
complete -c httpstatus -n '__httpstatus_using check' -l rules \
    -d 'List every rule'
complete -c httpstatus -n '__httpstatus_using check' -l probe \
    -d 'Also ask as a cache and a client would'
complete -c httpstatus -n '__httpstatus_using check' -s L -l location \
    -d 'Follow redirects'
complete -c httpstatus -n '__httpstatus_using check' -l http1.1 \
    -d 'HTTP/1.1 only'
complete -c httpstatus -n '__httpstatus_using check' -l http2 \
    -d 'HTTP/2 only'
complete -c httpstatus -n '__httpstatus_using check' -s k -l insecure \
    -d 'Do not verify the certificate'
complete -c httpstatus -n '__httpstatus_using check' -l cacert -r \
    -d 'Trust these CA certificates (PEM)'
complete -c httpstatus -n '__httpstatus_using check' -l pinnedpubkey -x \
    -d 'Trust a server with this key pin (sha256//PIN)'
complete -c httpstatus -n '__httpstatus_using check' -l timeout -x \
    -d 'The time each request may take, in seconds'

# serve
complete -c httpstatus -n '__httpstatus_using serve' -l listen -x \
    -d 'HOST:PORT to listen on'
complete -c httpstatus -n '__httpstatus_using serve' -l workers -x \
    -d 'Event loops, one per thread'
complete -c httpstatus -n '__httpstatus_using serve' -l max-connections -x \
    -d 'Open connections at most'
complete -c httpstatus -n '__httpstatus_using serve' -l max-sleep -x \
    -d 'The largest ?sleep= in milliseconds'
complete -c httpstatus -n '__httpstatus_using serve' -l header-timeout -x \
    -d 'Time to send a request head, in milliseconds'
complete -c httpstatus -n '__httpstatus_using serve' -l idle-timeout -x \
    -d 'Keep-alive time between requests, in milliseconds'
complete -c httpstatus -n '__httpstatus_using serve' -l send-timeout -x \
    -d 'Time a client may take no byte of a response, in milliseconds'
complete -c httpstatus -n '__httpstatus_using serve' -l access-log -r -F \
    -d 'Log each request to FILE'
complete -c httpstatus -n '__httpstatus_using serve' -l log-format -x \
    -a 'combined json' -d 'The access log format'
complete -c httpstatus -n '__httpstatus_using serve' -l max-body -x \
    -d 'The largest request body read, in bytes'
complete -c httpstatus -n '__httpstatus_using serve' -l fault -x \
    -d 'Break responses on the wire: NAME[:ARG][@P]'
complete -c httpstatus -n '__httpstatus_using serve' -l seed -x \
    -d 'Seed the fault draws'
complete -c httpstatus -n '__httpstatus_using serve' -l tls-listen -x \
    -d 'Also serve HTTPS on HOST:PORT'
complete -c httpstatus -n '__httpstatus_using serve' -l tls-cert -r -F \
    -d 'The certificate to serve (PEM)'
complete -c httpstatus -n '__httpstatus_using serve' -l tls-key -r -F \
    -d 'The private key of --tls-cert (PEM)'
complete -c httpstatus -n '__httpstatus_using serve' -l tls-cert-out -r -F \
    -d 'Write the certificate served (PEM)'

# help
complete -c httpstatus -n '__httpstatus_using help' -a 'list search check serve'
