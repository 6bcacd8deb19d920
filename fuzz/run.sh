#!/usr/bin/env bash
# Run each fuzz target for a bounded time (default 60 s each) from seed corpora of real pages
# and catalogues. Not part of the test run. Crashes land in fuzz/crashes/ (crash-* files).
# usage: bash fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
work="$(mktemp -d)"
mkdir -p "$work/html" "$work/po" fuzz/crashes
cp source/*.html tests/data/html/*.html "$work/html/"
cp locales/*.pot "$work/po/"
for catalog in locales/*/LC_MESSAGES/*.po; do
  cp "$catalog" "$work/po/$(basename "$(dirname "$(dirname "$catalog")")")-$(basename "$catalog")"
done
export PYTHONPATH=src
python3 fuzz/fuzz_segment.py -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 \
  -artifact_prefix=fuzz/crashes/segment- "$work/html"
python3 fuzz/fuzz_po.py -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 \
  -artifact_prefix=fuzz/crashes/po- "$work/po"
echo "fuzz: no crash in ${seconds}s per target"
