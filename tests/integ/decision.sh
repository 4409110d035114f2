#!/bin/bash
# SPDX-License-Identifier: ISC
#
# "You said, we did": an official publishes the outcome of draft 12 and of its
# article 3 with sanalctl decision; the plan comes first (recipients, SMS
# segments) and queues nothing; --yes texts exactly the participants who have
# not opted out, each with their own aimag's counts (or the totals when their
# aimag is unknown, in Latin for a Latin writer); from 22:00 to 08:00
# Ulaanbaatar time the texts wait for the morning; the citizen pages show the
# decisions; every step is in the audit trail, which still verifies.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integ/lib.sh"

export SANAL_NOW=1796097600		# 2026-12-01 12:00 Ulaanbaatar
start_sanald
kmo 99170001 "БҮРТГЭЛ Хөвсгөл Мөрөн" d-1
kmo 99170001 "12 тийм" d-2
kmo 99170002 "12 үгүй" d-3
kmo 99170002 "ЗОГС" d-4
kmo 88170003 "12 3 sain baina" d-5
stop_sanald
outbox() { sql "SELECT count(*) FROM outbox WHERE kind = 'decision'"; }

out=$(ctl decision notify 12 2>&1) && fail "notify before any decision: $out"
check_re "no decision yet: said so" "$out" 'no decision for the whole item'
ctl decision add 12 --outcome adopted --reason "Иргэдийн саналаар гэрээний хугацааг 7 жил болгов." \
    --by "Б. Бат" >/dev/null || fail "decision add 12"
ctl decision add 12 --article 3 --outcome changed --reason "Гэрээний хугацаа уртассан." \
    --by "Б. Бат" >/dev/null || fail "decision add 12 article 3"
out=$(ctl decision add 12 --article 99 --outcome adopted --reason x --by y 2>&1) &&
    fail "a decision on a missing article was taken"
check_re "a missing article is refused" "$out" 'no article 99'
out=$(ctl decision add 12 --outcome maybe --reason x --by y 2>&1) && fail "outcome maybe taken"
check_re "an unknown outcome is refused" "$out" 'adopted, changed or not_adopted'
check_re "decision list" "$(ctl decision list 12)" '^3 +changed'

out=$(ctl decision notify 12); st=$?
check "the plan alone exits 3" "$st" 3
check_re "the plan: 2 participants (one opted out)" "$out" '^would text 2 participants, 2 SMS segments'
check "the plan queues nothing" "$(outbox)" 0

out=$(ctl decision notify 12 --yes) || fail "notify --yes: $out"
check_re "queued for 2, now" "$out" '^queued for 2 participants, 2 SMS segments, from'
check "two texts queued" "$(outbox)" 2
texts=$(sql "SELECT text FROM outbox WHERE kind = 'decision' ORDER BY id")
check_re "the Khövsgöl voter gets Khövsgöl's counts" "$texts" '^12: батлагдлаа\. Аймагт тань 1 дэмжсэн, 0 эсэргүүцсэн\.'
check_re "the Latin writer, aimag unknown, gets the totals in Latin" "$texts" '12: batlagdlaa\. Niit 1 demjsen, 1 eserguutssen\.'
check "due now" "$(sql "SELECT count(*) FROM outbox WHERE kind = 'decision' AND next_at = $SANAL_NOW")" 2
check "nobody who opted out" "$(sql "SELECT count(*) FROM outbox o JOIN participant p ON p.id = o.participant_id WHERE o.kind = 'decision' AND p.opted_out = 1")" 0

out=$(ctl decision notify 12 --yes 2>&1) && fail "a second send of the same decision: $out"
check_re "a second send is refused, saying when" "$out" 'queued on 2026-12-01 12:00 .*publish a changed decision'
check "still two texts" "$(outbox)" 2
out=$(ctl decision notify 12); st=$?
check "the plan after a send exits 3" "$st" 3
check_re "the plan says they went" "$out" 'they were queued on 2026-12-01 12:00'

# a changed decision at 23:30 Ulaanbaatar: held until 08:00 the next morning
redecide() {
	SANAL_NOW=$1 ctl decision add 12 --outcome adopted --by "Б. Бат" \
	    --reason "$2" >/dev/null || fail "decision add 12 again"
}
redecide $((1796097600 + 3600)) "Иргэдийн саналаар гэрээний хугацааг 7 жил болгов."
ctl decision add 12 --article 3 --outcome adopted --reason "Өөр." --by "Б. Бат" >/dev/null ||
    fail "decision add 12 article 3 again"
out=$(SANAL_NOW=$((1796097600 + 3600)) ctl decision notify 12 --yes 2>&1) &&
    fail "the same whole-item decision published again, or an article's changed: sent again"
check_re "the same text again is refused" "$out" 'publish a changed decision'
ctl decision add 12 --article 3 --outcome changed --reason "Гэрээний хугацаа уртассан." \
    --by "Б. Бат" >/dev/null || fail "decision add 12 article 3 back"
redecide $((1796097600 + 11 * 3600 + 1800)) "Иргэдийн саналаар гэрээний хугацааг 8 жил болгов."
SANAL_NOW=$((1796097600 + 11 * 3600 + 1800)) ctl decision notify 12 --yes >/dev/null ||
    fail "notify at night"
check "held until 08:00 Ulaanbaatar" \
    "$(sql "SELECT count(*) FROM outbox WHERE kind = 'decision' AND next_at = 1796097600 + 20 * 3600")" 2
# 03:00 Ulaanbaatar: held until 08:00 the same morning
redecide $((1796097600 + 15 * 3600)) "Иргэдийн саналаар гэрээний хугацааг 9 жил болгов."
SANAL_NOW=$((1796097600 + 15 * 3600)) ctl decision notify 12 --yes >/dev/null ||
    fail "notify before dawn"
check "held until 08:00 that morning" \
    "$(sql "SELECT count(*) FROM outbox WHERE kind = 'decision' AND next_at = 1796097600 + 20 * 3600")" 4

start_sanald
http GET /c/12
check_re "the draft page shows the decision" "$HTTP_BODY" 'Батлагдсан</strong>.*Иргэдийн саналаар'
http GET /c/12/a/3
check_re "the article page shows its decision" "$HTTP_BODY" 'Өөрчлөн батлагдсан</strong>.*Гэрээний хугацаа уртассан'
http GET "/c/12/a/2"
case $HTTP_BODY in *'id="decision"'*) fail "article 2 shows a decision it has not got" ;; esac
ok "article 2 shows none"
stop_sanald
check "the audit trail has the decisions and the sends" \
    "$(sql "SELECT count(*) FROM audit WHERE action IN ('decision', 'decision_notify')")" 10
ctl audit verify >/dev/null || fail "the audit trail no longer verifies"
ok "the audit trail verifies"
