#!/usr/bin/env bash
# matcher_bench.sh: benchmark of the core matching engine alone (no server).
#
#   bench/matcher_bench.sh [LINES]     (default 1000000)
#   NO_VARIANTS=1 bench/matcher_bench.sh ...   terms as written, without name variants
#   BENCH_CPU=1 bench/matcher_bench.sh ...     CPU time instead of wall clock
#
# Builds bench/matcher_bench.c against the core sources with -O2 and runs it
# on tests/fixtures/chemical-identifiers.tsv: matchers of 1k, 10k and 100k
# terms, each screening the same generated ~100-byte lines, exact and fuzzy.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BENCH_BIN:-${TMPDIR:-/tmp}/precursor-matcher-bench-$$}
[ -n "${BENCH_BIN:-}" ] || trap 'rm -f "$out"' EXIT
cc -std=gnu99 -O2 -g -Isrc/core $(pkg-config --cflags libhs icu-uc) \
	-o "$out" bench/matcher_bench.c $(ls src/core/*.c) \
	$(pkg-config --libs libhs icu-uc icu-i18n) -lm
[ -n "${BENCH_BUILD_ONLY:-}" ] && exit 0
"$out" tests/fixtures/chemical-identifiers.tsv "${1:-1000000}"
