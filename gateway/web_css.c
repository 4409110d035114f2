/* SPDX-License-Identifier: ISC */
/*
 * The one stylesheet (/s.css, cached a day): the system fonts, which cover
 * Cyrillic and Kazakh; a single column that reflows down to 320 px; text and
 * controls at 4.5:1 contrast or better; a visible focus ring; buttons and
 * radios at least 44 px tall; nothing sticky that could hide a focused field.
 * The officials' pages (body class "admin") are wider, for their tables.
 * web_init appends the report's rules (report_html_css, all under .report),
 * so the report on /admin/c/CODE needs no inline style.
 */
const char web_css[] =
"*{box-sizing:border-box}"
"body{margin:0;font:1.125rem/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,"
"\"Noto Sans\",Arial,sans-serif;color:#0b0c0c;background:#fff}"
"header,main,footer{max-width:42rem;margin:0 auto;padding:.5rem 1rem}"
"header{border-bottom:4px solid #1d4f91;display:flex;flex-wrap:wrap;gap:.5rem 1rem;"
"align-items:center}"
".brand{font-weight:700;font-size:1.5rem;color:#1d4f91;text-decoration:none}"
".langs{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem .75rem;margin:0;padding:0}"
".account{margin:0 0 0 auto}"
"a{color:#1d4f91}a:visited{color:#4c2c92}"
"a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus,.scroll:focus{outline:3px solid #fd0;"
"outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}"
".skip{position:absolute;left:-999px}.skip:focus{position:static}"
"h1{font-size:1.75rem;line-height:1.2}h2{font-size:1.35rem}"
"p,li,dd{max-width:38rem;overflow-wrap:anywhere}"
"fieldset{border:0;padding:0;margin:0 0 1rem}legend{font-weight:700;font-size:1.2rem}"
"label{display:block;font-weight:700;margin:.5rem 0 .25rem}"
".hint{color:#505a5f;margin:0 0 .25rem}"
".radio{display:flex;align-items:center;min-height:44px;gap:.5rem}"
".radio input{width:32px;height:32px;margin:0}.radio label{margin:0;font-weight:400}"
"input[type=tel],input[type=text],input[type=password],select,textarea{font:inherit;width:100%;max-width:24rem;"
"padding:.4rem;border:2px solid #0b0c0c;min-height:44px}"
"textarea{max-width:100%;min-height:8rem}"
"button,.button{font:inherit;font-weight:700;min-height:44px;padding:.5rem 1rem;"
"background:#00703c;color:#fff;border:0;box-shadow:0 2px 0 #002d18;cursor:pointer;"
"display:inline-block;text-decoration:none}"
"button.secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}"
"button.danger{background:#d4351c}"
".errors{border:5px solid #d4351c;padding:1rem;margin:1rem 0}"
".errors h2{margin-top:0}.error{color:#d4351c;font-weight:700;margin:.25rem 0}"
".notice{border-left:6px solid #00703c;background:#f3f2f1;padding:.75rem 1rem}"
".counts{color:#505a5f}"
"table{border-collapse:collapse;margin:.5rem 0}th,td{text-align:left;"
"padding:.25rem .75rem .25rem 0;border-bottom:1px solid #b1b4b6}"
"caption{text-align:left;font-weight:700}"
".scroll{overflow-x:auto}"
"figure{margin:1rem 0}.chart{max-width:100%;height:auto}"
".pager,.prevnext{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap}"
"ol.comments{list-style:none;padding:0}ol.comments li{border-top:1px solid #b1b4b6;"
"padding:.5rem 0}"
"footer{border-top:1px solid #b1b4b6;margin-top:2rem}"
"dl dt{font-weight:700}dl dd{margin:0 0 .5rem}"
/* the officials' pages (gateway/admin*.c) */
".admin header,.admin main,.admin footer{max-width:72rem}"
".account p,.account form{display:inline-block;margin:0 .5rem 0 0}"
"dl.facts{display:grid;grid-template-columns:fit-content(50%) 1fr;gap:0 1rem}"
"dl.facts dd{margin:0}select{margin-bottom:1rem}"
"ul.actions{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}"
"div.actions form{display:inline-block;margin:0 .5rem .5rem 0}";
