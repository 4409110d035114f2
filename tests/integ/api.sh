#!/bin/bash
# SPDX-License-Identifier: ISC
#
# Officials and the /api/v1/ JSON API. sanalctl official add makes accounts
# whose password is printed once and stored only as argon2id; a bad role,
# a duplicate name or an unknown official is refused with a clear message.
# sanalctl token add prints a bearer token once and token list never shows
# one. Without a token sanald answers 401 with WWW-Authenticate: Bearer, and
# a garbage, unknown or revoked token is 401 too; a viewer reads the report,
# the same bytes as sanalctl report 12 --format json; viewers and analysts
# may not close an item (403, the item stays open), an admin may. The
# database holds no token or password in clear, every action is in the
# audit table, and the audit trail still verifies.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"
need_sanal
need curl node

init_db

# --- sanalctl official ------------------------------------------------------------------
declare -A PASSWORD TOKEN TOKEN_ID
for who in viewer:tuya analyst:bat admin:saraa; do
	role=${who%%:*} name=${who#*:}
	ctl official add "$name" --role "$role" >"$T/official-$name.out" 2>&1 ||
	    { cat "$T/official-$name.out"; fail "official add $name --role $role"; }
	PASSWORD[$name]=$(sed -n 's/^password: //p' "$T/official-$name.out")
	check_re "$name's password" "${PASSWORD[$name]}" '^[a-z2-9]{20}$'
	grep -q 'will not be shown again' "$T/official-$name.out" ||
	    fail "official add does not say the password is shown once"
done
ok "three officials, each with a 20-character password shown once"

if ctl official add dorj --role boss >"$T/badrole.out" 2>&1; then fail "role boss accepted"; fi
grep -q 'role "boss": must be viewer, analyst or admin' "$T/badrole.out" ||
    fail "bad role message: $(cat "$T/badrole.out")"
ok "a bad role is refused: $(cat "$T/badrole.out")"
if ctl official add tuya --role admin >"$T/dup.out" 2>&1; then fail "a second tuya accepted"; fi
grep -q 'exists already' "$T/dup.out" || fail "duplicate message: $(cat "$T/dup.out")"
ok "a duplicate name is refused: $(cat "$T/dup.out")"
if ctl official add "two words" --role viewer >"$T/space.out" 2>&1; then fail "a name with a space accepted"; fi
if ctl official add dorj >"$T/norole.out" 2>&1; then fail "official add without --role accepted"; fi
check "officials stored" "$(sql "SELECT group_concat(name || ':' || role) FROM official")" \
    "tuya:viewer,bat:analyst,saraa:admin"
check "argon2id hashes" "$(sql "SELECT count(*) FROM official WHERE password_hash LIKE '\$argon2id\$%'")" 3
ctl official list >"$T/officials.out" || fail "official list"
check_re "official list" "$(cat "$T/officials.out")" 'saraa +admin'

# --- sanalctl token ------------------------------------------------------------------------
for name in tuya bat saraa; do
	ctl token add "$name" >"$T/token-$name.out" 2>&1 ||
	    { cat "$T/token-$name.out"; fail "token add $name"; }
	TOKEN[$name]=$(sed -n 's/^token [0-9]* for [a-z]*: //p' "$T/token-$name.out")
	TOKEN_ID[$name]=$(sed -n 's/^token \([0-9]*\) for .*/\1/p' "$T/token-$name.out")
	check_re "$name's token" "${TOKEN[$name]}" '^sanal_[0-9a-f]{64}$'
	grep -q 'will not be shown again' "$T/token-$name.out" ||
	    fail "token add does not say the token is shown once"
done
if ctl token add nobody >"$T/notoken.out" 2>&1; then fail "token for an unknown official"; fi
grep -q 'no official named nobody' "$T/notoken.out" || fail "unknown official: $(cat "$T/notoken.out")"
ok "a token for an unknown official is refused: $(cat "$T/notoken.out")"
if ctl token revoke abc >"$T/badid.out" 2>&1; then fail "token revoke abc accepted"; fi
if ctl token revoke 999 >"$T/noid.out" 2>&1; then fail "token revoke 999 accepted"; fi
grep -q 'no token 999' "$T/noid.out" || fail "revoke 999: $(cat "$T/noid.out")"

start_sanald

# --- what citizens send ----------------------------------------------------------------------
n=0
for ph in 99180001 99180002 99180003; do
	n=$((n + 1))
	kmo "$ph" "12 тийм" "api$n"
	[ "$HTTP_CODE" = 200 ] || fail "MO: HTTP $HTTP_CODE"
done
kmo 99180004 "12 үгүй" api4
kmo 99180005 "12 3 Бэлчээрийн төлбөр хэт өндөр" api5
kmo 99180006 "31 тийм" api6
[ "$HTTP_CODE" = 200 ] || fail "MO: HTTP $HTTP_CODE"

header() { printf '%s\n' "$HTTP_HEADERS" | sed -n "s/^$1: //Ip" | head -1; }
json_error() {	# json_error WHAT: the last body is a JSON object with an error
	node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).error || process.exit(1)' \
	    "$T/http.body" || fail "$1: not a JSON error: $HTTP_BODY"
}
REPORT=/api/v1/consultations/12/report
bearer() { printf 'Authorization: Bearer %s' "$1"; }

# --- 401 ----------------------------------------------------------------------------------
http GET "$REPORT"
check "no token" "$HTTP_CODE" 401
check_re "no token: WWW-Authenticate" "$(header WWW-Authenticate)" '^Bearer'
check "no token: JSON" "$(header Content-Type)" application/json
json_error "no token"
for auth in "Basic dHV5YTpwdw==" "Bearer" "Bearer garbage" \
    "Bearer sanal_$(printf '0%.0s' {1..64})" "Bearer ${TOKEN[tuya]}x" \
    "Bearer ${TOKEN[tuya]^^}"; do
	http GET "$REPORT" -H "Authorization: $auth"
	check "'${auth:0:24}…'" "$HTTP_CODE" 401
	check_re "WWW-Authenticate" "$(header WWW-Authenticate)" '^Bearer'
	json_error "$auth"
done
ok "missing, malformed and unknown tokens: 401 with WWW-Authenticate: Bearer"

# --- a viewer reads ---------------------------------------------------------------------------
http GET "$REPORT" -H "$(bearer "${TOKEN[tuya]}")"
check "viewer GET report" "$HTTP_CODE" 200
cp "$T/http.body" "$T/api-12.json"
check "report type" "$(header Content-Type)" application/json
check "report cache" "$(header Cache-Control)" no-store
[ -z "$(header Set-Cookie)" ] || fail "the API set a cookie"
ctl report 12 --format json >"$T/ctl-12.json" || fail "report 12 --format json"
cmp "$T/api-12.json" "$T/ctl-12.json" || { diff "$T/ctl-12.json" "$T/api-12.json"; fail "API report differs from sanalctl's"; }
node -e '
	const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	if (o.votes.support !== 3 || o.votes.oppose !== 1 || o.comments !== 1 || o.status !== "open")
		throw new Error(JSON.stringify(o));
' "$T/api-12.json" || fail "report numbers"
ok "viewer: the report is sanalctl report 12 --format json byte for byte"
len=$(wc -c <"$T/api-12.json")
http HEAD "$REPORT" -I -H "$(bearer "${TOKEN[tuya]}")"
check "HEAD report" "$HTTP_CODE" 200
check "HEAD Content-Length" "$(header Content-Length)" "$len"
http GET /api/v1/consultations/99/report -H "$(bearer "${TOKEN[tuya]}")"
check "unknown item" "$HTTP_CODE" 404
json_error "unknown item"
for p in /api/v1/ /api/v1/consultations/12 /api/v1/consultations/abc/report /api/v1/x; do
	http GET "$p" -H "$(bearer "${TOKEN[tuya]}")"
	check "GET $p" "$HTTP_CODE" 404
	json_error "$p"
done
http GET /api/v1/consultations -H "$(bearer "${TOKEN[tuya]}")"
check "viewer GET consultations" "$HTTP_CODE" 200
node -e '
	const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	const s = o.consultations.map(c => [c.code, c.kind, c.status].join(":")).join(",");
	if (s !== "12:consultation:open,31:petition:open") throw new Error(s);
	if (!o.consultations.every(c => typeof c.title === "string" && c.title)) throw new Error("title");
' "$T/http.body" || fail "consultations list: $HTTP_BODY"
ok "viewer: the list of items"
http POST "$REPORT" -H "$(bearer "${TOKEN[tuya]}")"
check "POST report" "$HTTP_CODE" 405

# --- roles: only an admin closes --------------------------------------------------------------
CLOSE=/api/v1/consultations/12/close
for name in tuya bat; do
	http POST "$CLOSE" -H "$(bearer "${TOKEN[$name]}")"
	check "$name POST close" "$HTTP_CODE" 403
	json_error "$name close"
done
check "12 still open" "$(sql "SELECT state FROM item WHERE code = '12'")" auto
http GET "$CLOSE" -H "$(bearer "${TOKEN[saraa]}")"
check "GET close" "$HTTP_CODE" 405
http POST "$CLOSE" -H "$(bearer "${TOKEN[saraa]}")"
check "admin POST close" "$HTTP_CODE" 200
check "12 closed" "$(sql "SELECT state FROM item WHERE code = '12'")" closed
http GET "$REPORT" -H "$(bearer "${TOKEN[bat]}")"
check "analyst reads the closed report" "$HTTP_CODE" 200
check "status closed" "$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).status)' "$T/http.body")" closed
http POST /api/v1/consultations/99/close -H "$(bearer "${TOKEN[saraa]}")"
check "admin closes an unknown item" "$HTTP_CODE" 404
ok "viewer and analyst: 403, the item stays open; admin: closed"

# --- revoked ----------------------------------------------------------------------------------
ctl token revoke "${TOKEN_ID[tuya]}" >"$T/revoke.out" 2>&1 || { cat "$T/revoke.out"; fail "token revoke"; }
if ctl token revoke "${TOKEN_ID[tuya]}" >"$T/revoke2.out" 2>&1; then fail "revoked twice"; fi
grep -q 'revoked already' "$T/revoke2.out" || fail "second revoke: $(cat "$T/revoke2.out")"
http GET "$REPORT" -H "$(bearer "${TOKEN[tuya]}")"
check "revoked token" "$HTTP_CODE" 401
check_re "revoked: WWW-Authenticate" "$(header WWW-Authenticate)" 'invalid_token'
http GET "$REPORT" -H "$(bearer "${TOKEN[bat]}")"
check "another token still works" "$HTTP_CODE" 200

# --- no secret in clear -----------------------------------------------------------------------
ctl token list >"$T/tokens.out" || fail "token list"
check "token list rows" "$(grep -c '^[0-9]' "$T/tokens.out")" 3
check_re "token list shows the revoked one" "$(grep "^${TOKEN_ID[tuya]} " "$T/tokens.out")" 'tuya .* [0-9]{4}-[0-9]{2}-[0-9]{2}'
grep -q 'sanal_' "$T/tokens.out" && fail "token list prints a token"
for name in tuya bat saraa; do
	grep -qF -e "${TOKEN[$name]#sanal_}" "$T/tokens.out" "$T/officials.out" && fail "a list shows $name's token"
done
ok "token list: id, official, created, revoked; never a token"
stop_sanald
sqlite3 "$DB" .dump >"$T/dump.sql" || fail "sqlite3 .dump"
for name in tuya bat saraa; do
	grep -qF -e "${TOKEN[$name]}" -e "${TOKEN[$name]#sanal_}" "$T/dump.sql" && fail "$name's token in the database"
	hex=$(printf '%s' "${TOKEN[$name]#sanal_}" | tr a-f A-F)
	grep -qF -e "$hex" "$T/dump.sql" && fail "$name's token bytes in the database"
	grep -qF -e "${PASSWORD[$name]}" "$T/dump.sql" && fail "$name's password in the database"
done
grep -qF 'sanal_' "$T/dump.sql" && fail "a token in the database"
ok "the database holds no token or password in clear"

# --- the audit trail --------------------------------------------------------------------------
audit() { sql "SELECT count(*) FROM audit WHERE action = '$1' AND channel = 'admin' AND who_hash IS NULL AND detail LIKE '$2'"; }
check "audit official_add" "$(audit official_add 'official %')" 3
check "audit token_add" "$(audit token_add 'token % for official %')" 3
check "audit token_revoke" "$(audit token_revoke "token ${TOKEN_ID[tuya]} of official tuya")" 1
check_re "audit token_used" "$(audit token_used 'token % of official %')" '^[0-9]+$'
[ "$(audit token_used '%')" -ge 10 ] || fail "token uses audited: $(audit token_used '%')"
check "audit token_refused (revoked)" "$(audit token_refused '%tuya (revoked)')" 1
check "audit close" "$(sql "SELECT count(*) FROM audit WHERE action = 'consultation_close' AND item_code = '12' AND detail = 'closed by official saraa (api)'")" 1
out=$(ctl audit verify) || fail "audit verify: $out"
check_re "audit verify" "$out" '^audit trail intact'
ok "every official action is audited; the trail verifies"
