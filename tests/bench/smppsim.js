// SPDX-License-Identifier: ISC
// SMPP SMSC simulator for tests/bench/pipeline.sh (npm smpp 0.5.1, installed
// under tests/node_modules by `npm ci --prefix tests`). Adapted from the
// lab simulator that was proven to drive Kannel 1.4.5's SMPP client.
//
//   node smppsim.js PORT N WINDOW [TIMEOUT_S]
//
// Binds 127.0.0.1:PORT and waits for Kannel's bind_transceiver. After
// SIGUSR1 (sent by pipeline.sh once smsbox is connected) it sends N
// deliver_sm (data_coding 8, UCS-2 Cyrillic and some GSM-7 Latin, realistic
// Mongolian votes, signatures and comments, each from a different phone
// number), keeping at most WINDOW awaiting deliver_sm_resp. It answers every
// submit_sm at once and counts them. It stops when N submit_sm have arrived
// or TIMEOUT_S (default 300) has passed since the first deliver_sm, and
// prints one line that pipeline.sh parses:
//   SMPP-BENCH n=N window=W sent=S acked=A submits=M elapsed_s=E rate=R ucs2_submits=U
// (rate = submits / (last submit_sm - first deliver_sm)), then up to three
// distinct reply texts, so a human can see what the application answered.
'use strict';
const smpp = require('smpp');

const PORT = parseInt(process.argv[2] || '2775', 10);
const N = parseInt(process.argv[3] || '5000', 10);
const WINDOW = parseInt(process.argv[4] || '50', 10);
const TIMEOUT = parseInt(process.argv[5] || '300', 10) * 1000;

// UTF-16BE, as an SMSC sends UCS-2 (data_coding 8).
const ucs2 = s => {
	const b = Buffer.from(s, 'utf16le');
	for (let i = 0; i < b.length; i += 2) { const t = b[i]; b[i] = b[i + 1]; b[i + 1] = t; }
	return b;
};
const fromUcs2 = b => {
	const c = Buffer.from(b);
	for (let i = 0; i + 1 < c.length; i += 2) { const t = c[i]; c[i] = c[i + 1]; c[i + 1] = t; }
	return c.toString('utf16le');
};

// Cyrillic goes as UCS-2; Latin-typed Mongolian (what many phones send) as
// GSM-7 data_coding 0, as a real SMSC would deliver it.
const cyr = [
	'12 тийм', '12 тийм', '12 үгүй', '12 Тийм', '12 ТИЙМ', '31 тийм', '31 Тийм',
	'12 3 Бэлчээрийн төлбөрийг малчдаас авах нь буруу, орлого бага байна',
	'12 5 Отор нүүдлийн журмыг багийн хурал шийдэх ёстой',
	'12 7 Худгийн засварт улсаас мөнгө гаргаж өгөөч, манай багт ус алга',
	'12 Хууль сайн болжээ, дэмжиж байна',
	'12 Хуулийн төсөл хэзээ УИХ-аар хэлэлцэгдэх вэ?',
	'31 Манай сумын эмнэлэгт эмч алга, ганц сувилагч байна',
];
const lat = [
	'12 tiim', '12 ugui', '31 tiim',
	'12 3 belcheeriin tulbur ih undur baina, malchid tulj chadahgui',
	'12 huuli sain bolson, demjij baina',
];
// Weights: 4 of 5 messages Cyrillic.
const messages = [];
for (const t of cyr) messages.push({ data_coding: 8, short_message: ucs2(t) });
for (const t of lat) messages.push({ data_coding: 0, short_message: Buffer.from(t, 'latin1') });
const pick = i => messages[i % 5 === 0 ? cyr.length + (i / 5) % lat.length : i % cyr.length];

// A different phone for every message: 99xxxxxx and 88xxxxxx, half of them
// in the international 976 form an operator SMSC commonly uses.
// International numbers go with TON 1 (Kannel then shows them as +976...),
// national ones with TON 2.
const phone = i => {
	const n = (i % 2 === 0 ? 99000000 : 88000000) + Math.floor(i / 2) % 1000000;
	return i % 4 < 2 ? { addr: '976' + n, ton: 1 } : { addr: String(n), ton: 2 };
};

let session = null, started = false, finished = false;
let sent = 0, acked = 0, got = 0, ucs2Got = 0, outstanding = 0;
let tFirst = 0, tLast = 0;
const replies = new Set();

function pump() {
	while (outstanding < WINDOW && sent < N) {
		const m = pick(sent), p = phone(sent);
		outstanding++;
		session.deliver_sm({
			source_addr: p.addr, source_addr_ton: p.ton, source_addr_npi: 1,
			destination_addr: '1234', data_coding: m.data_coding,
			short_message: m.short_message,
		}, () => { outstanding--; acked++; pump(); });
		sent++;
	}
}

function start() {
	if (started || session === null) return;
	started = true;
	tFirst = Date.now();
	pump();
	setTimeout(finish, TIMEOUT);
}

function finish() {
	if (finished) return;
	finished = true;
	const el = ((tLast || Date.now()) - tFirst) / 1000;
	console.log(`SMPP-BENCH n=${N} window=${WINDOW} sent=${sent} acked=${acked} submits=${got} ` +
		`elapsed_s=${el.toFixed(2)} rate=${el > 0 ? (got / el).toFixed(1) : 0} ucs2_submits=${ucs2Got}`);
	for (const r of replies) console.log(`SMPP-REPLY ${r}`);
	setTimeout(() => process.exit(0), 100);
}

function onSubmit(pdu) {
	got++;
	tLast = Date.now();
	if (pdu.data_coding === 8) ucs2Got++;
	if (replies.size < 3) {
		const m = pdu.short_message || {};
		let text = m.message;
		if (Buffer.isBuffer(text)) text = pdu.data_coding === 8 ? fromUcs2(text) : text.toString('latin1');
		if (typeof text === 'string') replies.add(`dc=${pdu.data_coding} ${text.replace(/\s+/g, ' ')}`);
	}
	if (got >= N) finish();
}

const server = smpp.createServer(s => {
	s.on('bind_transceiver', pdu => {
		s.send(pdu.response({ system_id: 'SIM' }));
		session = s;
		console.log('SMPP-BOUND');
	});
	s.on('enquire_link', pdu => s.send(pdu.response()));
	s.on('unbind', pdu => { s.send(pdu.response()); s.close(); });
	s.on('error', e => console.error(`smppsim: ${e}`));
	s.on('submit_sm', pdu => {
		s.send(pdu.response({ message_id: String(got + 1) }));
		onSubmit(pdu);
	});
});
process.on('SIGUSR1', start);
process.on('SIGTERM', () => { finish(); });
server.listen(PORT, '127.0.0.1', () => console.log(`SMPP-LISTENING 127.0.0.1:${PORT}`));
