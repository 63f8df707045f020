// The report's stylesheet, inlined into the page (the CSP allows exactly this text by hash).
// Without script every detail row is shown; the script adds .js to <html> and collapses them.
// Print shows every control expanded and hides the filters.
export const STYLE = `
:root { --fg: #1d2433; --muted: #5f6b7a; --line: #d9dee5; --bg: #ffffff; --band: #f5f7fa;
  --critical: #7b1fa2; --high: #c62828; --medium: #b26a00; --low: #1565c0; --ok: #2e7d32; --skip: #6b7280; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; }
h4 { margin: 12px 0 4px; font-size: 13px; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.muted { color: var(--muted); }
.meta { color: var(--muted); margin: 0 0 16px; }
.meta span + span::before { content: " · "; }
.scores { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.score { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 150px; background: var(--band); }
.score .value { font-size: 26px; font-weight: 600; display: block; }
.score .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.score .sub { color: var(--muted); font-size: 12px; }
.risk-high .value { color: var(--high); } .risk-medium .value { color: var(--medium); } .risk-low .value { color: var(--ok); }
.counts { margin: 4px 0; }
.notes li { margin: 2px 0; }
.errors { color: var(--high); }
svg.chart { max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
svg.chart text { fill: var(--fg); }
svg.chart .sev-critical { fill: var(--critical); } svg.chart .sev-high { fill: var(--high); }
svg.chart .sev-medium { fill: var(--medium); } svg.chart .sev-low { fill: var(--low); }
.filters { display: none; flex-wrap: wrap; gap: 16px; align-items: center; margin: 8px 0 12px; padding: 10px 12px; background: var(--band); border: 1px solid var(--line); border-radius: 8px; }
.js .filters { display: flex; }
.filters input[type=search] { padding: 5px 8px; min-width: 260px; font: inherit; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 10px; align-items: center; }
.filters legend { float: left; margin-right: 6px; color: var(--muted); }
.filters button { font: inherit; }
table.controls { width: 100%; border-collapse: collapse; }
table.controls th { text-align: left; font-size: 12px; color: var(--muted); border-bottom: 2px solid var(--line); padding: 6px; }
table.controls td { padding: 6px; vertical-align: top; }
tbody.control { border-bottom: 1px solid var(--line); }
td.id code { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.title .reason { color: var(--muted); font-size: 12px; }
.toggle { display: none; border: 0; background: none; cursor: pointer; font-size: 14px; width: 22px; padding: 0; }
.js .toggle { display: inline-block; }
.js tbody.control.open .toggle { transform: rotate(90deg); }
.js tr.detail { display: none; }
.js tbody.control.open tr.detail { display: table-row; }
tr.detail > td { background: var(--band); padding: 8px 16px 12px 36px; }
.detail-body p { margin: 4px 0; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; color: #fff; background: var(--skip); }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); }
.sev-medium { background: var(--medium); } .sev-low { background: var(--low); }
.sev-unknown { background: var(--skip); }
table.vulns { border-collapse: collapse; width: 100%; margin: 6px 0 18px; }
table.vulns th, table.vulns td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
.image h3 { font-size: 15px; margin: 18px 0 2px; }
.image ul.uses { margin: 4px 0 6px; padding-left: 18px; }
.st-failed { background: var(--high); } .st-passed { background: var(--ok); }
.st-skipped { background: var(--skip); } .st-excepted { background: var(--medium); }
ul.findings { list-style: none; padding: 0; margin: 8px 0; }
li.finding { padding: 6px 0; border-top: 1px dashed var(--line); }
ul.paths { margin: 4px 0 0; padding-left: 20px; }
code.loc { color: var(--low); }
.fix { color: var(--ok); }
.exception { color: var(--medium); }
#empty { display: none; }
#empty.show { display: block; }
@media print {
  body { padding: 0; font-size: 11px; }
  .filters, .toggle, .js .toggle { display: none !important; }
  tr.detail, .js tr.detail { display: table-row !important; }
  tbody.control[hidden] { display: table-row-group !important; }
  #empty, #empty.show { display: none !important; }
  tbody.control { break-inside: avoid-page; }
  .badge { border: 1px solid currentColor; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  svg.chart { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;
