/** The report page's stylesheet: plain, printable, readable without any web font. */
export const reportStyles = `
:root { --pass: #15803d; --warn: #b45309; --fail: #b91c1c; --error: #7f1d1d; --skip: #6b7280; --inconclusive: #6d28d9; --ink: #111827; --muted: #4b5563; --line: #e5e7eb; --panel: #f9fafb; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 0 24px 48px; }
header.banner { color: #fff; padding: 28px 24px; }
header.banner .inner { max-width: 1180px; margin: 0 auto; }
header.banner.pass { background: var(--pass); } header.banner.warn { background: var(--warn); }
header.banner.fail { background: var(--fail); } header.banner.inconclusive { background: var(--inconclusive); } header.banner.error { background: var(--error); } header.banner.interrupted { background: var(--skip); }
header.banner h1 { margin: 0 0 6px; font-size: 30px; letter-spacing: .01em; }
header.banner p { margin: 4px 0; font-size: 16px; opacity: .95; }
header.banner .meta { font-size: 13px; opacity: .85; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 20px 0 8px; }
.card { border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; background: var(--panel); }
.card .n { font-size: 30px; font-weight: 700; line-height: 1.1; }
.card.pass .n { color: var(--pass); } .card.warn .n { color: var(--warn); } .card.fail .n { color: var(--fail); } .card.inconclusive .n { color: var(--inconclusive); } .card.skip .n { color: var(--skip); }
.card .what { color: var(--muted); font-size: 13px; }
.notice { border-left: 4px solid var(--fail); background: #fef2f2; padding: 10px 14px; margin: 12px 0; }
.notice ul { margin: 6px 0 0; padding-left: 20px; }
.notice.ok { border-color: var(--pass); background: #f0fdf4; }
h2 { margin: 36px 0 6px; font-size: 22px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { margin: 24px 0 6px; font-size: 17px; }
.lead { color: var(--muted); margin: 4px 0 12px; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--panel); font-weight: 600; white-space: nowrap; }
td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.how { color: var(--muted); font-size: 12px; }
tr.fail td { background: #fef2f2; } tr.warn td { background: #fffbeb; } tr.inconclusive td { background: #f5f3ff; }
.pill { display: inline-block; padding: 1px 10px; border-radius: 999px; font-size: 12px; font-weight: 700; color: #fff; white-space: nowrap; }
.pill.pass { background: var(--pass); } .pill.warn { background: var(--warn); } .pill.fail { background: var(--fail); } .pill.inconclusive { background: var(--inconclusive); } .pill.not-measured { background: var(--skip); }
.reason { display: block; color: var(--muted); font-size: 12px; margin-top: 2px; }
.evidence { display: block; font-size: 12px; margin-top: 4px; }
table.statements { table-layout: fixed; }
table.statements td.query code { font-size: 12px; overflow-wrap: anywhere; }
table.statements th { white-space: normal; }
h4 { margin: 14px 0 6px; font-size: 15px; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; }
.charts.single { grid-template-columns: 1fr; }
.charts > figure, .plans > div { min-width: 0; }
table.targets { table-layout: fixed; }
table.targets td { overflow-wrap: anywhere; }
table.targets td.num { white-space: normal; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; background: #fff; }
figure h3 { margin: 0 0 4px; font-size: 15px; }
figcaption { color: var(--muted); font-size: 13px; margin-bottom: 8px; }
.chart-box { position: relative; height: 300px; }
.plans { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.plans pre { margin: 0; padding: 12px; background: #0f172a; color: #e2e8f0; border-radius: 8px; font-size: 12px; line-height: 1.45; overflow-x: auto; white-space: pre; }
.plans h4 { margin: 0 0 6px; font-size: 14px; }
.facts th { width: 220px; }
th.judged, td.judged { background: #eff6ff; font-weight: 700; }
h4 { margin: 18px 0 4px; font-size: 15px; }
ul.meanings { color: var(--muted); font-size: 13px; padding-left: 20px; }
footer { color: var(--muted); font-size: 12px; margin-top: 40px; }
@media (max-width: 900px) { .charts, .plans { grid-template-columns: 1fr; } .cards { grid-template-columns: repeat(2, 1fr); } }
`;
