#!/bin/bash
# SPDX-License-Identifier: ISC
# Benchmark 4: comments per second through the language layer on one core
# (taskset -c 0): normalise + transliterate + classify, over the dev comments
# (analytics/data/comments_dev.tsv) repeated to BENCH_TEXT_N comments
# (default 200000). Prints the rate of the chain (goal >= 50,000/s) and of
# each stage alone, with the load average. Prints figures only.
#
# Builds text_bench.c into the scratch directory against the build
# directory's libanalytics.a and libcommon.a (see lib.sh for how the build
# directory is found) and uses its classifier model (analytics/sanal.model).
# A build configured with --enable-asan is measured too, but says so: its
# figure is not comparable.

set -u
. "$(dirname "$0")/lib.sh"

N=${BENCH_TEXT_N:-200000}
DATA="$SRC_DIR/analytics/data/comments_dev.tsv"
MODEL=${SANAL_MODEL:-$BUILD_DIR/analytics/sanal.model}

for f in "$BUILD_DIR/libanalytics.a" "$BUILD_DIR/libcommon.a" "$MODEL"; do
	[ -f "$f" ] || { say "text: skipped ($f not built)"; echo "RESULT text skipped=1"; exit 0; }
done
bench_tmpdir
san=""
asan=0
if nm "$BUILD_DIR/libanalytics.a" 2>/dev/null | grep -q __asan_; then
	san="-fsanitize=address,undefined"
	asan=1
fi
# shellcheck disable=SC2046,SC2086
if ! cc -O2 -std=c11 -D_GNU_SOURCE $san -I"$SRC_DIR/analytics" -I"$SRC_DIR/common" \
	-o "$BENCH_TMP/text_bench" "$BENCH_DIR/text_bench.c" \
	"$BUILD_DIR/libanalytics.a" "$BUILD_DIR/libcommon.a" \
	$(pkg-config --libs icu-uc icu-i18n hunspell) -lm -lpthread; then
	warn "cannot build text_bench.c (cc, pkg-config icu-uc icu-i18n hunspell)"
	exit 1
fi
pin=""
command -v taskset >/dev/null && pin="taskset -c 0"
load=$(bench_load)
say "text: $N comments from $(basename "$DATA") on one core${pin:+ ($pin)}, load $load"
[ "$asan" = 1 ] && say "text: this build has ASan/UBSan: the figures are not comparable"
out=$($pin "$BENCH_TMP/text_bench" "$DATA" "$N" "$MODEL") || { warn "text_bench failed"; exit 1; }
rate() { printf '%s\n' "$out" | sed -n "s/^TEXT stage=$1 .*rate=//p"; }
for s in normalise translit+normalise classify all; do
	say "$(printf '  %-22s %8s comments/s' "$s" "$(rate "$s")")"
done
say "  normalise + transliterate + classify: $(rate all) comments/s (goal >= 50000)"
echo "RESULT text rate=$(rate all) normalise=$(rate normalise) translit=$(rate translit+normalise) classify=$(rate classify) n=$N asan=$asan load=$load"
