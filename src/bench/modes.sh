#!/usr/bin/env bash
# The four modes compared on the io and the cpu workload: a thin wrapper around `trawl bench`, which
# does the work (fresh processes, interleaved rounds, ceilings, verdict, charts; see ./trawl bench --help).
#
#   src/bench/modes.sh [ROUNDS]        (default 3 rounds; results in bench-io-*/ and bench-cpu-*/)
set -euo pipefail
cd "$(dirname "$0")/../.."
for workload in io cpu; do
    ./trawl bench --workload "$workload" --repeat "${1:-3}"
done
