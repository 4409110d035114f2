#!/bin/bash
# SPDX-License-Identifier: ISC
#
# The officials' web under /admin, from outside with curl against a real
# sanald holding the demo draft (12) and petition (31), its clock set with
# SANAL_NOW (sanald restarted to move it). Each "browser" is a name with its
# own two cookies, __Host-sanal (the form token's) and __Host-sanal-admin (the
# session), kept here by hand: curl's jar sends no Secure cookie over http. The
# security code is read from the outbox's text, where the SMS waits for
# Kannel (none runs here; the text is blanked a day after it is sent).
#
#   sign-in   name and password, then the SMS code, to the page asked for; the
#             cookie's attributes; the session token is new; a wrong password,
#             an unknown name, a disabled official and one without a phone get
#             the same page and no code; 5 refusals of a name lock it (an
#             unknown name too), and 30 wrong passwords sent at once get no
#             more tries than 5; a wrong code 5 times voids it; a code expires
#             after 10 minutes; a session after 15 idle minutes; sign-out ends it
#   roles     a viewer reads and gets 403 on the label, quote, decision,
#             notify and state forms; an analyst 403 on the decision; an
#             admin succeeds
#   forms     forged POSTs (no token, another browser's, another Origin): 403,
#             nothing written; the decision form's errors keep the input
#   notify    the plan (recipients, segments, aimags), a confirm that no longer
#             matches the plan is refused, the confirm queues exactly the
#             participants who did not opt out; at 23:30 they wait for 08:00
#   audit     every action and refusal in the audit trail, which verifies; no
#             phone number in any page nor in the database in clear
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"

need curl sqlite3
T0=1796097600			# 2026-12-01 12:00 Ulaanbaatar: both items open
export SANAL_NOW=$T0
PAGES=$T/pages.html		# every page seen, for the phone number check

P_BAT=99170101 P_SARAA=88170102 P_DORJ=95170103 P_OFF=99170104 P_LOCK=99170105
P_RACE=99170106

# --- browsers --------------------------------------------------------------------

declare -A JAR=() AJAR=() CSRF=()

location() { printf '%s\n' "$HTTP_HEADERS" | sed -n 's/^[Ll]ocation: //p' | tail -1; }
header() {
	printf '%s\n' "$HTTP_HEADERS" | awk -v n="$(printf '%s' "$1" | tr 'A-Z' 'a-z')" '
	    { i = index($0, ":"); if (tolower(substr($0, 1, i - 1)) == n) { print substr($0, i + 2); exit } }'
}
text_of() { printf '%s' "$HTTP_BODY" | sed 's/<[^>]*>/ /g' | tr -s ' \n' ' '; }

# web BROWSER METHOD PATH [CURL ARGS...]: one request with BROWSER's cookies;
# the ones set are kept (an admin cookie with Max-Age=0 is dropped).
web() {
	local b=$1 m=$2 p=$3 c args=() ck=
	shift 3
	[ -n "${JAR[$b]:-}" ] && ck="__Host-sanal=${JAR[$b]}"
	[ -n "${AJAR[$b]:-}" ] && ck="${ck:+$ck; }__Host-sanal-admin=${AJAR[$b]}"
	[ -n "$ck" ] && args+=(-H "Cookie: $ck")
	http "$m" "$p" "${args[@]}" "$@" || fail "$m $p: no answer"
	c=$(printf '%s\n' "$HTTP_HEADERS" | sed -n 's/^[Ss]et-[Cc]ookie: __Host-sanal=\([0-9a-f]*\);.*/\1/p')
	[ -n "$c" ] && { JAR[$b]=$c; unset 'CSRF[$b]'; }
	if grep -qi '^set-cookie: __Host-sanal-admin=' <<<"$HTTP_HEADERS"; then
		AJAR[$b]=$(printf '%s\n' "$HTTP_HEADERS" |
		    sed -n 's/^[Ss]et-[Cc]ookie: __Host-sanal-admin=\([0-9a-f]*\);.*/\1/p')
	fi
	printf '%s\n' "$HTTP_BODY" >>"$PAGES"
	case $HTTP_CODE in 5??) fail "$m $p as $b: status $HTTP_CODE $(text_of | head -c 300)" ;; esac
	alive sanald || fail "sanald died after $m $p"
	# every /admin answer: never stored, never indexed, a strict CSP
	case $p in /admin*)
		case $(header Cache-Control) in no-store) ;; *)
			fail "$m $p: Cache-Control '$(header Cache-Control)'" ;; esac
		case $(header X-Robots-Tag) in *noindex*) ;; *)
			fail "$m $p: X-Robots-Tag '$(header X-Robots-Tag)'" ;; esac
		case $(header Content-Security-Policy) in "default-src 'none'"*"frame-ancestors 'none'"*) ;;
		*) fail "$m $p: CSP '$(header Content-Security-Policy)'" ;; esac
		case $(header Content-Security-Policy) in *script-src*) fail "$m $p: a script-src" ;; esac ;;
	esac
	return 0
}

# post BROWSER PATH [CURL ARGS...]: a form sent as the page does: token, Origin.
post() {
	local b=$1 p=$2
	shift 2
	if [ -z "${CSRF[$b]:-}" ]; then
		web "$b" GET /admin/sign-in
		CSRF[$b]=$(printf '%s' "$HTTP_BODY" | grep -o 'name="csrf" value="[0-9a-f]*"' |
		    head -1 | sed 's/.*value="//; s/"$//')
		[ -n "${CSRF[$b]}" ] || fail "no form token on /admin/sign-in"
	fi
	web "$b" POST "$p" -H "Origin: http://127.0.0.1:$SANAL_PORT" \
	    -H "Sec-Fetch-Site: same-origin" --data-urlencode "csrf=${CSRF[$b]}" "$@"
}

# last_code: the newest security code in the outbox (its SMS starts with it).
last_code() { sql "SELECT substr(text, 1, 6) FROM outbox WHERE kind = 'code' ORDER BY id DESC LIMIT 1"; }
codes() { sql "SELECT count(*) FROM outbox WHERE kind = 'code'"; }
audits() { sql "SELECT count(*) FROM audit WHERE action = '$1'"; }

# password BROWSER NAME PASSWORD [NEXT]: step one.
password() {
	post "$1" /admin/sign-in --data-urlencode "name=$2" --data-urlencode "password=$3" \
	    ${4:+--data-urlencode "next=$4"}
}

# signin BROWSER NAME PASSWORD [NEXT]: both steps, checked.
signin() {
	local before=${AJAR[$1]:-}
	password "$@"
	[ "$HTTP_CODE" = 303 ] && [ "$(location)" = /admin/sign-in/code ] ||
	    fail "sign-in of $2: $HTTP_CODE '$(location)' $(text_of | head -c 200)"
	web "$1" GET /admin/sign-in/code
	check_re "the code page shows the masked number" "$(text_of)" '[0-9]{2}\*\* \*\*[0-9]{2}'
	post "$1" /admin/sign-in/code --data-urlencode "code=$(last_code)"
	[ "$HTTP_CODE" = 303 ] || fail "code of $2: $HTTP_CODE $(text_of | head -c 200)"
	[ -n "${AJAR[$1]:-}" ] && [ "${AJAR[$1]}" != "$before" ] ||
	    fail "sign-in of $2 set no new admin cookie"
}

# flat: the last page on one line, for patterns across its lines.
flat() { printf '%s' "$HTTP_BODY" | tr -d '\n'; }

# at SECONDS: sanald restarted at T0 + SECONDS (an hour on: fresh hourly limits).
at() {
	stop_sanald
	export SANAL_NOW=$((T0 + $1))
	start_sanald
}

# --- officials ----------------------------------------------------------------------

init_db
pw() { ctl official add "$@" | sed -n 's/^password: //p'; }
PW_BAT=$(pw Bat --role admin --phone "$P_BAT")
PW_SARAA=$(pw Saraa --role analyst --phone "+976 ${P_SARAA:0:4} ${P_SARAA:4}")
PW_DORJ=$(pw Dorj --role viewer)
PW_NOPHONE=$(pw Nophone --role admin)
PW_OFF=$(pw Off --role admin --phone "$P_OFF")
PW_LOCK=$(pw Lock --role viewer --phone "$P_LOCK")
PW_RACE=$(pw Race --role viewer --phone "$P_RACE")
[ -n "$PW_BAT" ] && [ -n "$PW_DORJ" ] && [ -n "$PW_LOCK" ] || fail "official add printed no password"
out=$(ctl official phone Dorj 12345 2>&1) && fail "a bad phone was taken: $out"
check_re "official phone: Mongolian numbers only" "$out" 'Mongolian number'
out=$(ctl official phone Dorj +447700900123 2>&1) && fail "a foreign phone was taken: $out"
ctl official phone Dorj "$P_DORJ" >/dev/null || fail "official phone Dorj"
ctl official disable Off >/dev/null || fail "official disable"
list=$(ctl official list)
check_re "official list masks the phone" "$list" "^[0-9]+ +Bat +admin .* ${P_BAT:0:2}\*\* \*\*${P_BAT:6:2}"
check_re "official list: no phone shows -" "$list" '^[0-9]+ +Nophone +admin .* - *$'
check_re "official list: disabled" "$list" 'Off .*disabled'
case $list in *"$P_BAT"*|*"$P_SARAA"*) fail "official list shows a number" ;; esac
ok "official list shows no number"

# participants of 12: three voters (one opts out) and a petition signer
start_sanald
kmo 99170001 "БҮРТГЭЛ Хөвсгөл Мөрөн" a-1
kmo 99170001 "12 тийм" a-2
kmo 99170002 "12 үгүй" a-3
kmo 88170003 "12 3 sain baina" a-4
kmo 99170004 "12 тийм" a-5
kmo 99170004 "ЗОГС" a-6
kmo 99170005 "31 тийм" a-7

echo "=== sign-in"
web A GET /admin
check "no session: /admin sends to sign in" "$HTTP_CODE $(location)" "303 /admin/sign-in"
web A GET "/admin/c/12/decision"
check "no session: the page asked for is kept" "$(location)" "/admin/sign-in?next=/admin/c/12/decision"
web A GET "/admin/sign-in?next=//evil.example/"
case $HTTP_BODY in *evil.example*) fail "an off-site next is kept" ;; esac
ok "an off-site next is dropped"

n0=$(codes)
password A Bat wrong-password-1
check "a wrong password: 400" "$HTTP_CODE" 400
wrong_page=$(printf '%s' "$HTTP_BODY" | sed 's/value="[0-9a-f]*"/value=""/g; s/value="Bat"/value="NAME"/')
check_re "says name or password wrong" "$(text_of)" 'Нэр эсвэл нууц үг буруу'
password A Nobody wrong-password-2
check "an unknown name: 400" "$HTTP_CODE" 400
check "an unknown name gets the very page of a wrong password" \
    "$(printf '%s' "$HTTP_BODY" | sed 's/value="[0-9a-f]*"/value=""/g; s/value="Nobody"/value="NAME"/' | md5sum)" \
    "$(printf '%s' "$wrong_page" | md5sum)"
password A Nophone "$PW_NOPHONE"
check "right password, no phone: the same page" \
    "$(printf '%s' "$HTTP_BODY" | sed 's/value="[0-9a-f]*"/value=""/g; s/value="Nophone"/value="NAME"/' | md5sum)" \
    "$(printf '%s' "$wrong_page" | md5sum)"
password A Off "$PW_OFF"
check "a disabled official: the same page" \
    "$(printf '%s' "$HTTP_BODY" | sed 's/value="[0-9a-f]*"/value=""/g; s/value="Off"/value="NAME"/' | md5sum)" \
    "$(printf '%s' "$wrong_page" | md5sum)"
check "no code sent for any of them" "$(codes)" "$n0"
check "four refusals audited" "$(audits admin_password_refused)" 4
check "the unknown name is not in the audit trail" \
    "$(sql "SELECT count(*) FROM audit WHERE detail LIKE '%Nobody%'")" 0
check_re "the refusals say why" "$(sql "SELECT group_concat(detail, '|') FROM audit WHERE action = 'admin_password_refused'")" \
    '^official Bat: wrong password\|unknown name\|official Nophone: no phone set\|official Off: disabled$'
password A "" ""
check "an empty form: 400" "$HTTP_CODE" 400
check_re "asks for the name, linked" "$HTTP_BODY" 'href="#name"'

signin A Bat "$PW_BAT" /admin/c/12/decision
check "back to the page asked for" "$(location)" /admin/c/12/decision
sc=$(printf '%s\n' "$HTTP_HEADERS" | grep -i '^set-cookie: __Host-sanal-admin=')
check_re "the session cookie's attributes" "$sc" \
    '^[Ss]et-[Cc]ookie: __Host-sanal-admin=[0-9a-f]{64}; Path=/; Secure; HttpOnly; SameSite=Strict$'
check "the session token is not the browser's" "$([ "${AJAR[A]}" != "${JAR[A]}" ] && echo new)" new
check "one admin session" "$(sql "SELECT count(*) FROM admin_session")" 1
check "no session token in clear" \
    "$(sql "SELECT count(*) FROM admin_session WHERE hex(token_hash) = upper('${AJAR[A]}')")" 0
web A GET /admin
check "signed in: /admin" "$HTTP_CODE" 200
check_re "names the official and role" "$(text_of)" 'Bat \(админ\) нэвтэрсэн'
check_re "lists the draft" "$HTTP_BODY" 'id="item-12"'
check_re "lists the petition" "$HTTP_BODY" 'id="item-31"'
check_re "links the draft's decision and notify pages" "$(flat)" \
    'href="/admin/c/12/decision".*href="/admin/c/12/notify"'
web A GET "/admin?lang=en"
check_re "in English" "$(text_of)" 'Signed in as Bat \(admin\).*Drafts and petitions'
check "admin_sign_in audited" "$(audits admin_sign_in)" 1
check_re "with the name" "$(sql "SELECT detail FROM audit WHERE action = 'admin_sign_in'")" '^official Bat role admin$'

# a code page without a code, and a code used twice
web Z GET /admin/sign-in/code
check "no code asked for: back to sign-in" "$(location)" /admin/sign-in

echo "=== wrong codes"
at 3700
password B Saraa "$PW_SARAA"
check "Saraa's code sent" "$(location)" /admin/sign-in/code
right=$(last_code)
wrong=$(printf '%06d' $(( (10#$right + 1) % 1000000 )))
for i in 1 2 3 4 5; do
	post B /admin/sign-in/code --data-urlencode "code=$wrong"
	[ "$HTTP_CODE" = 400 ] || fail "wrong code $i: $HTTP_CODE"
done
ok "five wrong codes: 400 each"
post B /admin/sign-in/code --data-urlencode "code=$right"
check "the right code after five wrong ones: refused" "$HTTP_CODE" 400
check_re "the code is void" "$(text_of)" 'хугацаа дууссан эсвэл ашиглагдсан'
check "no session for Saraa" "${AJAR[B]:-}" ""
check "five wrong codes audited" "$(audits admin_code_refused)" 5
# a citizen's code page knows nothing of an official's code
password C Saraa "$PW_SARAA"
check "too soon for another code" "$HTTP_CODE" 400
check_re "says to wait" "$(text_of)" 'секундын дараа'
at 7400
password C Saraa "$PW_SARAA"
check "a new code after a while" "$(location)" /admin/sign-in/code
web C GET /sign-in/code
check "the citizens' code page does not take it" "$(location)" /sign-in
echo "=== expiry"
at $((7400 + 601))
post C /admin/sign-in/code --data-urlencode "code=$(last_code)"
check "a code 10 minutes old: refused" "$HTTP_CODE" 400
at 11100
signin C Saraa "$PW_SARAA"
check "Saraa goes to /admin" "$(location)" /admin

echo "=== lock"
for i in 1 2 3 4 5; do password D Lock "bad-$i"; done
password D Lock "$PW_LOCK"
check "the right password after 5 refusals: still refused" "$HTTP_CODE" 400
check_re "too many tries" "$(text_of)" '15 минут'
check "the lock is audited once" "$(sql "SELECT count(*) FROM audit WHERE detail = 'official Lock: too many tries, refused for 15 minutes'")" 1
password D Lock "$PW_LOCK"
check "refused again, not audited again" \
    "$(sql "SELECT count(*) FROM audit WHERE detail LIKE 'official Lock: too many%'")" 1
for i in 1 2 3 4 5; do password D Ghost "bad-$i"; done
password D Ghost "bad-6"
check_re "an unknown name is locked alike" "$(text_of)" '15 минут'

# 30 wrong passwords for one name at once, each with a good form token: the
# handler checks them before the batch stores any refusal, yet checks in
# flight count, so 5 are checked and stored, the lock is stored once
at 12100				# the refusals above are 15 minutes old
web R GET /admin/sign-in
CSRF[R]=$(printf '%s' "$HTTP_BODY" | grep -o 'name="csrf" value="[0-9a-f]*"' |
    head -1 | sed 's/.*value="//; s/"$//')
[ -n "${CSRF[R]}" ] && [ -n "${JAR[R]:-}" ] || fail "no form token for the race"
rows0=$(sql "SELECT count(*) FROM admin_attempt")
pids=()
for i in $(seq 1 30); do
	curl -s -o "$T/race.$i" -w '%{http_code}\n' --max-time 60 -X POST \
	    -H "Cookie: __Host-sanal=${JAR[R]}" -H "Origin: http://127.0.0.1:$SANAL_PORT" \
	    -H "Sec-Fetch-Site: same-origin" --data-urlencode "csrf=${CSRF[R]}" \
	    --data-urlencode name=Race --data-urlencode "password=guess-$i" \
	    "http://127.0.0.1:$SANAL_PORT/admin/sign-in" >"$T/race.$i.code" &
	pids+=($!)
done
wait "${pids[@]}" || fail "a request of the race failed"
alive sanald || fail "sanald died in the race"
check "30 answers at once, each 400" "$(cat "$T"/race.*.code | sort | uniq -c | tr -s ' ')" " 30 400"
check "the first 5 are 'wrong', the rest 'too many'" \
    "$(grep -l '15 минут' "$T"/race.? "$T"/race.?? | wc -l)" 25
check "5 wrong passwords checked and audited" \
    "$(sql "SELECT count(*) FROM audit WHERE detail = 'official Race: wrong password'")" 5
check "the lock audited once" \
    "$(sql "SELECT count(*) FROM audit WHERE detail LIKE 'official Race: too many%'")" 1
check "5 + 1 refusals stored" "$(($(sql "SELECT count(*) FROM admin_attempt") - rows0))" 6
n0=$(codes)
password R Race "$PW_RACE"
check "then the right password: refused" "$HTTP_CODE" 400
check_re "too many tries" "$(text_of)" '15 минут'
check "no code sent" "$(codes)" "$n0"

echo "=== roles"
at 14800
signin V Dorj "$PW_DORJ"
signin C Saraa "$PW_SARAA"
web V GET /admin
check "viewer: /admin" "$HTTP_CODE" 200
case $HTTP_BODY in *'/admin/c/12/decision'*|*'/admin/c/12/state'*) fail "a viewer is offered admin actions" ;; esac
ok "a viewer is offered no admin action"
web V GET /admin/c/12/decision
check "viewer: the decision page 403" "$HTTP_CODE" 403
check_re "names the role needed" "$(text_of)" 'админ үүрэг хэрэгтэй'
before=$(sql "SELECT count(*) FROM decision")
post V /admin/c/12/decision --data-urlencode article= --data-urlencode outcome=adopted \
    --data-urlencode "reason=Viewer"
check "viewer: POST decision 403" "$HTTP_CODE" 403
post V /admin/c/12/notify --data-urlencode confirm=1 --data-urlencode recipients=3 \
    --data-urlencode segments=3 --data-urlencode at=now
check "viewer: POST notify 403" "$HTTP_CODE" 403
post V /admin/c/12/state --data-urlencode state=closed
check "viewer: POST state 403" "$HTTP_CODE" 403
web V GET /admin/review
check "viewer: the review queue is read" "$HTTP_CODE" 200
post V /admin/label --data-urlencode id=1 --data-urlencode stance=support \
    --data-urlencode topic=fees
check "viewer: POST label 403" "$HTTP_CODE" 403
post V /admin/c/12/quotes --data-urlencode id=1
check "viewer: POST quotes 403" "$HTTP_CODE" 403
post C /admin/c/12/decision --data-urlencode article= --data-urlencode outcome=adopted \
    --data-urlencode "reason=Analyst"
check "analyst: POST decision 403" "$HTTP_CODE" 403
check "nothing decided by them" "$(sql "SELECT count(*) FROM decision")" "$before"

echo "=== forged"
signin A Bat "$PW_BAT"
web A POST /admin/c/12/state -H "Origin: http://127.0.0.1:$SANAL_PORT" --data-urlencode state=closed
check "no form token: 403" "$HTTP_CODE" 403
web A POST /admin/c/12/state -H "Origin: http://evil.example" \
    --data-urlencode "csrf=${CSRF[A]}" --data-urlencode state=closed
check "another Origin: 403" "$HTTP_CODE" 403
web A POST /admin/c/12/state -H "Sec-Fetch-Site: cross-site" \
    --data-urlencode "csrf=${CSRF[A]}" --data-urlencode state=closed
check "cross-site: 403" "$HTTP_CODE" 403
web A POST /admin/c/12/state -H "Origin: http://127.0.0.1:$SANAL_PORT" \
    --data-urlencode "csrf=${CSRF[C]}" --data-urlencode state=closed
check "another browser's token: 403" "$HTTP_CODE" 403
check "the item is untouched" "$(sql "SELECT state FROM item WHERE code = '12'")" auto
web A GET /admin/sign-out
check "GET sign-out changes nothing" "$(location) $(sql "SELECT count(*) FROM admin_session")" "/admin 3"

echo "=== admin actions"
post A /admin/c/12/state --data-urlencode state=closed
check "admin: close 12" "$HTTP_CODE $(location)" "303 /admin?state=12"
check "12 is closed" "$(sql "SELECT state FROM item WHERE code = '12'")" closed
web A GET "$(location)"
check_re "the dashboard says so" "$(text_of)" '12: төлөв өөрчлөгдлөө'
post A /admin/c/12/state --data-urlencode state=auto
check "12 back to its dates" "$(sql "SELECT state FROM item WHERE code = '12'")" auto

post A /admin/c/12/decision --data-urlencode article=3 --data-urlencode "reason=<b>Бэлчээр</b> & шалтгаан"
check "no outcome: 400" "$HTTP_CODE" 400
check_re "the summary first, linked" "$(flat)" '<main id="main"><div class="errors"[^>]*>.*href="#outcome-adopted"'
check_re "the reason is kept, escaped" "$HTTP_BODY" '&lt;b&gt;Бэлчээр&lt;/b&gt; &amp; шалтгаан</textarea>'
check_re "the article is kept" "$HTTP_BODY" '<option value="3" selected>'
check_re "the title says Error" "$HTTP_BODY" '<title>Алдаа'
post A /admin/c/12/decision --data-urlencode article=99 --data-urlencode outcome=changed \
    --data-urlencode "reason=$(head -c 1001 /dev/zero | tr '\0' 'ө')"
check "a missing article and a reason too long: 400" "$HTTP_CODE" 400
check_re "both named" "$(flat)" 'href="#article".*href="#reason"'
check "nothing decided yet" "$(sql "SELECT count(*) FROM decision")" 0
post A /admin/c/12/decision --data-urlencode article=3 --data-urlencode outcome=changed \
    --data-urlencode "reason=Гэрээний хугацааг уртасгав."
check "article 3's decision" "$HTTP_CODE $(location)" "303 /admin/c/12/decision?done=1"
web A GET "/admin/c/12/notify"
check_re "no decision on the whole item: nothing to tell" "$(text_of)" 'Толық|Бүхэлд нь гаргасан шийдвэр алга'
post A /admin/c/12/decision --data-urlencode article= --data-urlencode outcome=adopted \
    --data-urlencode "reason=Иргэдийн саналаар батлав."
check "the whole item's decision" "$HTTP_CODE" 303
check "two decisions, by Bat" "$(sql "SELECT count(*) FROM decision WHERE official = 'Bat'")" 2
web A GET "/admin/c/12/decision?done=1"
check_re "the page lists them" "$(text_of)" 'Шийдвэр нийтлэгдлээ.*3-р зүйл Өөрчлөн батлагдсан Гэрээний хугацааг уртасгав'
web A GET /c/12
check_re "the citizens' page shows it" "$HTTP_BODY" 'Иргэдийн саналаар батлав'

echo "=== notify"
web A GET /admin/c/12/notify
check "the plan" "$HTTP_CODE" 200
check_re "3 recipients (one opted out)" "$(text_of)" 'оролцогчид\) 3 '
check_re "their segments" "$(text_of)" '\(зардал\) 3 '
check_re "now" "$(text_of)" 'Хэзээ илгээх Одоо'
check_re "by aimag: Khövsgöl 1, unknown 2" "$(text_of)" 'Хөвсгөл 1 Тодорхойгүй 2'
check "the plan queues nothing" "$(sql "SELECT count(*) FROM outbox WHERE kind = 'decision'")" 0
post A /admin/c/12/notify --data-urlencode confirm=1 --data-urlencode recipients=2 \
    --data-urlencode segments=2 --data-urlencode at=now
check "a confirm of another plan: 409" "$HTTP_CODE" 409
check_re "says the plan changed" "$(text_of)" 'төлөвлөгөө өөрчлөгдсөн'
check "nothing queued" "$(sql "SELECT count(*) FROM outbox WHERE kind = 'decision'")" 0
post A /admin/c/12/notify --data-urlencode recipients=3 --data-urlencode segments=3 \
    --data-urlencode at=now
check "no confirm field: refused" "$HTTP_CODE" 409
post A /admin/c/12/notify --data-urlencode confirm=1 --data-urlencode recipients=3 \
    --data-urlencode segments=3 --data-urlencode at=now
check "confirmed" "$HTTP_CODE $(location)" "303 /admin/c/12/notify?queued=3&at=$SANAL_NOW"
check "three texts queued" "$(sql "SELECT count(*) FROM outbox WHERE kind = 'decision'")" 3
check "exactly the participants who did not opt out" \
    "$(sql "SELECT group_concat(participant_id) FROM (SELECT participant_id FROM outbox WHERE kind = 'decision' ORDER BY 1)")" \
    "$(sql "SELECT group_concat(id) FROM (SELECT DISTINCT p.id FROM participant p JOIN vote v ON v.participant_id = p.id JOIN item i ON i.id = v.item_id WHERE i.code = '12' AND p.opted_out = 0 UNION SELECT p.id FROM participant p JOIN comment c ON c.participant_id = p.id JOIN item i ON i.id = c.item_id WHERE i.code = '12' AND p.opted_out = 0 ORDER BY 1)")"
# due now: still waiting for now, or already tried by the sender (which moves next_at on)
check "due now" "$(sql "SELECT count(*) FROM outbox WHERE kind = 'decision' AND (next_at = $SANAL_NOW OR attempts > 0)")" 3
web A GET "$(location)"
check_re "the result page" "$(text_of)" '3 мессеж илгээх дараалалд орлоо'

post A /admin/c/12/notify --data-urlencode confirm=1 --data-urlencode recipients=3 \
    --data-urlencode segments=3 --data-urlencode at=now
check "the same plan confirmed again (a reload): refused" "$HTTP_CODE" 409
check_re "says when they were queued" "$(text_of)" 'Эдгээр мессеж .* дараалалд орсон'
check "still three texts" "$(sql "SELECT count(*) FROM outbox WHERE kind = 'decision'")" 3
out=$(ctl decision notify 12 2>&1) && fail "sanalctl decision notify: exit 0 after a send"
check_re "sanalctl says they went" "$out" 'they were queued on .*publish a changed decision'

echo "=== quiet hours"
at $((11 * 3600 + 1800))		# 23:30 Ulaanbaatar
signin A Bat "$PW_BAT"
post A /admin/c/12/decision --data-urlencode article= --data-urlencode outcome=changed \
    --data-urlencode "reason=Иргэдийн саналаар өөрчлөн батлав."
check "a changed decision" "$HTTP_CODE" 303
web A GET "/admin/c/12/notify?lang=en"
check_re "the plan says 08:00" "$(text_of)" 'When they go 2026-12-02 08:00, Ulaanbaatar time'
at=$(printf '%s' "$HTTP_BODY" | sed -n 's/.*name="at" value="\([0-9]*\)".*/\1/p')
check "the form keeps the time" "$at" $((T0 + 20 * 3600))
post A /admin/c/12/notify --data-urlencode confirm=1 --data-urlencode recipients=3 \
    --data-urlencode segments=3 --data-urlencode "at=$at"
check "confirmed at night" "$HTTP_CODE" 303
check "held until 08:00" "$(sql "SELECT count(*) FROM outbox WHERE kind = 'decision' AND next_at = $at")" 3

echo "=== idle and sign-out"
at $((11 * 3600 + 1800 + 901))
web A GET /admin
check "15 minutes idle: signed out" "$(location)" /admin/sign-in
at $((11 * 3600 + 1800 + 901 + 3600))
signin A Bat "$PW_BAT"
old=${AJAR[A]}
post A /admin/sign-out
check "sign-out" "$HTTP_CODE $(location)" "303 /admin/sign-in"
check_re "the cookie is cleared" "$(printf '%s\n' "$HTTP_HEADERS" | grep -i '^set-cookie: __Host-sanal-admin=')" 'Max-Age=0'
AJAR[A]=$old
web A GET /admin
check "the old token is no session" "$(location)" /admin/sign-in
check "admin_sign_out audited" "$(audits admin_sign_out)" 1
ctl official disable Saraa >/dev/null
web C GET /admin
check "a disabled official's session ends" "$(location)" /admin/sign-in
stop_sanald

echo "=== audit"
for a in admin_sign_in admin_sign_out admin_password_refused admin_code_refused \
    consultation_close consultation_auto decision decision_notify admin_notify \
    official_add official_phone official_disable; do
	[ "$(audits "$a")" -gt 0 ] || fail "no $a in the audit trail"
done
ok "every action and refusal is in the audit trail"
check_re "the decisions name Bat" "$(sql "SELECT group_concat(detail, '|') FROM audit WHERE action IN ('decision', 'admin_notify', 'consultation_close')")" \
    'by Bat.*by Bat.*by official Bat.*by official Bat'
ctl audit verify >/dev/null || fail "audit verify fails"
ok "the audit trail verifies"
for ph in "$P_BAT" "$P_SARAA" "$P_DORJ" "$P_OFF" "$P_LOCK" "$P_RACE" 99170001 99170002 88170003 99170004; do
	grep -qF "$ph" "$PAGES" && fail "$ph in a page"
done
ok "no phone number in any page ($(grep -c '</html>' "$PAGES") pages)"
no_phone_in_clear "$P_BAT" "$P_SARAA" "$P_DORJ" "$P_OFF" "$P_LOCK" "$P_RACE"
