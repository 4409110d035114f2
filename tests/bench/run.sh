#!/bin/bash
# SPDX-License-Identifier: ISC
# make bench: runs the six benchmarks one after the other and prints a
# summary table. Prints figures, never asserts on time; the exit status is
# non-zero only if a benchmark script itself could not run.
#
#   durable_mo.sh   sanald vs a bare libevent server under the same wrk load
#   pipeline.sh     MO round trips/s through Kannel (SMPP sim -> bearerbox ->
#                   smsbox -> app) with a trivial responder, then with sanald
#   rss.sh          sanald's resident memory as the database grows to 1M MOs
#   text.sh         comments/s through normalise + transliterate + classify
#   ussd.sh         USSD round trip per step (64 users walking the vote
#                   dialogue over POST /ussd, then 1 user)
#   report.sh       a report for an item with 1M votes and comments, from the
#                   running totals and by GROUP BY recount (which must agree)
#
# Run from the build directory (make bench does) or set SANAL_BUILD.
# BENCH_ONLY="durable_mo pipeline" runs a subset. See README.md for the
# environment variables of each script and what the figures mean.

set -u
here=$(cd "$(dirname "$0")" && pwd)
only=${BENCH_ONLY:-durable_mo pipeline rss text ussd report}
results=""
status=0

say() { printf '%s\n' "$*"; }
field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sanal-bench-run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
say "sanal benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
for b in $only; do
	say ""
	bash "$here/$b.sh" 2>&1 | tee "$tmp/$b.out"
	[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
	results="$results
$(grep '^RESULT ' "$tmp/$b.out")"
done

r() { printf '%s\n' "$results" | grep "^RESULT $1 " | head -1; }
D=$(r durable_mo)
P=$(r pipeline)
R=$(r rss)
T=$(r text)
U=$(r ussd)
G=$(r report)
v() { local x; x=$(field "$1" "$2"); echo "${x:--}"; }

say ""
say "summary                                   | figure                        | goal        | load"
say "------------------------------------------+-------------------------------+-------------+------"
if [ -n "$D" ]; then
	say "$(printf '%-42s| %-30s| %-12s| %s' "1 HTTP MO req/s, bare libevent" "$(v "$D" bare_rps)" "" "$(v "$D" bare_load)")"
	say "$(printf '%-42s| %-30s| %-12s| %s' "1 HTTP MO req/s, sanald (durable)" "$(v "$D" sanald_rps)" "" "$(v "$D" sanald_load)")"
	say "$(printf '%-42s| %-30s| %-12s| %s' "1 ratio sanald/bare" "$(v "$D" ratio)" ">= 0.75" "")"
	say "$(printf '%-42s| %-30s| %-12s| %s' "1 sanald latency p50 / p99 (ms)" "$(v "$D" sanald_p50_ms) / $(v "$D" sanald_p99_ms)" "" "")"
fi
if [ -n "$P" ] && [ "$(field "$P" skipped)" != 1 ]; then
	say "$(printf '%-42s| %-30s| %-12s| %s' "2 Kannel round trips/s, bare responder" "$(v "$P" bare_rate) ($(v "$P" bare_done)/$(v "$P" n))" "" "$(v "$P" bare_load)")"
	say "$(printf '%-42s| %-30s| %-12s| %s' "2 Kannel round trips/s, sanald" "$(v "$P" sanald_rate) ($(v "$P" sanald_done)/$(v "$P" n))" "" "$(v "$P" sanald_load)")"
	say "$(printf '%-42s| %-30s| %-12s| %s' "2 ratio sanald/bare" "$(v "$P" ratio)" ">= 0.95" "")"
elif [ -n "$P" ]; then
	say "$(printf '%-42s| %-30s| %-12s| %s' "2 Kannel pipeline" "skipped" "" "")"
fi
if [ -n "$R" ] && [ "$(field "$R" skipped)" != 1 ]; then
	for cp in 0 100000 250000 500000 1000000; do
		k=$(field "$R" "rss_${cp}_kib")
		[ "$cp" = 0 ] && k=$(field "$R" rss0_kib)
		[ -n "$k" ] || continue
		at=$(field "$R" "stored_at_${cp}")
		say "$(printf '%-42s| %-30s| %-12s| %s' "3 sanald VmRSS at ${cp} MOs" "$(awk -v k="$k" 'BEGIN { printf "%.1f MiB", k / 1024 }')${at:+ (at $at)}" "" "")"
	done
	say "$(printf '%-42s| %-30s| %-12s| %s' "3 stored MOs in time budget / VmHWM" "$(v "$R" stored) in $(v "$R" seconds) s / $(awk -v k="$(field "$R" final_hwm_kib)" 'BEGIN { printf "%.1f MiB", k / 1024 }')" "" "")"
elif [ -n "$R" ]; then
	say "$(printf '%-42s| %-30s| %-12s| %s' "3 sanald RSS" "skipped (no sanald)" "" "")"
fi
if [ -n "$T" ] && [ "$(field "$T" skipped)" != 1 ]; then
	say "$(printf '%-42s| %-30s| %-12s| %s' "4 comments/s, normalise+translit+classify" "$(v "$T" rate)" ">= 50000" "$(v "$T" load)")"
fi
if [ -n "$U" ] && [ "$(field "$U" skipped)" != 1 ]; then
	say "$(printf '%-42s| %-30s| %-12s| %s' "5 USSD step p50 / p99 (ms), $(v "$U" users) users" "$(v "$U" p50_ms) / $(v "$U" p99_ms)" "p99 < 50" "$(v "$U" load)")"
	say "$(printf '%-42s| %-30s| %-12s| %s' "5 USSD step p50 / p99 (ms), 1 user" "$(v "$U" p50_1_ms) / $(v "$U" p99_1_ms)" "" "$(v "$U" load_1)")"
	say "$(printf '%-42s| %-30s| %-12s| %s' "5 USSD steps/s, errors (loaded run)" "$(v "$U" rate), $(v "$U" errors) errors" "" "")"
elif [ -n "$U" ]; then
	say "$(printf '%-42s| %-30s| %-12s| %s' "5 USSD steps" "skipped" "" "")"
fi
if [ -n "$G" ] && [ "$(field "$G" skipped)" != 1 ]; then
	# "≤" is 3 bytes, 1 column: 2 more bytes of width keep the table aligned.
	say "$(printf '%-42s| %-30s| %-14s| %s' "6 report p50 / p90 (ms), $(v "$G" rows) rows" "$(v "$G" median_ms) / $(v "$G" p90_ms)" "≤ 20 ms" "$(v "$G" load)")"
	say "$(printf '%-42s| %-30s| %-12s| %s' "6 report by GROUP BY recount, p50 (ms)" "$(v "$G" recount_median_ms)" "" "")"
	say "$(printf '%-42s| %-30s| %-12s| %s' "6 load rows/s; totals equal the recount" "$(v "$G" load_rate); $([ "$(field "$G" same)" = 1 ] && echo yes || echo NO)" "yes" "")"
	[ -n "$(field "$G" load_rate_with_triggers)" ] &&
	    say "$(printf '%-42s| %-30s| %-12s| %s' "6 load rows/s without / with triggers" "$(v "$G" load_rate_without_triggers) / $(v "$G" load_rate_with_triggers)" "" "")"
elif [ -n "$G" ]; then
	say "$(printf '%-42s| %-30s| %-12s| %s' "6 report" "skipped" "" "")"
fi
exit $status
