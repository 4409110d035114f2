#!/bin/bash
# SPDX-License-Identifier: ISC
#
# The citizen web pages in a real browser: Debian's Chromium driven by npm
# playwright-core (tests/package-lock.json), against sanald with the demo
# draft law (12) and petition (31), its clock pinned inside their voting
# period. Eleven SMS comments on article 3 first, so that its comments run to
# a second page. Then:
#
#   tests/web/flows.js  JavaScript off: sign in, vote on the draft and change
#                       the vote, vote and comment on an article, sign the
#                       petition twice, the error summaries, sign out, erase;
#                       page weight per page, the article page within budget
#                       (14,000 B of gzip'd HTML, 30,000 B in all), no request
#                       to another origin;
#   tests/web/a11y.js   every page template through axe-core (WCAG 2.2 AA
#                       rules) at 320 and 1280 px, no horizontal scroll at 320.
#
# Skips (exit 77) without Chromium, node >= 20 or the npm packages, unless
# SANAL_REQUIRE_ALL=1 (scripts/test), when that is a failure.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"

NODE_TIMEOUT=${NODE_TIMEOUT:-75}

need node sqlite3
need_browser

export SANAL_NOW=1796097600	# 2026-12-01 12:00 Ulaanbaatar: both items open
export SANALCTL
start_sanald
BASE=http://127.0.0.1:$SANAL_PORT

# Two pages of comments on article 3, by SMS (no votes: the flows count those).
for i in $(seq 10 20); do
	kmo "991500$i" "12 3 Бэлчээрийн гэрээ $i жил байх нь зөв эсэх тухай санал $i" "web-seed-$i"
	[ "$HTTP_CODE" = 200 ] || fail "seeding comment $i: HTTP $HTTP_CODE"
done
check "seeded comments on article 3" \
    "$(sql "SELECT count(*) FROM comment WHERE article = '3'")" 11

# run NAME ARGS...: one node script, bounded; its output in the log and $T/NAME.log.
run() {
	local name=$1 st=0 t0=$SECONDS
	shift
	# TMPDIR: Chromium's throw-away profile goes under $T, removed with it.
	TMPDIR=$T timeout -k 5 "$NODE_TIMEOUT" node "$top_srcdir/tests/web/$name.js" "$@" \
	    >"$T/$name.log" 2>&1 || st=$?
	cat "$T/$name.log"
	echo "--- $name.js: status $st in $((SECONDS - t0)) s"
	if [ "$st" = 124 ] || [ "$st" = 137 ]; then
		echo "FAIL $name.js did not finish within $NODE_TIMEOUT s" >&2
	elif [ "$st" != 0 ]; then
		grep '^FAIL' "$T/$name.log" | sed "s/^/$name: /" >&2
	fi
	return "$st"
}

p1=9900$((RANDOM % 9000 + 1000)) p2=9500$((RANDOM % 9000 + 1000)) p3=8800$((RANDOM % 9000 + 1000))
rc=0
run flows "$BASE" "$DB" "$p1" "$p2" || rc=1
run a11y "$BASE" "$DB" "$p3" || rc=1
[ "$rc" = 0 ] || fail "web pages in Chromium: see the FAIL lines above (page and flow named in each)"
ok "flows and accessibility in Chromium"

alive sanald || fail "sanald died during the browser tests"
no_phone_in_clear "$p1" "$p2" "$p3"
