// SPDX-License-Identifier: ISC
// The operator's USSD gateway for tests/integ/ussd_smpp.sh: an SMPP 3.4 SMSC
// (npm smpp 0.5.1, from tests/node_modules) that Kannel's bearerbox binds to
// as a transceiver. It plays a scenario of USSD messages from phones, the way
// an operator's USSD centre hands them to an SMPP application, and writes
// down every answer.
//
//   node ussd_smsc.js PORT SCENARIO ANSWERS [TIMEOUT_S]
//
// Binds 127.0.0.1:PORT only. The scenario starts once Kannel has bound and
// SIGUSR1 has arrived (lib.sh sends it when smsbox is on line too); the file
// SCENARIO is read then, so the test may write it late. It is JSON:
//
//   {"steps": [{"label": "lang", "from": "97699120001", "text": "*1234#",
//               "op": 1, "session": "1a01"}, ...]}
//
// Each step is one deliver_sm: service_type "USSD" (or "service_type"),
// destination "to" (default 1234), source "from" with TON 1 when it starts
// with 976 and TON 2 otherwise, the ussd_service_op TLV "op" (1 = PSSR
// indication, the user dialled; 18 = 0x12, USSR confirm, the user's input),
// the its_session_info TLV "session" (hex, two octets), and the text as
// data_coding "dc": 0 (GSM-7, unpacked; the default for ASCII text) or 8
// (UCS-2 big-endian; the default otherwise). After each deliver_sm the
// simulator waits up to 10 s for the submit_sm answer, then 300 ms more for
// any further part, and only then sends the next step.
//
// Each submit_sm is answered at once and appended to ANSWERS as one JSON line:
//   {"label", "n" (1 for the first submit_sm of a step), "source_addr",
//    "destination_addr", "service_type", "data_coding", "esm_class", "text"
//    (decoded: UCS-2 big-endian for data_coding 8, GSM 03.38 for 0, Latin-1
//    otherwise; any UDH cut off), "udh" (hex or null), "short_message_hex",
//    "ussd_service_op" (a number, or null), "its_session_info" (hex, or null)}
// Everything else (bind, each deliver_sm and its response, time-outs) goes to
// stdout.
//
// Exit status: 0 after the last step's answers; 1 when a step got no answer
// in 10 s or the scenario cannot be read; 2 when TIMEOUT_S (default 30)
// passed since start, whatever the state; 143 on SIGTERM. It answers
// enquire_link and unbind (and closes the connection after the latter).
'use strict';
const fs = require('fs');
const smpp = require('smpp');

const PORT = parseInt(process.argv[2] || '', 10);
const SCENARIO = process.argv[3];
const ANSWERS = process.argv[4];
const TIMEOUT = parseFloat(process.argv[5] || '30') * 1000;
const ANSWER_WAIT = 10000;	// first submit_sm after a deliver_sm
const PART_WAIT = 300;		// further parts of the same answer

if (!(PORT > 0) || !SCENARIO || !ANSWERS) {
	console.error('usage: node ussd_smsc.js PORT SCENARIO ANSWERS [TIMEOUT_S]');
	process.exit(64);
}

// say EV FIELDS: one JSON line on stdout.
const say = (ev, o) => console.log(JSON.stringify(Object.assign({ ev, t: Date.now() / 1000 }, o)));

// Byte swap between UTF-16LE (node) and UTF-16BE (SMPP's UCS-2).
const swap16 = b => {
	const c = Buffer.from(b);
	for (let i = 0; i + 1 < c.length; i += 2) { const t = c[i]; c[i] = c[i + 1]; c[i + 1] = t; }
	return c;
};
const ucs2 = s => swap16(Buffer.from(s, 'utf16le'));
const fromUcs2 = b => swap16(b).toString('utf16le');

// Keep the raw short_message next to node-smpp's decoding of it, so that the
// answers are decoded here, by data_coding alone.
const decodeMessage = smpp.filters.message.decode;
smpp.filters.message.decode = function (value, skipUdh) {
	const r = decodeMessage.call(this, value, skipUdh);
	if (Buffer.isBuffer(value) && r && typeof r === 'object') r.raw = value;
	return r;
};

// decodeText PDU: {text, udh, hex} of a submit_sm's short_message.
function decodeText(pdu) {
	const sm = pdu.short_message || {};
	let raw = Buffer.isBuffer(sm.raw) ? sm.raw : Buffer.alloc(0);
	let udh = null;
	if ((pdu.esm_class & 0x40) && raw.length > 0) {
		udh = raw.subarray(0, raw[0] + 1).toString('hex');
		raw = raw.subarray(raw[0] + 1);
	}
	let text;
	if (pdu.data_coding === 8) text = fromUcs2(raw);
	else if ((pdu.data_coding & 0x0f) === 0) text = smpp.gsmCoder.decode(raw, 0);
	else text = raw.toString('latin1');
	return { text, udh, hex: Buffer.isBuffer(sm.raw) ? sm.raw.toString('hex') : '' };
}

// tlvHex VALUE: an octet-string TLV as hex (null when absent).
const tlvHex = v => (v === undefined || v === null ? null : Buffer.from(v).toString('hex'));

let session = null, signalled = false, started = false;
let steps = [], step = -1, label = null, parts = 0, waitTimer = null;

function finish(status, why) {
	say('exit', { status, why });
	if (session) session.close();
	setTimeout(() => process.exit(status), 50);
}

function loadSteps() {
	const s = JSON.parse(fs.readFileSync(SCENARIO, 'utf8'));
	if (!Array.isArray(s.steps) || s.steps.length === 0) throw new Error('no steps');
	return s.steps;
}

// deliverPdu ST: the deliver_sm fields of one scenario step.
function deliverPdu(st) {
	const from = String(st.from);
	const text = String(st.text);
	const dc = st.dc !== undefined ? st.dc : (/^[\x20-\x7e]*$/.test(text) ? 0 : 8);
	const pdu = {
		service_type: st.service_type !== undefined ? st.service_type : 'USSD',
		source_addr_ton: from.startsWith('976') ? 1 : 2, source_addr_npi: 1,
		source_addr: from,
		dest_addr_ton: 0, dest_addr_npi: 1,
		destination_addr: String(st.to || '1234'),
		data_coding: dc,
		short_message: dc === 8 ? ucs2(text) : Buffer.from(text, 'latin1'),
	};
	if (st.op !== undefined && st.op !== null) pdu.ussd_service_op = st.op;
	if (st.session) pdu.its_session_info = Buffer.from(st.session, 'hex');
	return pdu;
}

function nextStep() {
	clearTimeout(waitTimer);
	step++;
	if (step >= steps.length) return finish(0, 'scenario done');
	const st = steps[step];
	label = st.label || `step${step + 1}`;
	if (session === null) return finish(1, `Kannel not bound at step '${label}'`);
	parts = 0;
	const pdu = deliverPdu(st);
	say('deliver_sm', { label, from: pdu.source_addr, to: pdu.destination_addr,
		op: pdu.ussd_service_op === undefined ? null : pdu.ussd_service_op,
		session: tlvHex(pdu.its_session_info), dc: pdu.data_coding, text: String(st.text) });
	const l = label;
	session.deliver_sm(pdu, r => say('deliver_sm_resp', { label: l, status: r.command_status }));
	waitTimer = setTimeout(() => {
		say('no_answer', { label });
		finish(1, `no submit_sm within ${ANSWER_WAIT / 1000} s for step '${label}'`);
	}, ANSWER_WAIT);
}

function start() {
	if (started || !signalled || session === null) return;
	started = true;
	try {
		steps = loadSteps();
	} catch (e) {
		return finish(1, `scenario ${SCENARIO}: ${e.message}`);
	}
	say('start', { steps: steps.length });
	nextStep();
}

function onSubmit(pdu) {
	const d = decodeText(pdu);
	parts++;
	const line = {
		label, n: parts,
		source_addr: pdu.source_addr, destination_addr: pdu.destination_addr,
		service_type: pdu.service_type, data_coding: pdu.data_coding,
		esm_class: pdu.esm_class, text: d.text, udh: d.udh, short_message_hex: d.hex,
		ussd_service_op: pdu.ussd_service_op === undefined ? null : pdu.ussd_service_op,
		its_session_info: tlvHex(pdu.its_session_info),
	};
	fs.appendFileSync(ANSWERS, JSON.stringify(line) + '\n');
	say('submit_sm', line);
	if (!started || step >= steps.length) return;
	clearTimeout(waitTimer);
	waitTimer = setTimeout(nextStep, PART_WAIT);
}

let msgid = 0;
const server = smpp.createServer(s => {
	s.on('bind_transceiver', pdu => {
		s.send(pdu.response({ system_id: 'USSDSIM' }));
		say('bound', { system_id: pdu.system_id, interface_version: pdu.interface_version });
		if (session === null) session = s;
		start();
	});
	s.on('enquire_link', pdu => s.send(pdu.response()));
	s.on('unbind', pdu => {
		s.send(pdu.response());
		s.close();
		if (session === s) session = null;
	});
	s.on('submit_sm', pdu => {
		s.send(pdu.response({ message_id: `u${++msgid}` }));
		onSubmit(pdu);
	});
	s.on('close', () => { if (session === s) session = null; });
	s.on('error', e => say('error', { error: String(e) }));
});
server.on('error', e => { say('error', { error: String(e) }); process.exit(1); });

process.on('SIGUSR1', () => { signalled = true; start(); });
process.on('SIGTERM', () => process.exit(143));
setTimeout(() => finish(2, `timeout after ${TIMEOUT / 1000} s`), TIMEOUT);
server.listen(PORT, '127.0.0.1', () => say('listening', { host: '127.0.0.1', port: PORT }));
