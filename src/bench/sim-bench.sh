#!/usr/bin/env bash
# The two generated-site settings of the speed targets, whole process (JVM start included), timed by GNU
# time with config/fast-local.yaml, optionally interleaved with another checkout's build (-b DIR: A/B):
#   short  a 1,200-page site of 14 KB pages, no latency:  trawl serve --hosts 4 --pages 300
#          (start-up and warm-up are most of such a crawl; target >= 1,200 pages/s)
#   rtt50  one host, 50 ms per response, >= 10,000 pages: trawl serve --hosts 1 --pages 12000 --latency 50ms,
#          crawled with --per-host 64 (and --producers 64 in threads mode); bound 64 / 50 ms = 1,280 pages/s
#
#   src/bench/sim-bench.sh [-r ROUNDS] [-m "async threads virtual"] [-s "short rtt50"] [-b OTHER_CHECKOUT]
#                          [-o OUT_DIR] [-p PORT]
#
# The sites are served by this checkout's `trawl serve` (its CPU is not counted) on PORT.. (short, 4 ports)
# and PORT+10 (rtt50); each is stopped at the end. Crawls run with --no-adaptive --no-sitemaps, as
# `trawl bench` does: on a busy machine the sim server's queueing reads as a slowing host (adaptive
# politeness then widens its gap, and a 12,000-page crawl took minutes), and it has no sitemaps. Each line carries the 1-minute load average at its start:
# on a shared machine, compare only lines of the same run. Raw lines go to OUT_DIR/results.tsv.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/../.." && pwd)"
ROUNDS=3 MODES="async threads virtual" SETTINGS="short rtt50" OTHER="" OUT="" PORT=20700
while getopts "r:m:s:b:o:p:" opt; do
    case "$opt" in
        r) ROUNDS="$OPTARG" ;; m) MODES="$OPTARG" ;; s) SETTINGS="$OPTARG" ;; b) OTHER="$OPTARG" ;;
        o) OUT="$OPTARG" ;; p) PORT="$OPTARG" ;;
        *) sed -n '2,15p' "$0" >&2; exit 2 ;;
    esac
done
OUT="${OUT:-$(mktemp -d /tmp/trawl-sim-bench.XXXXXX)}"
mkdir -p "$OUT"
CHECKOUTS=("$HERE"); [[ -n "$OTHER" ]] && CHECKOUTS+=("$(cd "$OTHER" && pwd)")
for dir in "${CHECKOUTS[@]}"; do "$dir/trawl" --version >/dev/null; done   # build + start-up cache first

SERVERS=()
cleanup() { for pid in "${SERVERS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

serve() { # setting port args...
    local setting="$1" port="$2"; shift 2
    rm -f "$OUT/$setting-seeds.txt"
    "$HERE/trawl" serve --port "$port" --seeds-file "$OUT/$setting-seeds.txt" "$@" >"$OUT/$setting-serve.log" 2>&1 &
    SERVERS+=($!)
    for _ in $(seq 300); do [[ -s "$OUT/$setting-seeds.txt" ]] && return; sleep 0.1; done
    echo "trawl serve did not start (see $OUT/$setting-serve.log)" >&2; exit 1
}
for setting in $SETTINGS; do
    case "$setting" in
        short) serve short "$PORT" --hosts 4 --pages 300 ;;
        rtt50) serve rtt50 "$((PORT + 10))" --hosts 1 --pages 12000 --latency 50ms ;;
        *) echo "unknown setting: $setting (short or rtt50)" >&2; exit 2 ;;
    esac
done

load() { cut -d' ' -f1 /proc/loadavg; }
printf "%-18s %-7s %-8s %7s %7s %8s %9s %8s %6s\n" variant setting mode pages wall_s pages/s cpu_s/1k rss_MiB load \
    | tee "$OUT/results.tsv"

# Flags an older checkout (-b) may not have: it gets those its `crawl --help` lists.
# shellcheck source=checkout-flags.sh
source "$HERE/src/bench/checkout-flags.sh"
declare -A NEWER
for dir in "${CHECKOUTS[@]}"; do NEWER[$dir]="$(checkout_flags "$dir" --no-adaptive --no-sitemaps --overwrite)"; done

crawl() { # checkout setting mode
    local dir="$1" setting="$2" mode="$3" name l extra=()
    name="$(basename "$dir")"
    read -r -a extra <<<"${NEWER[$dir]}"
    [[ "$setting" == rtt50 ]] && extra+=(--per-host 64) && [[ "$mode" == threads ]] && extra+=(--producers 64)
    l="$(load)"
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" "$dir/trawl" crawl --seeds "$OUT/$setting-seeds.txt" \
        --config "$dir/config/fast-local.yaml" --mode "$mode" "${extra[@]}" --out "$OUT/$name-$setting-$mode.jsonl" \
        --progress off >/dev/null 2>"$OUT/$name-$setting-$mode.err"
    read -r wall user sys rss <"$OUT/time"
    local pages; pages=$(wc -l <"$OUT/$name-$setting-$mode.jsonl")
    awk -v v="$name" -v st="$setting" -v m="$mode" -v p="$pages" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
        -v l="$l" 'BEGIN { printf "%-18s %-7s %-8s %7d %7.2f %8.0f %9.2f %8.0f %6s\n", v, st, m, p, w, p / w,
        (u + s) * 1000 / p, r / 1024, l }' | tee -a "$OUT/results.tsv"
}

for round in $(seq "$ROUNDS"); do
    for setting in $SETTINGS; do
        for mode in $MODES; do
            for dir in "${CHECKOUTS[@]}"; do crawl "$dir" "$setting" "$mode"; done
        done
    done
done
echo "results: $OUT/results.tsv"
