#!/bin/bash
# SPDX-License-Identifier: ISC
# Benchmark 6: a report for an item with BENCH_REPORT_ROWS votes and comments
# (default 1000000), every section of it, from the running totals (goal:
# median <= 20 ms), next to the plain GROUP BY recount. report_bench loads the
# rows into a fresh database through db_vote_cast, db_article_vote and
# db_comment_add (the totals kept in the same transaction by db_action.c and
# migration 5's triggers, as in production), files stances, topics and
# campaigns as sanalctl analyse does, labels and quotes some, then times
# report_build both ways (and with soums) and report_json. Loading stops
# after BENCH_REPORT_TIME seconds (default 240). First it loads
# BENCH_REPORT_TRIGROWS rows (default 200000; 0 skips) into scratch databases
# without and with the triggers, for what they cost per row.
#
# Prints figures, never asserts on time. It exits non-zero if report_bench
# cannot be built, or if the totals and the recount (or what was loaded)
# differ in any number: that is a correctness check.
#
# Builds report_bench.c into the scratch directory against the build
# directory's libconsult.a, libdb.a, liblocales.a, libanalytics.a and
# libcommon.a (see lib.sh for how the build directory is found).

set -u
. "$(dirname "$0")/lib.sh"

N=${BENCH_REPORT_ROWS:-1000000}
CAP=${BENCH_REPORT_TIME:-240}
TRIG=${BENCH_REPORT_TRIGROWS:-200000}
LIBS="libconsult.a libdb.a liblocales.a libanalytics.a libcommon.a"

for f in $LIBS; do
	[ -f "$BUILD_DIR/$f" ] || { say "report: skipped ($BUILD_DIR/$f not built)"; echo "RESULT report skipped=1"; exit 0; }
done
bench_tmpdir
san=""
asan=0
if nm "$BUILD_DIR/libconsult.a" 2>/dev/null | grep -q __asan_; then
	san="-fsanitize=address,undefined"
	asan=1
fi
# shellcheck disable=SC2046,SC2086
if ! cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra $san -I"$SRC_DIR/consult" \
	-I"$SRC_DIR/db" -I"$SRC_DIR/common" -I"$SRC_DIR/locales" -I"$SRC_DIR/analytics" \
	-o "$BENCH_TMP/report_bench" "$BENCH_DIR/report_bench.c" \
	$(for f in $LIBS; do printf '%s ' "$BUILD_DIR/$f"; done) \
	$(pkg-config --libs jansson libsodium sqlite3 icu-uc icu-i18n hunspell zlib) \
	-lm -lpthread; then
	warn "cannot build report_bench.c (cc, pkg-config jansson libsodium sqlite3 icu hunspell zlib)"
	exit 1
fi
load=$(bench_load)
say "report: $N votes and comments on one item (at most ${CAP} s of loading), load $load"
[ "$asan" = 1 ] && say "report: this build has ASan/UBSan: the figures are not comparable"
"$BENCH_TMP/report_bench" "$BENCH_TMP/report.db" "$N" "$BENCH_DIR/consult12.json" "$CAP" \
	"$TRIG" >"$BENCH_TMP/report.out"
rc=$?
out=$(cat "$BENCH_TMP/report.out")
line() { printf '%s\n' "$out" | grep "^REPORT $1 " | head -1; }
L=$(line load)
T=$(line totals)
C=$(line recount)
J=$(line json)
S=$(line soums)
G=$(line triggers)
if [ -z "$L" ] || [ -z "$T" ] || [ -z "$C" ] || [ -z "$J" ]; then
	warn "report_bench failed (exit $rc)"
	printf '%s\n' "$out" >&2
	exit 1
fi
[ -n "$G" ] && say "  the triggers' cost: $(field "$G" rows) rows load at $(field "$G" rate_without) rows/s without them, $(field "$G" rate_with) rows/s with them"
say "  loaded $(field "$L" rows) rows ($(field "$L" people) people registered in $(field "$L" people_s) s) in $(field "$L" load_s) s: $(field "$L" rate) rows/s$([ "$(field "$L" capped)" = 1 ] && echo ", stopped by the time cap")"
say "  analysed $(field "$L" analysed) comments as sanalctl analyse stores them: $(field "$L" analyse_rate) /s; $(field "$L" copies) campaign copies, $(field "$L" labels) labels"
say "  sections: $(field "$T" breakdown_rows) breakdown rows, $(field "$T" articles) articles, $(field "$T" days) days, $(field "$T" topics) topic cells, $(field "$T" campaigns) campaigns, $(field "$T" quotes) quotes"
for x in "$T" "$C" "$S" "$J"; do
	say "$(printf '  %-8s median %8s ms  p90 %8s ms  max %8s ms  (%s runs)' \
		"$(printf '%s\n' "$x" | cut -d' ' -f2)" "$(field "$x" median_ms)" \
		"$(field "$x" p90_ms)" "$(field "$x" max_ms)" "$(field "$x" runs)")"
done
say "  report from running totals: median $(field "$T" median_ms) ms (goal <= 20); recount $(field "$C" median_ms) ms"
check=$(printf '%s\n' "$out" | grep '^REPORT check')
say "  $check"
ok=0
if [ "$rc" -eq 0 ] && printf '%s\n' "$check" | grep -q '^REPORT check ok'; then
	ok=1
fi
echo "RESULT report rows=$(field "$L" rows) load_s=$(field "$L" load_s) load_rate=$(field "$L" rate) load_rate_without_triggers=$(field "$G" rate_without) load_rate_with_triggers=$(field "$G" rate_with) soums_median_ms=$(field "$S" median_ms) median_ms=$(field "$T" median_ms) p90_ms=$(field "$T" p90_ms) max_ms=$(field "$T" max_ms) recount_median_ms=$(field "$C" median_ms) recount_max_ms=$(field "$C" max_ms) json_ms=$(field "$J" median_ms) breakdown_rows=$(field "$T" breakdown_rows) capped=$(field "$L" capped) same=$ok asan=$asan load=$load"
[ "$ok" = 1 ] || { warn "the running totals and the recount differ"; exit 1; }
exit 0
