#!/bin/bash
# SPDX-License-Identifier: ISC
#
# Officials and the /api/v1/ JSON API. sanalctl official add makes accounts
# whose password is printed once and stored only as argon2id; a bad role,
# a duplicate name or an unknown official is refused with a clear message.
# sanalctl token add prints a bearer token once and token list never shows
# one. Without a token sanald answers 401 with WWW-Authenticate: Bearer, and
# a garbage, unknown or revoked token is 401 too; a viewer reads the report,
# the same bytes as sanalctl report 12 --format json, the item, its decisions
# and its comments (each filter alone and together, pages with next/prev and
# Link, 400 naming a bad parameter, 404 for an unknown item); a viewer may
# not label a comment (403), an analyst may (stored, audited, shown as
# human_labelled, out of the review queue); no answer holds a phone number;
# viewers and analysts may not close an item (403, the item stays open), an
# admin may. The
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
# the same bytes but the time it was made (sanald's and sanalctl's clocks may be a second apart)
grep -q '"as_of": "20' "$T/api-12.json" || fail "the API report has no as_of"
cmp <(grep -v '"as_of"' "$T/api-12.json") <(grep -v '"as_of"' "$T/ctl-12.json") ||
    { diff "$T/ctl-12.json" "$T/api-12.json"; fail "API report differs from sanalctl's"; }
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
for p in /api/v1/ /api/v1/consultations/12/ /api/v1/consultations/abc/report /api/v1/x \
    /api/v1/consultations/12/comments/1 /api/v1/comments/1 /api/v1/comments/01/label; do
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

# --- the item, its comments and its decisions --------------------------------------------------
# More citizens: one in Khövsgöl on article 1, three phones sending the same text
# on article 2 (a campaign), one on the item as a whole; then the analyser.
kmo 99180007 "БҮРТГЭЛ Хөвсгөл Мөрөн" api7
kmo 99180007 "12 1 Бэлчээрийн хууль сайн байна" api8
n=8
for ph in 99180008 99180009 99180010; do
	n=$((n + 1))
	kmo "$ph" "12 2 Малчдын эрхийг хамгаалах хэрэгтэй" "api$n"
done
kmo 99180011 "12 Хууль хэзээ батлагдах вэ" api12
[ "$HTTP_CODE" = 200 ] || fail "MO: HTTP $HTTP_CODE"
out=$(ctl analyse 2>&1) || fail "sanalctl analyse: $out"
check "every comment analysed" "$(sql "SELECT count(*) FROM comment WHERE analysed = 0")" 0
PHONES="99180001 99180002 99180003 99180004 99180005 99180006 99180007 99180008 99180009 99180010 99180011"

: >"$T/all-bodies"
# get PATH [TOKEN]: GET with a token (viewer's by default); every body is kept
get() {
	http GET "$1" -H "$(bearer "${2:-${TOKEN[tuya]}}")"
	cat "$T/http.body" >>"$T/all-bodies"
}
# js EXPR: evaluates EXPR with o = the last body (JSON), prints the result
js() {
	node -e 'const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	    const r = eval(process.argv[2]); console.log(typeof r === "object" ? JSON.stringify(r) : r)' \
	    "$T/http.body" "$1" || fail "js $1: $HTTP_BODY"
}
C=/api/v1/consultations/12/comments

http GET "$C"
check "comments without a token" "$HTTP_CODE" 401
json_error "comments without a token"
get "$C"
check "viewer GET comments" "$HTTP_CODE" 200
check "comments cache" "$(header Cache-Control)" no-store
check "comments: code, page, per_page, total" "$(js '[o.code, o.page, o.per_page, o.total, o.pages].join()')" "12,1,50,6,1"
check "comments: six, newest first" "$(js 'o.comments.map(c => c.id).every((id, i, a) => i == 0 || a[i - 1] > id) && o.comments.length')" 6
check "comments: ids are the database's" "$(js 'o.comments.map(c => c.id).join()')" \
    "$(sql "SELECT group_concat(id) FROM (SELECT c.id FROM comment c JOIN item i ON i.id = c.item_id WHERE i.code = '12' ORDER BY c.id DESC)")"
check "comments: members" "$(js 'Object.keys(o.comments[0]).join()')" \
    "id,article,channel,aimag,date,text,stance,topic,confidence,human_labelled,campaign_id,review"
check_re "comments: dates in Ulaanbaatar time" "$(js 'o.comments.map(c => c.date).join(" ")')" \
    '^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+08:00 ?){6}$'
check "comments: every one classified" "$(js 'o.comments.every(c => c.stance && c.topic && c.confidence > 0 && c.confidence <= 1)')" true
check "comments: no next page" "$(js '[o.next, o.prev].join()')" ","
cp "$T/http.body" "$T/comments-all.json"
ALL=$(js 'o.comments.map(c => c.id).join()')
ok "viewer: the item's comments, newest first, traceable to id, date, channel and aimag"

get "$C?article=3"
check "article 3" "$(js 'o.total + ":" + o.comments.map(c => c.article + "/" + c.text).join()')" "1:3/Бэлчээрийн төлбөр хэт өндөр"
get "$C?article=-"
check "the item as a whole" "$(js 'o.total + ":" + o.comments.map(c => c.article + "/" + c.text).join()')" "1:null/Хууль хэзээ батлагдах вэ"
get "$C?aimag=67"
check "Khövsgöl" "$(js 'o.total + ":" + o.comments.map(c => c.aimag + "/" + c.article).join()')" "1:67/1"
get "$C?campaign=yes"
check "in a campaign" "$(js 'o.total + ":" + o.comments.map(c => c.article).join()')" "3:2,2,2"
check "one campaign, named by its first comment" "$(js 'new Set(o.comments.map(c => c.campaign_id)).size + ":" + (o.comments[2].campaign_id === o.comments[2].id)')" "1:true"
get "$C?campaign=no"
check "not a campaign copy" "$(js 'o.total')" 4
get "$C?campaign=any&channel=sms"
check "sms" "$(js 'o.total')" 6
get "$C?channel=web"
check "web" "$(js 'o.total + ":" + o.comments.length')" "0:0"
today=$(date -u -d "@$(($(date +%s) + 8 * 3600))" +%F)
get "$C?day=$today"
check "today in Ulaanbaatar" "$(js 'o.total')" 6
get "$C?day=2000-01-01"
check "another day" "$(js 'o.total')" 0
# each stance and topic: exactly the comments the unfiltered list shows with it
for f in stance=support stance=oppose stance=amend stance=question stance=other \
    topic=fees topic=land_pasture topic=water topic=governance topic=other; do
	want=$(node -e 'const [k, v] = process.argv[2].split("=");
	    console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).comments
	    .filter(c => c[k] === v).map(c => c.id).join())' "$T/comments-all.json" "$f")
	get "$C?$f"
	check "$f" "$(js 'o.comments.map(c => c.id).join()')" "$want"
done
st=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).comments[0].stance)' "$T/comments-all.json")
get "$C?stance=$st&campaign=yes&article=2&per_page=100"
check "filters together" "$(js 'o.comments.every(c => c.stance === "'"$st"'" && c.article === "2" && c.campaign_id) && o.total === o.comments.length')" true
ok "each filter: article, the item as a whole, aimag, campaign, channel, day, stance, together"

get "$C?per_page=2"
check "page 1 of 3" "$(js '[o.page, o.per_page, o.total, o.pages, o.comments.map(c => c.id)].join(";")')" \
    "1;2;6;3;$(echo "$ALL" | cut -d, -f1-2)"
check "page 1: next" "$(js 'o.next')" "/api/v1/consultations/12/comments?page=2&per_page=2"
check "page 1: no prev" "$(js 'o.prev')" null
check_re "page 1: Link" "$(header Link)" '</api/v1/consultations/12/comments\?page=2&per_page=2>; rel="next"'
check_re "page 1: Link last" "$(header Link)" 'page=3&per_page=2>; rel="last"'
get "$(js 'o.next')"
check "page 2" "$(js '[o.page, o.comments.map(c => c.id)].join(";")')" "2;$(echo "$ALL" | cut -d, -f3-4)"
check "page 2: prev" "$(js 'o.prev')" "/api/v1/consultations/12/comments?page=1&per_page=2"
get "$C?per_page=2&page=3"
check "page 3: the last" "$(js '[o.comments.map(c => c.id), o.next].join(";")')" "$(echo "$ALL" | cut -d, -f5-6);"
get "$C?per_page=2&page=4"
check "past the end" "$(js '[o.total, o.comments.length, o.prev].join(";")')" "6;0;/api/v1/consultations/12/comments?page=3&per_page=2"
get "$C?campaign=yes&per_page=1&article=2"
check "links keep the filters" "$(js 'o.next')" "/api/v1/consultations/12/comments?article=2&campaign=yes&page=2&per_page=1"
ok "paging: total, pages, next/prev in the body and in Link"

for q in stance=bogus topic=land channel=fax day=2026-13-01 day=01.12.2026 aimag=99 \
    aimag=6704 campaign=maybe page=0 page=abc per_page=0 per_page=101 foo=1; do
	get "$C?$q"
	check "?$q" "$HTTP_CODE" 400
	json_error "?$q"
	check_re "?$q names it" "$(js 'o.error')" "^${q%%=*}|\"${q%%=*}\""
done
ok "bad filters: 400 with a message naming the parameter ($(js 'o.error'))"
get /api/v1/consultations/99/comments
check "comments of an unknown item" "$HTTP_CODE" 404
json_error "comments of an unknown item"

# --- labels: analysts and admins only ----------------------------------------------------------
first=$(echo "$ALL" | cut -d, -f1)
copy=$(sql "SELECT id FROM comment WHERE campaign_id <> id ORDER BY id LIMIT 1")
out=$(ctl review) || fail "sanalctl review"
check_re "a campaign copy is in the review queue" "$out" "^$copy	12	"
L=/api/v1/comments/$copy/label
body='{"stance": "oppose", "topic": "water"}'
http POST "$L" -H 'Content-Type: application/json' -d "$body"
check "label without a token" "$HTTP_CODE" 401
http POST "$L" -H "$(bearer "${TOKEN[tuya]}")" -H 'Content-Type: application/json' -d "$body"
check "viewer labels" "$HTTP_CODE" 403
json_error "viewer labels"
check "no label by a viewer" "$(sql "SELECT count(*) FROM comment_label")" 0
get "$L" "${TOKEN[bat]}"
check "GET label" "$HTTP_CODE" 405
for bad in '' 'stance=oppose&topic=water' '{"stance": "oppose"}' '{"stance": 1, "topic": "water"}' \
    '{"stance": "bogus", "topic": "water"}' '{"stance": "oppose", "topic": "bogus"}' '["oppose", "water"]'; do
	http POST "$L" -H "$(bearer "${TOKEN[bat]}")" -H 'Content-Type: application/json' -d "$bad"
	check "label '$bad'" "$HTTP_CODE" 400
	json_error "label '$bad'"
done
http POST /api/v1/comments/999999/label -H "$(bearer "${TOKEN[bat]}")" -d "$body"
check "label an unknown comment" "$HTTP_CODE" 404
check "no label yet" "$(sql "SELECT count(*) FROM comment_label")" 0
http POST "$L" -H "$(bearer "${TOKEN[bat]}")" -H 'Content-Type: application/json' -d "$body"
check "analyst labels" "$HTTP_CODE" 200
check "label answer" "$(js '[o.id, o.stance, o.topic, o.human_labelled, o.labelled_by].join()')" "$copy,oppose,water,true,bat"
check "label stored with who" "$(sql "SELECT stance || ',' || topic || ',' || official FROM comment_label WHERE comment_id = $copy")" "oppose,water,bat"
check "label audited" "$(sql "SELECT count(*) FROM audit WHERE action = 'label' AND channel = 'bat' AND item_code = '12' AND detail = 'comment $copy: oppose, water'")" 1
get "$C?stance=oppose&topic=water&campaign=yes"
check "the label wins over the model" "$(js 'o.comments.map(c => [c.id, c.human_labelled, c.labelled_by, c.review].join("/")).join()')" "$copy/true/bat/false"
check_re "labelled_at" "$(js 'o.comments[0].labelled_at')" '^[0-9-]{10}T[0-9:]{8}\+08:00$'
out=$(ctl review) || fail "sanalctl review"
case $out in *"
$copy	12	"*) fail "a labelled copy is still in the review queue" ;; esac
http POST "$L" -H "$(bearer "${TOKEN[saraa]}")" -d '{"stance": "amend", "topic": "land_pasture"}'
check "admin labels" "$HTTP_CODE" 200
check "the later label counts" "$(sql "SELECT stance || ',' || official FROM comment_label WHERE comment_id = $copy")" "amend,saraa"
ok "labels: 401 without a token, viewer 403, bad bodies 400, analyst and admin stored, audited, human_labelled"

# --- decisions and the item ------------------------------------------------------------------
get /api/v1/consultations/12/decisions
check "no decisions yet" "$(js '[o.code, o.decisions.length].join()')" "12,0"
ctl decision add 12 --outcome adopted --reason "Иргэдийн саналаар хугацааг 7 жил болгов." --by "Б. Бат" >/dev/null ||
    fail "decision add 12"
ctl decision add 12 --article 3 --outcome changed --reason "Төлбөрийг бууруулав." --by "Б. Бат" >/dev/null ||
    fail "decision add 12 --article 3"
get /api/v1/consultations/12/decisions
check "decisions" "$(js 'o.decisions.map(d => [d.article, d.outcome, d.reason, d.official].join("|")).join(";")')" \
    "|adopted|Иргэдийн саналаар хугацааг 7 жил болгов.|Б. Бат;3|changed|Төлбөрийг бууруулав.|Б. Бат"
check "decision: item-wide article is null" "$(js 'o.decisions[0].article')" null
check_re "decision dates" "$(js 'o.decisions.map(d => d.date).join(" ")')" '^[0-9-]{10}T[0-9:]{8}\+08:00 [0-9-]{10}T[0-9:]{8}\+08:00$'
get /api/v1/consultations/99/decisions
check "decisions of an unknown item" "$HTTP_CODE" 404
get /api/v1/consultations/12
check "item" "$HTTP_CODE" 200
check "item: code, kind, status, dates" "$(js '[o.code, o.kind, o.status, o.opens, o.closes].join()')" \
    "12,consultation,open,2026-11-01T00:00:00+08:00,2027-02-28T23:59:59+08:00"
check "item: title" "$(js 'o.title')" "Бэлчээрийн тухай хуулийн төсөл"
check "item: articles" "$(js 'o.articles.map(a => a.number).join()')" \
    "$(node -e 'console.log(require(process.argv[1]).articles.map(a => a.number).join())' "$top_srcdir/demo/pasture.json")"
check "item: article 1" "$(js 'o.articles[0].title')" "Хуулийн зорилт"
get "/api/v1/consultations/12?lang=en"
check "item in English" "$(js '[o.lang, o.title, o.articles[0].title].join("|")')" "en|Draft Law on Pastureland|Purpose"
get "/api/v1/consultations/12?lang=xx"
check "item: bad lang" "$HTTP_CODE" 400
get /api/v1/consultations/31
check "petition" "$(js '[o.kind, typeof o.threshold, o.threshold > 0].join()')" "petition,number,true"
get /api/v1/consultations/99
check "unknown item" "$HTTP_CODE" 404
ok "decisions (item, then by article, with the official) and the item (code, kind, status, dates, title, articles)"

for ph in $PHONES; do
	grep -qF -e "$ph" -e "976$ph" "$T/all-bodies" && fail "phone $ph in an API answer"
done
grep -qi 'phone' "$T/all-bodies" && fail "a phone member in an API answer"
grep -qE '[0-9a-f]{64}' "$T/all-bodies" && fail "a hash in an API answer"
ok "no phone number, phone member or hash in $(grep -c '' "$T/all-bodies") lines of answers"

# --- the OpenAPI file describes every endpoint ----------------------------------------------
OPENAPI=$top_srcdir/doc/openapi.yaml
if command -v openapi-spec-validator >/dev/null 2>&1; then
	out=$(openapi-spec-validator "$OPENAPI" 2>&1) || fail "openapi.yaml: $out"
	ok "openapi.yaml is valid OpenAPI 3 ($out)"
fi
if python3 -c 'import yaml' 2>/dev/null; then
	paths=$(python3 -c 'import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
assert d["openapi"].startswith("3."), d["openapi"]
print(" ".join(m.upper() + " " + p for p, v in sorted(d["paths"].items()) for m in v if m in ("get", "post")))' "$OPENAPI") ||
	    fail "openapi.yaml does not parse as YAML"
	for e in "GET /api/v1/consultations" "GET /api/v1/consultations/{code}" \
	    "GET /api/v1/consultations/{code}/report" "GET /api/v1/consultations/{code}/comments" \
	    "GET /api/v1/consultations/{code}/decisions" "POST /api/v1/consultations/{code}/close" \
	    "POST /api/v1/comments/{id}/label"; do
		case " $paths " in *" $e "*) ;; *) fail "openapi.yaml lacks $e" ;; esac
	done
	ok "openapi.yaml parses and describes every endpoint"
else
	ok "openapi.yaml not checked: no python3 yaml here"
fi

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
