#!/usr/bin/env bash
# What writing every output format, and extraction rules, cost a crawl: the same crawl with
#   jsonl   -o X.jsonl                                     (the baseline)
#   all4    -o X.jsonl -o X.csv -o X.sqlite -o X.warc.gz   (every format at once)
#   all4plain  the same with -o X.warc: the WARC uncompressed (no deflate per record)
#   rules   -o X.jsonl and ten --field rules
#   csv, sqlite, warcgz, warc   -o X.jsonl and that one format beside it (what each format costs alone)
# interleaved round-robin (so load from anything else on the machine hits every variant alike),
# ROUNDS times, each a fresh `./trawl crawl` process on config/fast-local.yaml, timed by GNU time. With
# -b, every variant is also run by another checkout's ./trawl right after this one's (A/B: "before" and
# "after" in the same run). Prints one line per run (pages, seconds, pages/s from the crawl's summary,
# the crawl process's CPU seconds per 1,000 pages, with -s also the server processes' CPU over the same
# run, and the load average at the start) and the median pages/s and CPU per variant, with the overhead
# against jsonl. On a shared machine pages/s follows the load; CPU per page is the steadier figure.
#
#   src/bench/export.sh [-b OTHER_CHECKOUT] [-v "jsonl all4 all4plain rules csv sqlite warcgz warc"] [-s "SERVER_PIDS"] SEED_URL [ROUNDS] [crawl flags...]
#   e.g. ./trawl serve --hosts 4 --pages 1500 --port 19100 --seeds-file /tmp/seeds.txt &
#        src/bench/export.sh -b ../trawl-before http://127.0.0.1:19100/ 5 --seeds /tmp/seeds.txt
# On the real site (src/bench/realsite.sh), a crawl cut by --max-pages fetches a different mix of pages each run
# (which of the last depth's URLs come first follows completion order): three runs of the first 10,000 pages held
# 12 to 2,988 rustdoc pages, 220 to 422 MiB, and CPU per page follows the mix. To compare variants on one
# workload, crawl a fixed list at depth 0 (the URLs of one crawl's JSONL, e.g. with jq -r .url):
#        src/bench/export.sh -b ../trawl-before http://127.0.0.1:19300/ 5 --seeds /tmp/urls.txt --max-depth 0
set -euo pipefail
HERE="$(cd "$(dirname "$0")/../.." && pwd)"
OTHER="" VARIANTS="jsonl all4 rules" SERVERS=""
while getopts "b:v:s:" opt; do
    case "$opt" in
        b) OTHER="$(cd "$OPTARG" && pwd)" ;; v) VARIANTS="$OPTARG" ;; s) SERVERS="$OPTARG" ;;
        *) sed -n '2,16p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
SEED="$1"; ROUNDS="${2:-3}"; shift $(( $# >= 2 ? 2 : 1 ))
OUT="$(mktemp -d /tmp/trawl-export-bench.XXXXXX)"
# ten rules of the kinds a user writes: single values, lists, attributes, absolute links
RULES=(--field "heading=h1" --field "subheading=h2" --field "h2s[]=h2" --field "first_para=p"
       --field "description_meta=meta[name=description]@content" --field "lang=html@lang"
       --field "next=a[rel=next]@abs:href" --field "images[]=img@abs:src" --field "section_ids[]=section@id"
       --field "canonical_link=link[rel=canonical]@abs:href")
CHECKOUTS=("$HERE"); [[ -n "$OTHER" ]] && CHECKOUTS+=("$OTHER")
for dir in "${CHECKOUTS[@]}"; do "$dir/trawl" --version >/dev/null; done   # build + start-up cache first

flags() { # variant prefix
    case "$1" in
        jsonl) echo "-o $2.jsonl" ;;
        all4) echo "-o $2.jsonl -o $2.csv -o $2.sqlite -o $2.warc.gz" ;;
        all4plain) echo "-o $2.jsonl -o $2.csv -o $2.sqlite -o $2.warc" ;;
        rules) echo "-o $2.jsonl" ;;
        csv) echo "-o $2.jsonl -o $2.csv" ;;
        sqlite) echo "-o $2.jsonl -o $2.sqlite" ;;
        warcgz) echo "-o $2.jsonl -o $2.warc.gz" ;;
        warc) echo "-o $2.jsonl -o $2.warc" ;;
        *) echo "export.sh: unknown variant $1 (jsonl, all4, all4plain, rules, csv, sqlite, warcgz, warc)" >&2
           exit 2 ;;
    esac
}

# CPU seconds the server processes (-s) have used so far: utime + stime from /proc, in clock ticks.
server_ticks() {
    local total=0 pid
    for pid in $SERVERS; do
        total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
    done
    echo "$total"
}
TICKS="$(getconf CLK_TCK)"

run() { # checkout variant extra-flags...
    local dir="$1" variant="$2"; shift 2
    local who; who="$(basename "$dir")"
    local load; load="$(cut -d' ' -f1 /proc/loadavg)"
    local extra=(); [[ "$variant" == rules ]] && extra=("${RULES[@]}")
    local before; before="$(server_ticks)"
    # shellcheck disable=SC2046
    /usr/bin/time -f "%U %S" -o "$OUT/time" "$dir/trawl" crawl "$SEED" --config "$dir/config/fast-local.yaml" \
        --progress off --overwrite $(flags "$variant" "$OUT/$variant") "${extra[@]}" "$@" >"$OUT/log" 2>&1
    local server=$(( $(server_ticks) - before ))
    local line; line="$(grep -E '^  pages ' "$OUT/log" | head -1)"
    local pages secs rate cpu scpu
    pages="$(echo "$line" | sed -E 's/^ +pages +([0-9,]+) in.*/\1/' | tr -d ,)"
    secs="$(echo "$line" | sed -E 's/.* in ([0-9.]+) s.*/\1/')"
    rate="$(echo "$line" | sed -E 's/.*\(([0-9,]+) pages\/s\).*/\1/' | tr -d ,)"
    cpu="$(awk -v p="$pages" '{ printf "%.2f", ($1 + $2) * 1000 / p }' "$OUT/time")"
    scpu="$(awk -v p="$pages" -v t="$server" -v hz="$TICKS" 'BEGIN { printf "%.2f", t / hz * 1000 / p }')"
    printf '%-16s %-9s pages %6s  %6s s  %6s pages/s  %5s cpu_s/1k  server %5s  load %s\n' \
        "$who" "$variant" "$pages" "$secs" "$rate" "$cpu" "$scpu" "$load"
    echo "$who $variant $rate $cpu $scpu" >>"$OUT/rates"
}

for round in $(seq "$ROUNDS"); do
    for variant in $VARIANTS; do
        for dir in "${CHECKOUTS[@]}"; do run "$dir" "$variant" "$@"; done
    done
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "medians (overhead against the same checkout's jsonl):"
for dir in "${CHECKOUTS[@]}"; do
    who="$(basename "$dir")"
    base_rate="$(grep "^$who jsonl " "$OUT/rates" | cut -d' ' -f3 | median || true)"
    for variant in $VARIANTS; do
        rate="$(grep "^$who $variant " "$OUT/rates" | cut -d' ' -f3 | median)"
        cpu="$(grep "^$who $variant " "$OUT/rates" | cut -d' ' -f4 | median)"
        scpu="$(grep "^$who $variant " "$OUT/rates" | cut -d' ' -f5 | median)"
        base_cpu="$(grep "^$who jsonl " "$OUT/rates" | awk '{ print $4 + $5 }' | median || true)"
        awk -v w="$who" -v v="$variant" -v r="$rate" -v c="$cpu" -v s="$scpu" -v b="$base_rate" -v bc="$base_cpu" 'BEGIN {
            printf "  %-16s %-9s %7.0f pages/s", w, v, r
            if (b != "" && v != "jsonl") printf " (%+4.0f%%)", (r - b) * 100 / b; else printf "        "
            printf "  %5.2f cpu_s/1k + server %5.2f", c, s
            if (bc != "" && v != "jsonl") printf " (%+4.0f%% CPU per page, crawl + server)", (c + s - bc) * 100 / bc
            printf "\n" }'
    done
done
du -sh "$OUT"/all4* 2>/dev/null | sed 's/^/  size /'
rm -rf "$OUT"
