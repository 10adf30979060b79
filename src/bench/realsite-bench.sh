#!/usr/bin/env bash
# Benchmark on a large real site (src/bench/realsite.sh): trawl in each in-process mode, beside
# "jsoup alone" (parse + a[href] absUrl, pages already in memory) and wget2 (Debian's package), and
# optionally beside another checkout of trawl (A/B: its jar is run interleaved with this one's).
#
#   src/bench/realsite-bench.sh [-r ROUNDS] [-m "threads async virtual"] [-n MAX_PAGES] [-b OTHER_CHECKOUT]
#                               [-o OUT_DIR] [-p PORT] [-s SEED_URL]
#
# Every figure is for the whole process (JVM start included), timed by GNU time, config/fast-local.yaml;
# nginx's CPU is not counted. Each line carries the 1-minute load average at its start: on a shared
# machine, compare only lines of the same run. Raw lines go to OUT_DIR/results.tsv.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/../.." && pwd)"
ROUNDS=1 MODES="threads async virtual" MAX_PAGES="" OTHER="" OUT="" PORT=19280 SEED=""
while getopts "r:m:n:b:o:p:s:" opt; do
    case "$opt" in
        r) ROUNDS="$OPTARG" ;; m) MODES="$OPTARG" ;; n) MAX_PAGES="$OPTARG" ;; b) OTHER="$OPTARG" ;;
        o) OUT="$OPTARG" ;; p) PORT="$OPTARG" ;; s) SEED="$OPTARG" ;;
        *) sed -n '2,12p' "$0" >&2; exit 2 ;;
    esac
done
OUT="${OUT:-$(mktemp -d /tmp/trawl-realsite-bench.XXXXXX)}"
mkdir -p "$OUT"
SEED="${SEED:-$("$HERE/src/bench/realsite.sh" start "$PORT")}"
ROOT="${TRAWL_REALSITE_DIR:-/tmp/trawl-realsite}/$PORT/root"
LIMIT=(); [[ -n "$MAX_PAGES" ]] && LIMIT=(--max-pages "$MAX_PAGES")

CHECKOUTS=("$HERE"); [[ -n "$OTHER" ]] && CHECKOUTS+=("$(cd "$OTHER" && pwd)")
for dir in "${CHECKOUTS[@]}"; do "$dir/trawl" --version >/dev/null; done   # build + start-up cache first

load() { cut -d' ' -f1 /proc/loadavg; }
printf "%-22s %-8s %8s %8s %9s %9s %8s %6s\n" variant mode pages wall_s pages/s cpu_s/1k rss_MiB load | tee "$OUT/results.tsv"

# An older checkout (-b) without --overwrite overwrote its output anyway.
# shellcheck source=checkout-flags.sh
source "$HERE/src/bench/checkout-flags.sh"
declare -A OVERWRITE
for dir in "${CHECKOUTS[@]}"; do OVERWRITE[$dir]="$(checkout_flags "$dir" --overwrite)"; done

crawl() { # checkout mode
    local dir="$1" mode="$2" name; name="$(basename "$1")"
    local l; l="$(load)"
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" "$dir/trawl" crawl "$SEED" --config "$dir/config/fast-local.yaml" \
        --mode "$mode" --out "$OUT/$name-$mode.jsonl" ${OVERWRITE[$dir]} --progress off "${LIMIT[@]}" >/dev/null 2>"$OUT/$name-$mode.err"
    read -r wall user sys rss <"$OUT/time"
    local pages; pages=$(wc -l <"$OUT/$name-$mode.jsonl")
    awk -v v="$name" -v m="$mode" -v p="$pages" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v l="$l" \
        'BEGIN { printf "%-22s %-8s %8d %8.2f %9.0f %9.2f %8.0f %6s\n", v, m, p, w, p / w, (u + s) * 1000 / p, r / 1024, l }' \
        | tee -a "$OUT/results.tsv"
}

jsoup_alone() {
    local urls="$OUT/urls.txt" jar l
    python3 - "$OUT/$(basename "$HERE")-${MODES%% *}.jsonl" >"$urls" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("status") == 200 and "html" in (r.get("content_type") or ""):
        print(r["url"])
PY
    # the jsoup trawl itself runs with (the build copies it to target/lib); the local Maven repository may also
    # hold older versions and a -sources jar, which sorted last and has no classes
    jar="$(ls "$HERE"/target/lib/jsoup-*.jar | head -1)"
    l="$(load)"
    "$(ls -d /usr/lib/jvm/*25* | head -1)/bin/java" -Xmx4g -cp "$jar" "$HERE/src/bench/java/JsoupAlone.java" \
        "$ROOT" "$urls" 2 | tail -1 | sed "s/\$/  (load $l)/" | tee -a "$OUT/results.tsv"
}

wget2_run() {
    local l; l="$(load)"
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" wget2 -r -l inf --max-threads 64 --no-robots --delete-after \
        --reject-regex '\.(css|js|png|svg|woff2?|ttf|gz|txt|pdf|jpg|gif|ico|json)$' \
        --stats-site="csv:$OUT/wget2-sites.csv" -P "$OUT/wget2" -q "$SEED" 2>/dev/null || true
    read -r wall user sys rss < <(tail -1 "$OUT/time")   # GNU time puts "Command exited with non-zero status N" first
    local pages; pages=$(($(wc -l <"$OUT/wget2-sites.csv") - 1))
    awk -v v=wget2 -v m="64 thr" -v p="$pages" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v l="$l" \
        'BEGIN { printf "%-22s %-8s %8d %8.2f %9.0f %9.2f %8.0f %6s\n", v, m, p, w, p / w, (u + s) * 1000 / p, r / 1024, l }' \
        | tee -a "$OUT/results.tsv"
}

for round in $(seq "$ROUNDS"); do
    for mode in $MODES; do
        for dir in "${CHECKOUTS[@]}"; do crawl "$dir" "$mode"; done
    done
done
jsoup_alone
command -v wget2 >/dev/null && wget2_run
echo "results: $OUT/results.tsv"
