#!/usr/bin/env bash
# Benchmark: the same crawls under every --mode, measured from outside with GNU time.
#
#   src/bench/modes.sh [ROUNDS]        (default 3 rounds; the best round of each row is reported)
#
# Two settings, each against a `trawl serve` process of its own on loopback (the crawler's figures do
# not include the server's CPU):
#   io0   1 host x 1,200 pages of ~14 KB, no added latency; --delay 0 --per-host 8
#   io50  1 host x 12,000 pages of ~14 KB, 50 ms added to every response; --delay 0 --per-host 64
# Columns: records written, wall time of the whole process (JVM start included), records/s over that
# wall time, CPU seconds (user+sys, children included) per 1,000 records, peak RSS (the largest of the
# process and its children).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-3}"
TRAWL=./trawl
OUT="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$OUT"' EXIT

$TRAWL --version >/dev/null            # build and train the start-up cache before timing anything
$TRAWL serve --hosts 1 --pages 1200 --port 18180 >"$OUT/io0.log" 2>&1 &
$TRAWL serve --hosts 1 --pages 12000 --latency 50ms --port 18181 >"$OUT/io50.log" 2>&1 &
for port in 18180 18181; do
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/robots.txt" >/dev/null && break; sleep 0.1; done
done

# The servers are JVMs too: let them compile their hot paths before anything is timed.
for port in 18180 18181; do
    $TRAWL crawl "http://127.0.0.1:$port/" --config config/fast-local.yaml --per-host 64 --producers 64 \
        --out "$OUT/warm-up.jsonl" --progress off >/dev/null
done

run() { # setting mode extra-flags...
    local setting="$1" mode="$2"; shift 2
    local port=18180; [[ "$setting" == io50 ]] && port=18181
    local best=""
    for _ in $(seq "$ROUNDS"); do
        /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" $TRAWL crawl "http://127.0.0.1:$port/" \
            --config config/fast-local.yaml --mode "$mode" --out "$OUT/records.jsonl" --progress off "$@" >/dev/null
        read -r wall user sys rss <"$OUT/time"
        local records; records=$(wc -l <"$OUT/records.jsonl")
        local line; line=$(awk -v r="$records" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" \
            'BEGIN { printf "%8d %8.2f %9.0f %9.2f %8.0f", r, w, r / w, (u + s) * 1000 / r, m / 1024 }')
        if [[ -z "$best" ]] || awk -v a="$line" -v b="$best" 'BEGIN { split(a, x); split(b, y); exit !(x[3] > y[3]) }'; then
            best="$line"
        fi
    done
    printf "%-6s %-10s %s\n" "$setting" "$mode" "$best"
}

printf "%-6s %-10s %8s %8s %9s %9s %8s\n" setting mode records wall_s pages/s cpu_s/1k rss_MiB
for mode in threads async virtual processes; do run io0 "$mode" --per-host 8 --workers 2; done
for mode in threads async virtual processes; do run io50 "$mode" --per-host 64 --producers 64 --workers 2; done
