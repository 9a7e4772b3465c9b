# bash completion for tanbook(1): subcommands, each command's options and file names.
# The commands and options are read from `tanbook --help` and `tanbook CMD --help`, which the
# program generates from its own option tables, so this file never lists them itself.

_tanbook_commands()
{
    "$1" --help 2>/dev/null | awk '/^命令:|^Commands:/ { on = 1; next }
                                   on && /^  [a-z]/ { print $1; next }
                                   on && /^$/ { on = 0 }'
}

_tanbook_options()
{
    "$1" "$2" --help 2>/dev/null | sed -n 's/^  \(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' | sort -u
}

_tanbook()
{
    local cur prev cmd prog words cword i
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    prog=${COMP_WORDS[0]}
    cmd=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -*) ;;
        *) cmd=${COMP_WORDS[i]}; break ;;
        esac
    done

    case $prev in
    --lang) COMPREPLY=($(compgen -W "zh en" -- "$cur")); return ;;
    --format) COMPREPLY=($(compgen -W "xlsx json csv" -- "$cur")); return ;;
    -o|--output|--offsets|--evidence-file)
        COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac

    if [ -z "$cmd" ]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--help --version --demo --year --lang" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_tanbook_commands "$prog")" -- "$cur"))
            COMPREPLY+=($(compgen -f -X '!*.tanbook' -- "$cur") $(compgen -d -- "$cur"))
        fi
        return
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_tanbook_options "$prog" "$cmd") --help" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}

complete -o filenames -F _tanbook tanbook
