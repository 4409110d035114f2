#!/bin/bash
# SPDX-License-Identifier: ISC
# Benchmark 3: sanald's resident memory as its database grows to 1,000,000
# stored messages. The database is filled honestly: every message is a real
# MO sent to sanald's /kannel/mo by wrk (mo.lua: votes, signatures and
# comments from up to BENCH_RSS_PHONES distinct phones, each with a unique
# id), so every row went through sanald's parser, schema and commit path.
# No filler writes to the database behind sanald's back.
#
# wrk runs in segments; after each one the script reads VmRSS and VmHWM from
# /proc/PID/status and prints them against the number of MOs sanald has
# answered with 200 so far, so the trend is visible even if 1,000,000 does
# not fit in the time budget. The segments are sized to land just past the
# checkpoints 100k, 250k, 500k and 1M. At the end it prints RSS after 3 s
# idle and, if the sqlite3 CLI is installed, the row count of table mo
# (read-only check, after sanald has stopped).
#
# Environment: BENCH_RSS_TARGET (1000000), BENCH_RSS_TIME (300 s budget for
# the load), BENCH_RSS_PHONES (1000000), BENCH_THREADS (2), BENCH_CONNS (64),
# SANAL_BUILD, BENCH_KEEP=1 keeps the database.
# Prints figures only; never fails on a large or growing figure.

set -u
. "$(dirname "$0")/lib.sh"

TARGET=${BENCH_RSS_TARGET:-1000000}
BUDGET=${BENCH_RSS_TIME:-300}
PHONES=${BENCH_RSS_PHONES:-1000000}
T=${BENCH_THREADS:-2}
C=${BENCH_CONNS:-64}
KEY=bench-$$-$RANDOM
CHECKPOINTS="100000 250000 500000 1000000"
case " $CHECKPOINTS " in *" $TARGET "*) ;; *) CHECKPOINTS="$CHECKPOINTS $TARGET" ;; esac

if ! bench_have_sanald; then
	say "rss: sanald not available ($SANALD missing or a placeholder build)"
	echo "RESULT rss skipped=1"
	exit 0
fi
bench_tmpdir
DB="$BENCH_TMP/rss.db"
bench_init_db "$DB" || exit 1
bench_start_sanald "$DB" "$KEY" || exit 1

kib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
# Prints one row of the table: stored, elapsed, rate of the last segment, RSS, HWM.
row()
{
	local r
	r=$(bench_rss "$SANALD_PID")
	LAST_RSS=${r% *}
	LAST_HWM=${r#* }
	printf '  %9d  %6.0f s  %7s/s  VmRSS %10s  VmHWM %10s  load %s\n' \
		"$1" "$2" "$3" "$(kib "$LAST_RSS")" "$(kib "$LAST_HWM")" "$(bench_load)"
}

say "rss: up to $TARGET MOs through sanald (wrk -t$T -c$C, mo.lua, $PHONES phones), load budget ${BUDGET}s"
say "     stored     time      rate        resident                 peak"
row 0 0 "-"
RSS0=$LAST_RSS
stored=0 sent=0 bad=0 elapsed=0 rate=5000 seg=0
SUMMARY="rss0_kib=$RSS0"
start=$(date +%s)
for cp in $CHECKPOINTS; do
	[ "$cp" -le "$TARGET" ] || continue
	while [ "$stored" -lt "$cp" ]; do
		elapsed=$(( $(date +%s) - start ))
		left=$(( BUDGET - elapsed ))
		[ "$left" -gt 0 ] || break 2
		# Aim just past the checkpoint (5 % margin, the rate falls as the
		# database grows); at most 15 s so the trend has points; the
		# first segment (3 s) measures the rate.
		d=3
		[ "$seg" -eq 0 ] || d=$(awk -v n=$((cp - stored)) -v r="$rate" -v l="$left" 'BEGIN {
			d = int(1.05 * n / (r > 1 ? r : 1)) + 1; if (d > 15) d = 15; if (d > l) d = l; print d }')
		seg=$((seg + 1))
		L=$(bench_wrk "http://127.0.0.1:$SANALD_PORT" "$T" "$C" "$d" "$KEY" "rss$$s$seg" "$PHONES")
		n=$(field "$L" requests)
		b=$(field "$L" non2xx)
		sent=$((sent + n))
		bad=$((bad + b))
		stored=$((stored + n - b))
		rate=$(field "$L" rps)
		kill -0 "$SANALD_PID" 2>/dev/null || { say "  sanald died after $stored stored MOs; log:"; tail -5 "$BENCH_TMP/sanald.log"; break 2; }
		row "$stored" "$(( $(date +%s) - start ))" "${rate%.*}"
	done
	[ "$stored" -ge "$cp" ] && SUMMARY="$SUMMARY rss_${cp}_kib=$LAST_RSS stored_at_${cp}=$stored"
done
sleep 3
say "  after 3 s idle: VmRSS $(kib "$(bench_rss "$SANALD_PID" | cut -d' ' -f1)")"
total=$(( $(date +%s) - start ))
[ "$bad" -eq 0 ] || say "  WARNING: $bad of $sent MOs were answered non-200 (not counted as stored)"
bench_stop "$SANALD_PID"
rows=""
if command -v sqlite3 >/dev/null; then
	rows=$(sqlite3 -readonly "$DB" 'SELECT count(*) FROM mo' 2>/dev/null)
	[ -n "$rows" ] && say "  table mo holds $rows rows (a few more than counted: wrk does not count replies in flight when a segment ends); database $(du -k "$DB"* | awk '{s+=$1} END {printf "%.0f MiB", s/1024}') on disk"
fi
say "  $stored MOs stored in ${total}s ($(awk -v s="$stored" -v t="$total" 'BEGIN { printf "%.0f", (t > 0) ? s / t : 0 }')/s average)"
echo "RESULT rss stored=$stored seconds=$total final_rss_kib=$LAST_RSS final_hwm_kib=$LAST_HWM mo_rows=$rows $SUMMARY"
exit 0
