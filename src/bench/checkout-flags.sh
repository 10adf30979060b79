# Sourced by the A/B scripts (-b OTHER_CHECKOUT): which of the flags a script passes an older checkout has.
#   checkout_flags DIR FLAG...   prints those FLAGs (e.g. --no-adaptive, --overwrite) that DIR's `trawl crawl --help`
#                                lists, one line, space-separated; an older build without a switch had its feature
#                                off, or overwrote its output anyway, so leaving the flag out is the same run.
checkout_flags() {
    local dir="$1" help flag name out=()
    shift
    help="$("$dir/trawl" crawl --help 2>&1)"
    for flag in "$@"; do
        name="${flag#--}"; name="${name#no-}"
        [[ "$help" == *"--[no-]$name"* ]] && out+=("$flag") # picocli lists a negatable flag as --[no-]NAME
    done
    echo "${out[*]}"
}
