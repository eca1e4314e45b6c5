#!/bin/sh
# Build and run the normaliser benchmark (-O2, no PostgreSQL).
#   bench/normalize_bench.sh [lines]     (default 1000000)
set -e
cd "$(dirname "$0")/.."
mkdir -p bench/bin
${CC:-cc} -std=gnu99 -O2 -Isrc/core $(pkg-config --cflags icu-uc) \
	-o bench/bin/normalize_bench bench/normalize_bench.c src/core/normalize*.c src/core/core_error.c \
	$(pkg-config --libs icu-uc)
exec bench/bin/normalize_bench "$@"
