#!/bin/bash
# SPDX-License-Identifier: ISC
# Benchmark 1: durable MOs over HTTP. The same wrk load (mo.lua: realistic
# Mongolian votes, signatures and comments, unique ids) against
#   (a) bare.c, a libevent server returning a static reply (the baseline),
#   (b) sanald on a fresh database, which answers only after the SQLite
#       transaction is durably committed (WAL, synchronous=FULL, group commit).
# Prints requests/s of each, the ratio sanald/bare (goal >= 0.75), sanald's
# p50/p99 latency, and the 1-minute load average next to each figure.
# Prints figures only; never fails on a slow result.
#
# Environment: BENCH_THREADS (2), BENCH_CONNS (64), BENCH_DURATION (10 s),
# BENCH_WARMUP (2 s), SANAL_BUILD (see lib.sh), BENCH_KEEP=1 keeps the
# scratch directory (database, logs).
# With BENCH_STRACE=1, a second, separate sanald run of BENCH_DURATION under
# strace -c -f counts syscalls (fsync/fdatasync/write) per request; its
# throughput is not comparable and is not reported as a figure.

set -u
. "$(dirname "$0")/lib.sh"

T=${BENCH_THREADS:-2}
C=${BENCH_CONNS:-64}
D=${BENCH_DURATION:-10}
W=${BENCH_WARMUP:-2}
KEY=bench-$$-$RANDOM

bench_tmpdir
BARE=$(bench_build_bare) || exit 1
TAG=r$(date +%s)$$

# CPU ticks (user+system) a live process has used so far.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# run_load NAME URL PID: warm-up, then the measured run; prints the result
# line with the load average and the server's CPU microseconds per request.
run_load()
{
	local name=$1 url=$2 pid=$3 load line t0 t1
	bench_wrk "$url" "$T" "$C" "$W" "$KEY" "${TAG}w$name" >/dev/null
	load=$(bench_load)
	t0=$(ticks "$pid")
	line=$(bench_wrk "$url" "$T" "$C" "$D" "$KEY" "${TAG}m$name")
	t1=$(ticks "$pid")
	echo "$line load=$load cpu_us=$(awk -v a="$t0" -v b="$t1" -v hz="$(getconf CLK_TCK)" -v n="$(field "$line" requests)" \
	    'BEGIN { if (n > 0) printf "%.0f", (b - a) / hz * 1e6 / n; else print 0 }')"
}

# metric NAME: a counter from sanald's /metrics.
metric() { curl -s "http://127.0.0.1:$SANALD_PORT/metrics" 2>/dev/null | awk -v m="$1" '$1 == m { print $2 }'; }

say "durable_mo: wrk -t$T -c$C -d${D}s -s mo.lua after a ${W}s warm-up (same load for both)"

bench_start_bare "$BARE" "$KEY" || { warn "bare did not start"; exit 1; }
B=$(run_load bare "http://127.0.0.1:$BARE_PORT" "$BARE_PID")
bench_stop "$BARE_PID"
say "  bare   : $(field "$B" rps) req/s  p50 $(field "$B" p50_ms) ms  p99 $(field "$B" p99_ms) ms  non2xx $(field "$B" non2xx)  errors $(field "$B" errors)  (load $(field "$B" load); server CPU $(field "$B" cpu_us) us/request)"

S=""
if ! bench_have_sanald; then
	say "  sanald : not available ($SANALD missing or a placeholder build)"
elif bench_init_db "$BENCH_TMP/bench.db" &&
     bench_start_sanald "$BENCH_TMP/bench.db" "$KEY"; then
	S=$(run_load sanald "http://127.0.0.1:$SANALD_PORT" "$SANALD_PID")
	rss=$(bench_rss "$SANALD_PID")
	commits=$(metric sanal_commits_total)
	jobs=$(metric sanal_batched_jobs_total)
	bench_stop "$SANALD_PID"
	say "  sanald : $(field "$S" rps) req/s  p50 $(field "$S" p50_ms) ms  p99 $(field "$S" p99_ms) ms  max $(field "$S" max_ms) ms  non2xx $(field "$S" non2xx)  errors $(field "$S" errors)  (load $(field "$S" load); server CPU $(field "$S" cpu_us) us/request)"
	[ -z "$commits" ] || say "           group commit (warm-up + run): $jobs jobs in $commits commits, $(awk -v j="$jobs" -v c="$commits" 'BEGIN { if (c > 0) printf "%.1f", j / c }') jobs/commit"
	say "           database after the run: $(du -k "$BENCH_TMP"/bench.db* 2>/dev/null | awk '{s+=$1} END {print s}') KiB (db+wal+shm); sanald VmRSS/VmHWM ${rss% *}/${rss#* } KiB"
	if [ "$(field "$S" non2xx)" != 0 ]; then
		say "           WARNING: sanald answered non-200 to $(field "$S" non2xx) requests; see $BENCH_TMP/sanald.log (BENCH_KEEP=1)"
	fi
else
	say "  sanald : did not start"
fi

RATIO=n/a
if [ -n "$S" ]; then
	RATIO=$(awk -v s="$(field "$S" rps)" -v b="$(field "$B" rps)" 'BEGIN { if (b > 0) printf "%.3f", s / b; else print "n/a" }')
	say "  ratio sanald/bare = $RATIO (goal >= 0.75)"
fi

if [ "${BENCH_STRACE:-0}" = 1 ] && [ -n "$S" ] && command -v strace >/dev/null; then
	say "  strace -c -f of a separate sanald run (${D}s, same load; slowed by strace):"
	bench_init_db "$BENCH_TMP/strace.db" &&
	bench_start_sanald "$BENCH_TMP/strace.db" "$KEY" &&
	{
		strace -c -f -o "$BENCH_TMP/strace.txt" -p "$SANALD_PID" 2>/dev/null &
		spid=$!
		bench_track "$spid"
		sleep 1
		L=$(bench_wrk "http://127.0.0.1:$SANALD_PORT" "$T" "$C" "$D" "$KEY" "${TAG}s")
		bench_stop "$spid"
		bench_stop "$SANALD_PID"
		n=$(field "$L" requests)
		say "    requests $n; syscalls per request:"
		awk -v n="$n" '$NF ~ /^(fsync|fdatasync|pwrite64|write|writev|read|readv|pread64|epoll_wait|epoll_ctl|ioctl|getrandom|futex|sendmsg|recvfrom|accept4|close)$/ && n > 0 {
			calls = ($4 ~ /^[0-9]+$/) ? $4 : $3; printf "      %-12s %10d calls  %.3f/request\n", $NF, calls, calls / n }' \
			"$BENCH_TMP/strace.txt"
	}
fi

echo "RESULT durable_mo bare_rps=$(field "$B" rps) bare_load=$(field "$B" load) sanald_rps=$(field "$S" rps) sanald_p50_ms=$(field "$S" p50_ms) sanald_p99_ms=$(field "$S" p99_ms) sanald_load=$(field "$S" load) sanald_cpu_us=$(field "$S" cpu_us) ratio=$RATIO"
exit 0
