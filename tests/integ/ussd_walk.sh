#!/bin/bash
# SPDX-License-Identifier: ISC
#
# The USSD invariant walker (tests/integ/ussd_walk.c, USSD.md §1.5): several
# phones random-walk sanald's menu over POST /ussd for thousands of steps,
# and every answer is checked (see the program's header: status, CON/END,
# budget, wrong keys, 0 and 00, replays, and no write without a confirm key).
# The walk is seeded: make check uses a fixed seed so that its verdict is
# repeatable; USSD_WALK_SEED=N walks another (USSD_WALK_SEED=clock, a new one
# each run, to explore). USSD_WALK_STEPS and USSD_WALK_PHONES change its size
# (default 6000 steps, 6 phones). sanald's clock is pinned inside the demo
# items' voting period.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"

WALK=${USSD_WALK:-$top_builddir/tests/integ/ussd_walk}
case ${USSD_WALK_SEED:=20261127} in clock) unset USSD_WALK_SEED ;; *) export USSD_WALK_SEED ;; esac
[ -x "$WALK" ] || skip "no $WALK (make check builds it)"
export SANAL_NOW=1796097600	# 2026-12-01 12:00 Ulaanbaatar

start_sanald
started=$(date +%s)
"$WALK" -n "${USSD_WALK_STEPS:-6000}" -p "${USSD_WALK_PHONES:-6}" \
    "http://127.0.0.1:$SANAL_PORT/ussd" "$DB" | tee "$T/walk.out"
st=${PIPESTATUS[0]}
alive sanald || fail "sanald died during the walk"
secs=$(( $(date +%s) - started ))
[ "$st" = 0 ] || fail "the walk failed (status $st) after ${secs} s: $(grep -c '^FAIL' "$T/walk.out") failures shown above; replay with USSD_WALK_SEED=$(sed -n 's/.*seed \([0-9]*\).*/\1/p' "$T/walk.out" | head -1)"
ok "walk passed in ${secs} s: $(tail -n 1 "$T/walk.out")"
