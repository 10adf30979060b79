#!/usr/bin/env bash
# What writing every output format, and extraction rules, cost a crawl: the same crawl with
#   jsonl   -o X.jsonl                                     (the baseline)
#   all4    -o X.jsonl -o X.csv -o X.sqlite -o X.warc.gz   (every format at once)
#   rules   -o X.jsonl and ten --field rules
# interleaved round-robin (so load from anything else on the machine hits every variant alike),
# ROUNDS times, each a fresh `./trawl crawl` process on config/fast-local.yaml. Prints one line per run
# (pages, seconds, pages/s from the crawl's summary; the load average at the start) and the median
# pages/s per variant.
#
#   src/bench/export.sh SEED_URL [ROUNDS] [extra crawl flags...]
#   e.g. ./trawl serve --hosts 4 --pages 1500 --port 19100 &   src/bench/export.sh http://127.0.0.1:19100/ 5
#        (give every host's seed as a --seeds file in the extra flags for a multi-host sim web)
set -euo pipefail
cd "$(dirname "$0")/../.."
SEED="$1"; ROUNDS="${2:-3}"; shift $(( $# >= 2 ? 2 : 1 ))
OUT="$(mktemp -d /tmp/trawl-export-bench.XXXXXX)"
# ten rules of the kinds a user writes: single values, lists, attributes, absolute links
RULES=(--field "heading=h1" --field "subheading=h2" --field "h2s[]=h2" --field "first_para=p"
       --field "description_meta=meta[name=description]@content" --field "lang=html@lang"
       --field "next=a[rel=next]@abs:href" --field "images[]=img@abs:src" --field "section_ids[]=section@id"
       --field "canonical_link=link[rel=canonical]@abs:href")

run() { # variant, flags...
    local variant="$1"; shift
    local load; load="$(cut -d' ' -f1 /proc/loadavg)"
    local line
    line="$(./trawl crawl "$SEED" --config config/fast-local.yaml --progress off --overwrite "$@" 2>&1 \
        | grep -E '^  pages ' | head -1)"
    local pages secs rate
    pages="$(echo "$line" | sed -E 's/^ +pages +([0-9,]+) in.*/\1/' | tr -d ,)"
    secs="$(echo "$line" | sed -E 's/.* in ([0-9.]+) s.*/\1/')"
    rate="$(echo "$line" | sed -E 's/.*\(([0-9,]+) pages\/s\).*/\1/' | tr -d ,)"
    printf '%-6s pages %6s  %6s s  %6s pages/s  load %s\n' "$variant" "$pages" "$secs" "$rate" "$load"
    echo "$variant $rate" >>"$OUT/rates"
}

for round in $(seq "$ROUNDS"); do
    run jsonl -o "$OUT/a.jsonl" "$@"
    run all4  -o "$OUT/b.jsonl" -o "$OUT/b.csv" -o "$OUT/b.sqlite" -o "$OUT/b.warc.gz" "$@"
    run rules -o "$OUT/c.jsonl" "${RULES[@]}" "$@"
done
echo "median pages/s:"
for variant in jsonl all4 rules; do
    printf '  %-6s %s\n' "$variant" "$(grep "^$variant " "$OUT/rates" | cut -d' ' -f2 | sort -n \
        | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')"
done
du -sh "$OUT"/b* 2>/dev/null | sed 's/^/  size /'
rm -rf "$OUT"
