# bash completion for httpstatus(1)                      -*- shell-script -*-
#
# Install as httpstatus in bash-completion's completions directory
# (pkg-config --variable=completionsdir bash-completion), or source it
# from ~/.bashrc. It works with or without the bash-completion package.

# Fills _httpstatus_code_cache with the registered codes, the first column
# of "httpstatus list". That runs the first time a code is completed (and
# again while it gives nothing); the codes are then kept for the rest of
# the shell session.
_httpstatus_load_codes()
{
    local prog=$1 code rest

    ((${#_httpstatus_code_cache[@]})) && return
    _httpstatus_code_cache=()
    while read -r code rest; do
        [[ $code == [1-5][0-9][0-9] ]] && _httpstatus_code_cache+=("$code")
    done < <("$prog" --no-color list 2>/dev/null)
}

_httpstatus()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=
    local prog=httpstatus cmd= word i dashdash=
    local shared='--json --no-color --help -h'
    local -a words

    COMPREPLY=()
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    # bash splits --method=HEAD into "--method", "=" and "HEAD".
    if [[ $cur == = && $prev == --method ]]; then
        cur=
    elif [[ $prev == = && COMP_CWORD -gt 1 ]] &&
        [[ ${COMP_WORDS[COMP_CWORD - 2]} == --method ]]; then
        prev=--method
    fi

    # Ask the httpstatus being completed, when it is given by its path
    # (./build/httpstatus); otherwise the one on $PATH.
    [[ ${COMP_WORDS[0]} == */* && -x ${COMP_WORDS[0]} ]] &&
        prog=${COMP_WORDS[0]}

    # The first word that is not an option names the command: list,
    # search, check, serve or help; any other word is the first query.
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if [[ $word == -- ]]; then
            dashdash=1
        elif [[ -z $cmd && ($dashdash || $word != -*) ]]; then
            case $word in
            list | search | check | serve | help) cmd=$word ;;
            *) cmd=show ;;
            esac
        fi
    done

    if [[ $cur == -* && -z $dashdash ]]; then
        case $cmd in
        '') words=($shared --version -V) ;;
        list)
            words=($shared)
            # --unofficial and --all exclude each other.
            [[ " ${COMP_WORDS[*]} " == *' --unofficial '* ||
                " ${COMP_WORDS[*]} " == *' --all '* ]] ||
                words+=(--unofficial --all)
            ;;
        check)
            words=($shared --method --har --now --ignore --only --fail-on
                --rules --probe --location -L --http1.1 --http2 --insecure
                -k --cacert --pinnedpubkey --timeout)
            ;;
        serve)
            words=(--listen --workers --max-connections --max-sleep
                --max-body --header-timeout --idle-timeout --send-timeout
                --access-log --log-format --fault --seed --tls-listen
                --tls-cert --tls-key --tls-cert-out --help -h)
            ;;
        help) return 0 ;;
        *) words=($shared) ;;
        esac
        mapfile -t COMPREPLY < <(compgen -W "${words[*]}" -- "$cur")
        return 0
    fi

    case $cmd in
    '')
        words=(list search check serve 1xx 2xx 3xx 4xx 5xx)
        if [[ -z $cur || $cur == [1-5]* ]]; then
            _httpstatus_load_codes "$prog"
            words+=("${_httpstatus_code_cache[@]}")
        fi
        ;;
    show)
        _httpstatus_load_codes "$prog"
        words=(1xx 2xx 3xx 4xx 5xx "${_httpstatus_code_cache[@]}")
        ;;
    help)
        [[ $prev == help ]] && words=(list search check serve)
        ;;
    serve)
        case $prev in
        --log-format) words=(combined json) ;;
        --access-log)
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            return 0
            ;;
        esac
        ;;
    check)
        if [[ $prev == --method && -z $dashdash ]]; then
            words=(GET HEAD POST PUT DELETE CONNECT OPTIONS TRACE PATCH)
        elif [[ $prev == --fail-on && -z $dashdash ]]; then
            words=(error warning note)
        elif [[ ($prev == --ignore || $prev == --only) && -z $dashdash ]]; then
            mapfile -t words < <(httpstatus check --rules 2>/dev/null |
                cut -d' ' -f1)
        elif [[ ($prev == --now || $prev == --pinnedpubkey ||
            $prev == --timeout) && -z $dashdash ]]; then
            return 0
        elif declare -F _filedir >/dev/null; then
            _filedir
            return 0
        else
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            return 0
        fi
        ;;
    esac
    ((${#words[@]})) &&
        mapfile -t COMPREPLY < <(compgen -W "${words[*]}" -- "$cur")
    return 0
}

complete -F _httpstatus httpstatus

# ex: filetype=sh
