-- SPDX-License-Identifier: ISC
-- wrk script: realistic Mongolian MOs, as Kannel's smsbox would send them to
-- GET /kannel/mo (see DESIGN.md, "Kannel sms-service").
--
--   wrk -t2 -c64 -d10s -s mo.lua http://127.0.0.1:PORT -- KEY RUNTAG [PHONES]
--
-- KEY     the shared secret (key=)
-- RUNTAG  a tag unique to this wrk run; every request gets the id
--         <8 random hex>-RUNTAG-<thread>-<counter>: unique across threads
--         and runs (a repeat would be answered from sanald's idempotency
--         path and stored nothing), and random in its leading part like
--         Kannel's UUID %I, so an index on the id sees random inserts, not
--         appends.
-- PHONES  how many distinct phone numbers to draw from (default 400000);
--         half are 99xxxxxx, half 88xxxxxx, one in ten sent as +976XXXXXXXX.
--
-- The mix (weights below): votes "12 тийм"/"12 үгүй" in Cyrillic and Latin,
-- petition signatures "31 тийм", comments on articles ("12 3 <text>") and on
-- the whole draft ("12 <text>") in Cyrillic, Latin and mixed script, and a
-- few item/help requests. Texts are URL-encoded once in init(), so the
-- per-request cost in wrk is small.
--
-- done() prints one line that the shell scripts parse:
--   MO-LUA requests=N duration_s=S rps=R non2xx=N errors=N p50_ms=X p90_ms=X p99_ms=X max_ms=X

local votes = {
	"12 тийм", "12 тийм", "12 үгүй", "12 Тийм", "12 ТИЙМ", "12 Үгүй",
	"12 tiim", "12 tiim", "12 ugui", "12 Tiim", "12 vgvi", "12 тиим",
}
local petition = {
	"31 тийм", "31 тийм", "31 Тийм", "31 tiim", "31 тийм эмч хэрэгтэй",
}
local comments = {
	"12 3 Бэлчээрийн төлбөрийг малчдаас авах нь буруу, орлого бага байна",
	"12 3 Төлбөрийг малын тоогоор биш бэлчээрийн талбайгаар тооцох хэрэгтэй",
	"12 5 Отор нүүдлийн журмыг сумын Засаг дарга биш багийн хурал шийдэх ёстой",
	"12 7 Худгийн засварт улсаас мөнгө гаргаж өгөөч, манай багт ус алга",
	"12 4 Ямааны тоог хязгаарлах нь зөв, бэлчээр их доройтсон",
	"12 Хууль сайн болжээ, дэмжиж байна",
	"12 Хуулийн төсөл хэзээ УИХ-аар хэлэлцэгдэх вэ?",
	"12 Малчдын саналыг сонсохгүйгээр гаргасан хууль, дэмжихгүй",
	"12 3 belcheeriin tulbur ih undur baina, malchid tulj chadahgui",
	"12 5 otor nuudliin zuvshuurliig sumaar ni ogoh hergtei",
	"12 7 hudag usnii tsegiig nemeh heregtei shvv",
	"12 yamaanii toog tsoolokh ni buruu, nooluuraas l orlogo oldog",
	"12 huuli sain bolson, demjij baina",
	"12 4 Малын тоог хязгаарлах заалтыг хавар биш намар хэрэгжүүлэх",
	"12 3 Тoлбoрийг жилд нэг удаа тoлoх бoлгoх хэрэгтэй",  -- Latin o inside Cyrillic
	"31 Манай сумын эмнэлэгт эмч алга, ганц сувилагч байна",
	"31 emch nariin tsalingiig nemeh ni chuhal, tegvel hodoo ajillana",
	"31 Эмч нэмэхээс гадна орон сууц өгөх хэрэгтэй",
}
local other = {
	"12", "31", "ТУСЛАМЖ", "tuslamj", "Сайн байна уу", "ЖАГСААЛТ",
}
-- {list, weight out of 100}
local mix = { {votes, 40}, {petition, 15}, {comments, 38}, {other, 7} }

-- Encodes like Kannel's octstr_url_encode(): space as "+", the rest as %XX.
local function urlencode(s)
	s = s:gsub("[^%w%-%._~ ]", function(c)
		return string.format("%%%02X", string.byte(c))
	end)
	return (s:gsub(" ", "+"))
end

-- Runs in the main thread, once per wrk thread: give each thread its number.
local threads = {}
local nthreads = 0
function setup(thread)
	thread:set("tid", nthreads)
	nthreads = nthreads + 1
	table.insert(threads, thread)
end

local key, runtag, phones, enc, picks, counter
bad = 0  -- global: done() reads it with thread:get()
function init(args)
	key = urlencode(args[1] or "bench")
	runtag = args[2] or tostring(os.time())
	phones = tonumber(args[3] or "400000")
	-- wrk gives every thread the same seed; make the phone sequence differ.
	math.randomseed(os.time() + 7919 * (tid or 0))
	enc = {}
	picks = {}
	for _, m in ipairs(mix) do
		local e = {}
		for i, t in ipairs(m[1]) do e[i] = urlencode(t) end
		table.insert(enc, e)
		for _ = 1, m[2] do table.insert(picks, e) end
	end
	counter = 0
	bad = 0
end

local function phone()
	local n = math.random(0, phones - 1)
	local prefix = (n % 2 == 0) and 99000000 or 88000000
	local num = prefix + math.floor(n / 2) % 1000000
	if n % 10 == 3 then
		return "%2B976" .. num
	end
	return tostring(num)
end

function request()
	counter = counter + 1
	local list = picks[math.random(#picks)]
	local text = list[math.random(#list)]
	local path = "/kannel/mo?key=" .. key ..
		"&from=" .. phone() .. "&to=1234&text=" .. text ..
		"&id=" .. string.format("%08x", math.random(0, 0x7fffffff)) ..
		"-" .. runtag .. "-" .. tid .. "-" .. counter ..
		"&ts=" .. os.time() .. "&smsc=SMPPSIM&coding=0&charset=UTF-8&meta="
	return wrk.format("GET", path)
end

function response(status, headers, body)
	if status ~= 200 then
		bad = bad + 1
	end
end

function done(summary, latency, requests)
	local non2xx = 0
	for _, t in ipairs(threads) do
		non2xx = non2xx + (tonumber(t:get("bad")) or 0)
	end
	local e = summary.errors
	local errors = e.connect + e.read + e.write + e.timeout
	local secs = summary.duration / 1e6
	io.write(string.format(
		"MO-LUA requests=%d duration_s=%.2f rps=%.1f non2xx=%d errors=%d " ..
		"p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
		summary.requests, secs, summary.requests / secs, non2xx, errors,
		latency:percentile(50) / 1000, latency:percentile(90) / 1000,
		latency:percentile(99) / 1000, latency.max / 1000))
end
