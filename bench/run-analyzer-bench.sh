#!/usr/bin/env bash
# Build-time benchmark of the PhiGuard analyzers against the same project without them and with Security Code Scan.
#
#   bash bench/run-analyzer-bench.sh [--sizes 1000,5000,20000,50000] [--reps 3] [--skip-pack] [--no-scs]
#
# Packs the solution into artifacts/, generates projects of N methods under bench/out/ (git-ignored), builds each
# variant alternately, prints a table and writes it to bench/results/analyzer-bench.md. See bench/README.md.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec python3 "$repo/bench/analyzer-bench/runner.py" "$@"
