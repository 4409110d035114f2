#!/bin/bash
# SPDX-License-Identifier: ISC
# Benchmark 5: USSD server time per step (goal: p99 < 50 ms under load).
# ussd_load.c, a libcurl-multi load generator, walks the voting dialogue over
# POST /ussd (dial, the language on first contact, drafts, first draft, vote,
# support/oppose, confirm, finish) with many phones at once, against sanald
# on a fresh database holding consultation 12. It runs once with 1 user (the
# unloaded figure), then with BENCH_USSD_USERS, and prints for each the
# client round trip per step (p50/p90/p99/max, overall and per kind of step),
# sanald's CPU per step, sanal_request_seconds and the group commits over
# the run, and the sanal_ussd_screen_total counters when sanald has them.
# The round trip includes the group commit (fsync): it is an upper bound of
# the server time per step. Prints figures only; never fails on a slow result.
#
# Environment: BENCH_USSD_USERS (64), BENCH_USSD_STEPS (20000),
# BENCH_USSD_STEPS1 (steps of the 1-user run, 2000), BENCH_USSD_TIME (time
# cap of each run, 60 s), SANAL_BUILD (see lib.sh), BENCH_KEEP=1 keeps the
# scratch directory (database, logs, the generator's full output).

set -u
. "$(dirname "$0")/lib.sh"

U=${BENCH_USSD_USERS:-64}
N=${BENCH_USSD_STEPS:-20000}
N1=${BENCH_USSD_STEPS1:-2000}
T=${BENCH_USSD_TIME:-60}
KEY=bench-$$-$RANDOM

skip() { say "ussd: skipped ($1)"; echo "RESULT ussd skipped=1"; exit 0; }

# CPU ticks (user+system) a live process has used so far.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# mdiff BEFORE AFTER: "name value" of every sample in AFTER minus BEFORE.
mdiff() { awk 'NR == FNR { if ($1 !~ /^#/) a[$1] = $2; next } $1 !~ /^#/ { print $1, $2 - a[$1] }' "$1" "$2"; }

# Summarises sanal_request_seconds from an mdiff: count, mean, p50 and p99
# interpolated in the buckets (as Prometheus histogram_quantile does) and
# the share of requests within 50 ms; then a line server_p99_ms=X.
server_latency()
{
	awk '
	function q(p,  r, i, lo, prev) {
		r = p * total
		for (i = 1; i <= nb; i++) {
			if (cum[i] >= r && cum[i] > prev)
				return le[i] == "+Inf" ? ">" lo * 1000 : \
				    sprintf("%.1f", (lo + (le[i] - lo) * (r - prev) / (cum[i] - prev)) * 1000)
			prev = cum[i]
			lo = le[i]
		}
	}
	/^sanal_request_seconds_bucket/ {
		split($1, f, "\"")
		le[++nb] = f[2]
		cum[nb] = $2
		if (f[2] == "0.05")
			in50 = $2
	}
	$1 == "sanal_request_seconds_sum" { sum = $2 }
	$1 == "sanal_request_seconds_count" { total = $2 }
	END {
		if (total == 0) {
			print "no requests\nserver_p99_ms="
			exit
		}
		printf "%d requests, mean %.1f ms, p50 ~%s ms, p99 ~%s ms, %.2f %% within 50 ms\n",
		    total, sum / total * 1000, q(0.5), q(0.99), in50 / total * 100
		printf "server_p99_ms=%s\n", q(0.99)
	}' "$1"
}

# Prints sanal_ussd_screen_total from an mdiff as a table, one screen a row.
screen_table()
{
	awk '
	/^sanal_ussd_screen_total\{/ {
		n = split($1, f, "\"")
		for (i = 1; i < n; i += 2) {
			k = f[i]
			sub(/.*[{,]/, "", k)
			sub(/=$/, "", k)
			lab[k] = f[i + 1]
		}
		if (!(lab["screen"] in seen)) {
			seen[lab["screen"]] = 1
			order[++ns] = lab["screen"]
		}
		v[lab["screen"], lab["event"]] += $2
	}
	END {
		if (ns == 0) {
			print "    (this sanald has no sanal_ussd_screen_total)"
			exit
		}
		printf "    %-16s %9s %9s %9s %9s\n", "screen", "entry", "complete", "timeout", "error"
		for (i = 1; i <= ns; i++)
			printf "    %-16s %9d %9d %9d %9d\n", order[i], v[order[i], "entry"],
			    v[order[i], "complete"], v[order[i], "timeout"], v[order[i], "error"]
	}' "$1"
}

# Prints the generator's USSD-STEP lines in $1 as a table.
step_table()
{
	awk '
	function f(k,  i) {
		for (i = 2; i <= NF; i++)
			if (index($i, k "=") == 1)
				return substr($i, length(k) + 2)
	}
	/^USSD-STEP / {
		if (!head++)
			printf "    %-10s %7s %8s %8s %8s %8s  (ms)\n", "step", "n", "p50", "p90", "p99", "max"
		printf "    %-10s %7s %8s %8s %8s %8s\n", f("step"), f("n"), f("p50_ms"), f("p90_ms"), f("p99_ms"), f("max_ms")
	}' "$1"
}

# cpu_per_step T0 T1 STEPS: sanald's CPU microseconds per step.
cpu_per_step()
{
	awk -v a="$1" -v b="$2" -v n="$3" -v hz="$(getconf CLK_TCK)" \
	    'BEGIN { if (n > 0) printf "%.0f", (b - a) / hz * 1e6 / n; else print 0 }'
}

# run_load NAME USERS STEPS FIRST_PHONE: one generator run; prints its
# figures and leaves its USSD-BENCH line, with load, cpu_us and server_p99_ms
# added, in $BENCH_TMP/NAME.result.
run_load()
{
	local users=$2 steps=$3 first=$4 out="$BENCH_TMP/$1" load t0 t1 line server
	curl -s "$URL/metrics" >"$out.m0"
	load=$(bench_load)
	t0=$(ticks "$SANALD_PID")
	"$LOAD" -u "$users" -n "$steps" -t "$T" -b "$first" "$URL/ussd" >"$out.txt"
	t1=$(ticks "$SANALD_PID")
	curl -s "$URL/metrics" >"$out.m1"
	mdiff "$out.m0" "$out.m1" >"$out.metrics"
	server=$(server_latency "$out.metrics")
	line=$(grep '^USSD-BENCH ' "$out.txt")
	line="$line load=$load cpu_us=$(cpu_per_step "$t0" "$t1" "$(field "$line" steps)") ${server##*$'\n'}"
	echo "$line" >"$out.result"

	say "ussd: $users user(s), at most $steps steps in ${T}s (load $load)"
	say "  client round trip: $(field "$line" steps) steps in $(field "$line" elapsed_s) s," \
	    "$(field "$line" rate) steps/s, p50 $(field "$line" p50_ms)  p90 $(field "$line" p90_ms)" \
	    " p99 $(field "$line" p99_ms)  max $(field "$line" max_ms) ms"
	say "  $(field "$line" sessions) sessions, errors $(field "$line" errors)," \
	    "unexpected $(field "$line" unexpected); sanald CPU $(field "$line" cpu_us) us/step"
	step_table "$out.txt"
	say "  sanald sanal_request_seconds: ${server%%$'\n'*}"
	say "  group commit: $(awk '$1 == "sanal_batched_jobs_total" { j = $2 } $1 == "sanal_commits_total" { c = $2 }
	    END { printf "%d jobs in %d commits (%.1f jobs/commit)", j, c, (c > 0 ? j / c : 0) }' "$out.metrics")"
	say "  sanal_ussd_screen_total over the run:"
	screen_table "$out.metrics"
	if grep -q '^USSD-ERROR' "$out.txt"; then
		say "  errors and unexpected answers (first 20):"
		grep '^USSD-ERROR' "$out.txt" | sed 's/^/    /'
	fi
}

bench_have_sanald || skip "$SANALD missing or a placeholder build"
bench_tmpdir
LOAD="$BENCH_TMP/ussd_load"
# shellcheck disable=SC2046
if ! cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -o "$LOAD" "$BENCH_DIR/ussd_load.c" \
	$(pkg-config --cflags --libs libcurl); then
	warn "cannot build ussd_load.c (cc, pkg-config libcurl)"
	exit 1
fi
DB="$BENCH_TMP/ussd.db"
{
	"$SANALCTL" -d "$DB" init &&
	"$SANALCTL" -d "$DB" consultation add "$BENCH_DIR/consult12.json"
} >>"$BENCH_TMP/sanalctl.log" 2>&1 || {
	warn "sanalctl failed; see below"
	tail -5 "$BENCH_TMP/sanalctl.log" >&2
	exit 1
}
bench_start_sanald "$DB" "$KEY" || exit 1
URL="http://127.0.0.1:$SANALD_PORT"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/ussd")" != 404 ] ||
	skip "this sanald has no /ussd endpoint"
LOGSTART=$(($(wc -l <"$BENCH_TMP/sanald.log") + 1))	# start-up lines are not news

run_load unloaded 1 "$N1" 0
say ""
run_load loaded "$U" "$N" 1000
bench_stop "$SANALD_PID"
tail -n +"$LOGSTART" "$BENCH_TMP/sanald.log" | grep -E '\[(warn|error)\]' >"$BENCH_TMP/news"
if [ -s "$BENCH_TMP/news" ]; then
	say "  sanald logged warnings or errors during the runs (first 10):"
	head -10 "$BENCH_TMP/news" | sed 's/^/    /'
fi

R1=$(cat "$BENCH_TMP/unloaded.result")
RU=$(cat "$BENCH_TMP/loaded.result")
say ""
say "ussd: p99 per step $(field "$RU" p99_ms) ms with $U users (goal < 50 ms), $(field "$R1" p99_ms) ms with 1 user" \
    "(client round trip, an upper bound of the server time)"
echo "RESULT ussd users=$U steps=$(field "$RU" steps) rate=$(field "$RU" rate) p50_ms=$(field "$RU" p50_ms) p99_ms=$(field "$RU" p99_ms) max_ms=$(field "$RU" max_ms) errors=$(field "$RU" errors) unexpected=$(field "$RU" unexpected) cpu_us=$(field "$RU" cpu_us) server_p99_ms=$(field "$RU" server_p99_ms) load=$(field "$RU" load) p50_1_ms=$(field "$R1" p50_ms) p99_1_ms=$(field "$R1" p99_ms) errors_1=$(field "$R1" errors) load_1=$(field "$R1" load)"
exit 0
