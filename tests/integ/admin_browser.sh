#!/bin/bash
# SPDX-License-Identifier: ISC
#
# The officials' pages in a real browser: tests/web/admin.js in Debian's
# Chromium (npm playwright-core, axe-core) against sanald with the demo draft
# (12) and petition (31), a few SMS votes on 12, an admin and a viewer with
# phones. admin.js signs in through the real pages (the code read from the
# outbox) and finds no WCAG 2.2 A/AA violation on the sign-in and code pages
# (and their errors), the dashboard, the decision page (and its error), the
# notify plan and the 403 page, in mn and en, at 320 and 1280 px.
#
# Skips (exit 77) without Chromium, node >= 20 or the npm packages, unless
# SANAL_REQUIRE_ALL=1 (scripts/test), when that is a failure.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"

NODE_TIMEOUT=${NODE_TIMEOUT:-90}

need node sqlite3
need_browser

export SANAL_NOW=1796097600	# 2026-12-01 12:00 Ulaanbaatar: both items open
init_db
PA=99180101 PV=88180102
PW_A=$(ctl official add Bat --role admin --phone "$PA" | sed -n 's/^password: //p')
PW_V=$(ctl official add Dorj --role viewer --phone "$PV" | sed -n 's/^password: //p')
[ -n "$PW_A" ] && [ -n "$PW_V" ] || fail "sanalctl official add printed no password"
start_sanald
kmo 99180001 "БҮРТГЭЛ Хөвсгөл Мөрөн" b-1
kmo 99180001 "12 тийм" b-2
kmo 99180002 "12 үгүй" b-3
kmo 88180003 "12 3 sain baina" b-4

st=0 t0=$SECONDS
TMPDIR=$T timeout -k 5 "$NODE_TIMEOUT" node "$top_srcdir/tests/web/admin.js" \
    "http://127.0.0.1:$SANAL_PORT" "$DB" Bat "$PW_A" Dorj "$PW_V" >"$T/admin.log" 2>&1 || st=$?
cat "$T/admin.log"
echo "--- admin.js: status $st in $((SECONDS - t0)) s"
[ "$st" = 0 ] || fail "the officials' pages in Chromium: see the FAIL lines above"
ok "officials' pages in Chromium: no axe violation"
alive sanald || fail "sanald died during the browser test"
no_phone_in_clear "$PA" "$PV"
