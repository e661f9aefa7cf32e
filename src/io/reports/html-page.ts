/**
 * The shell every HTML report shares: one self-contained page (styles, Chart.js, the data and a
 * small chart runtime all inline; a Content-Security-Policy that forbids any network request),
 * HTML and JSON escaping, and chart figures.
 */
import type { ChartConfiguration, ChartConfigurationCustomTypesPerDataset } from 'chart.js';
import { chartLibrarySource } from './chart-library.js';

/** A point on a linear-x chart. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** How the chart runtime formats an axis tick or a tooltip value. */
export type ValueFormat = 'money' | 'money-signed' | 'percent' | 'multiple' | 'count' | 'share' | 'decimal';

/** A Chart.js configuration that is plain JSON (functions are attached by the runtime from `ticks`/`tooltip`). */
export type ChartConfig =
  | ChartConfiguration<'line', Point[]>
  | ChartConfiguration<'bar', number[], string>
  | (ChartConfigurationCustomTypesPerDataset<'bar' | 'line', Point[]> & { readonly type: 'bar' });

/** One chart: its canvas id, its configuration and how the runtime formats its numbers. */
export interface ChartSpec {
  readonly id: string;
  readonly config: ChartConfig;
  /** Tick format per scale id (linear scales only). */
  readonly ticks?: Readonly<Record<string, ValueFormat>>;
  readonly tooltip?: {
    /** The axis that carries the value (y for vertical bars and lines, x for horizontal bars). */
    readonly valueAxis: 'x' | 'y';
    readonly value: ValueFormat;
    /** Per dataset, a tooltip title per data point (e.g. a histogram bin's range). */
    readonly titles?: readonly (readonly string[] | null)[];
    /** Per dataset, a fixed tooltip line (e.g. "P50: 1,204,000 USD" for a marker). */
    readonly labels?: readonly (string | null)[];
  };
}

/** A chart figure on the page: title, accessible description, height and optional note and data table. */
export interface FigureHtml {
  readonly spec: ChartSpec;
  readonly title: string;
  /** What the chart shows, for screen readers (the canvas's aria-label and fallback text). */
  readonly description: string;
  readonly height: number;
  /** Trusted HTML shown under the chart. */
  readonly noteHtml?: string;
  /** Trusted HTML: the chart's numbers as a table, shown in a disclosure. */
  readonly tableHtml?: string;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>` and `&` become `\u003c`,
 * `\u003e` and `\u0026` (so no `</script>` or `<!--` can end or bend the element) and the line
 * separators U+2028/U+2029 are escaped too. `JSON.parse` reads it back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A chart figure: a titled canvas with role="img", an aria-label, fallback text and the data as a table. */
export function figureHtml(figure: FigureHtml): string {
  const id = escapeHtml(figure.spec.id);
  const description = escapeHtml(figure.description);
  return `<figure class="chart" aria-labelledby="${id}-title">
<figcaption id="${id}-title" class="chart-title">${escapeHtml(figure.title)}</figcaption>
<div class="chart-box" style="height:${Math.round(figure.height)}px"><canvas id="${id}" role="img" aria-label="${description}">${description}</canvas></div>
${figure.noteHtml === undefined ? '' : `<p class="chart-note">${figure.noteHtml}</p>`}
${figure.tableHtml === undefined ? '' : `<details class="chart-data"><summary>The numbers behind this chart</summary>${scrollableHtml(figure.tableHtml, `The numbers behind: ${figure.title}`)}</details>`}
</figure>`;
}

/** A wide table in a box that scrolls sideways on a narrow screen; focusable so a keyboard can scroll it. */
export function scrollableHtml(table: string, label: string): string {
  return `<div class="table-wrap" role="region" tabindex="0" aria-label="${escapeHtml(label)}">${table}</div>`;
}

/** A table with a header row; cells are trusted HTML, `numeric` marks right-aligned columns. */
export function tableHtml(options: {
  readonly caption?: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly numeric?: readonly boolean[];
  /** The first cell of each row is a row header. */
  readonly rowHeaders?: boolean;
}): string {
  const numeric = (i: number): string => (options.numeric?.[i] === true ? ' class="num"' : '');
  const head = options.head.map((h, i) => `<th scope="col"${numeric(i)}>${h}</th>`).join('');
  const rows = options.rows
    .map((row) => `<tr>${row.map((cell, i) => (i === 0 && options.rowHeaders === true ? `<th scope="row">${cell}</th>` : `<td${numeric(i)}>${cell}</td>`)).join('')}</tr>`)
    .join('\n');
  const caption = options.caption === undefined ? '' : `<caption>${escapeHtml(options.caption)}</caption>`;
  return `<table>${caption}<thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

/** Key figures as a definition list of cards; values are trusted HTML. */
export function statsHtml(stats: readonly { readonly label: string; readonly valueHtml: string; readonly hint?: string }[]): string {
  const items = stats
    .map((s) => `<div class="stat"><dt>${escapeHtml(s.label)}</dt><dd>${s.valueHtml}</dd>${s.hint === undefined ? '' : `<dd class="hint">${escapeHtml(s.hint)}</dd>`}</div>`)
    .join('\n');
  return `<dl class="stats">\n${items}\n</dl>`;
}

const STYLES = `
:root{color-scheme:light;--ink:#101828;--muted:#475467;--line:#d0d5dd;--soft:#f2f4f7;--accent:#1d4ed8}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:1080px;margin:0 auto;padding:24px 16px 48px}
.report-head{border-bottom:1px solid var(--line);margin-bottom:24px;padding-bottom:12px}
.kicker{margin:0;color:var(--muted);font-size:.85rem;font-weight:600;letter-spacing:.04em;text-transform:uppercase}
h1{font-size:1.6rem;line-height:1.25;margin:4px 0 8px;overflow-wrap:anywhere}
h2{font-size:1.3rem;line-height:1.3;margin:36px 0 12px;overflow-wrap:anywhere}
h3{font-size:1.05rem;line-height:1.35;margin:0 0 8px;overflow-wrap:anywhere}
p{margin:0 0 12px}
.meta{color:var(--muted);margin:0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;background:var(--soft);padding:0 4px;border-radius:4px;overflow-wrap:anywhere}
.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,185px),1fr));gap:12px;margin:0}
.stat{border:1px solid var(--line);border-radius:8px;padding:10px 12px;min-width:0}
.stat dt{font-size:.85rem;color:var(--muted)}
.stat dd{margin:0;font-size:1.2rem;font-weight:650;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.stat dd .unit{font-size:.7em;font-weight:600;color:var(--muted)}
.stat dd.hint{font-size:.8rem;font-weight:400;color:var(--muted)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,460px),1fr));gap:16px}
figure.chart{margin:0;border:1px solid var(--line);border-radius:8px;padding:12px;min-width:0}
.chart-title{font-weight:650;margin:0 0 8px}
.chart-box{position:relative;width:100%}
.chart-box canvas{display:block}
.chart-note{color:var(--muted);font-size:.9rem;margin:8px 0 0}
details{margin-top:8px}
summary{cursor:pointer;color:var(--accent);font-size:.9rem}
summary:focus-visible,a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.table-wrap{overflow-x:auto;max-width:100%}
.table-wrap:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.evidence-table caption{font-size:.85rem;color:var(--muted);font-weight:600}
table{border-collapse:collapse;width:100%;font-size:.92rem;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:650;padding:0 0 6px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
thead th{background:var(--soft);font-weight:650}
th.num,td.num{text-align:right;white-space:nowrap}
thead th.num{white-space:normal}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:.75rem;font-weight:700;letter-spacing:.03em;text-transform:uppercase;color:#fff;vertical-align:middle;white-space:nowrap}
.sev-high{--sev:#b42318}.sev-medium{--sev:#b54708}.sev-low{--sev:#175cd3}.sev-info{--sev:#475467}
.badge.sev-high,.badge.sev-medium,.badge.sev-low,.badge.sev-info{background:var(--sev)}
.severity-counts{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 16px;padding:0;list-style:none}
.finding{border:1px solid var(--line);border-left:6px solid var(--sev,var(--line));border-radius:8px;padding:14px 16px;margin:0 0 16px;min-width:0}
.finding-head{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin-bottom:8px}
.finding-head h3,.finding-head h4{margin:0;font-size:1.05rem;line-height:1.35}
h4{font-size:1rem;margin:0 0 8px}
.stats+.charts{margin-top:16px}
.finding dl{margin:8px 0 0}
.finding dt{font-weight:650;margin-top:8px}
.finding dd{margin:0}
.evidence-table>tbody>tr>th{width:45%}
.evidence{margin-top:12px}
.evidence-list{margin-top:10px}
.evidence-list-title,.evidence-list>summary{font-size:.85rem;font-weight:600;color:var(--muted);margin:0 0 4px}
.evidence-list>summary{color:var(--accent)}
.kv .k{color:var(--muted)}
.evidence table table{font-size:.85rem}
.gain{color:#067647}.loss{color:#b42318}
.empty{color:var(--muted);font-style:italic}
.chart-error{border:1px solid #b42318;color:#b42318;border-radius:8px;padding:12px;margin:0 0 16px}
footer{margin-top:40px;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);padding-top:12px}
@media (max-width:480px){
h1{font-size:1.35rem}h2{font-size:1.15rem}main{padding:16px 12px 32px}th,td{padding:5px 4px}
table{font-size:.8rem}.stat dd{font-size:1.05rem}.stats{grid-template-columns:repeat(auto-fill,minmax(min(100%,150px),1fr));gap:10px}
.finding{padding:12px;border-left-width:5px}
.evidence-table>thead{display:none}
.evidence-table>tbody>tr>th,.evidence-table>tbody>tr>td{display:block;width:auto;border:0;padding:4px 0 0}
.evidence-table>tbody>tr>td{padding:0 0 6px}
.evidence-table>tbody>tr{display:block;border-bottom:1px solid var(--line)}
}
@media print{.chart-data{display:none}figure.chart,.finding{break-inside:avoid}}
`;

/**
 * The chart runtime (plain browser JavaScript): reads the chart specs from their JSON block,
 * attaches number formatting, draws each chart without animation and marks its canvas
 * `data-rendered="true"` after Chart.js has drawn it.
 */
const RUNTIME = `
(function () {
  'use strict';
  var specsElement = document.getElementById('chart-specs');
  var specs = JSON.parse((specsElement && specsElement.textContent) || '[]');
  function fail(message) {
    document.body.setAttribute('data-chart-error', message);
    var box = document.createElement('p');
    box.className = 'chart-error';
    box.setAttribute('role', 'alert');
    box.textContent = 'Charts could not be drawn (' + message + '). The tables hold the same numbers.';
    var main = document.querySelector('main');
    if (main) main.insertBefore(box, main.firstChild);
  }
  if (typeof Chart === 'undefined') { fail('Chart.js did not load'); return; }
  var compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });
  var whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  var currency = document.body.getAttribute('data-currency') || '';
  function trimmed(value, digits) { return String(Number(value.toFixed(digits))); }
  var formats = {
    money: function (v, tick) { return tick ? compact.format(v) : whole.format(v) + (currency ? ' ' + currency : ''); },
    'money-signed': function (v, tick) { var s = tick ? compact.format(v) : whole.format(v) + (currency ? ' ' + currency : ''); return v > 0 ? '+' + s : s; },
    percent: function (v) { return trimmed(v * 100, 1) + '%'; },
    share: function (v) { return trimmed(v * 100, 1) + '%'; },
    multiple: function (v) { return trimmed(v, 2) + '\\u00d7'; },
    count: function (v) { return whole.format(v); },
    decimal: function (v) { return trimmed(v, 2); }
  };
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#344054';
  Chart.defaults.borderColor = '#e4e7ec';
  var markRendered = {
    id: 'tandem-rendered',
    afterRender: function (chart) { chart.canvas.setAttribute('data-rendered', 'true'); }
  };
  specs.forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas) return;
    var config = spec.config;
    var options = config.options || (config.options = {});
    options.animation = false;
    options.responsive = true;
    options.maintainAspectRatio = false;
    var scales = options.scales || {};
    Object.keys(spec.ticks || {}).forEach(function (axis) {
      var format = formats[spec.ticks[axis]];
      if (!format || !scales[axis]) return;
      scales[axis].ticks = scales[axis].ticks || {};
      scales[axis].ticks.callback = function (value) { return format(Number(value), true); };
    });
    var plugins = options.plugins || (options.plugins = {});
    var tip = spec.tooltip;
    if (tip) {
      var valueFormat = formats[tip.value] || formats.count;
      plugins.tooltip = plugins.tooltip || {};
      plugins.tooltip.callbacks = {
        title: function (items) {
          var item = items[0];
          var titles = item && tip.titles && tip.titles[item.datasetIndex];
          return titles ? titles[item.dataIndex] : undefined;
        },
        label: function (item) {
          var fixed = tip.labels && tip.labels[item.datasetIndex];
          if (fixed) return fixed;
          var value = item.parsed[tip.valueAxis];
          return (item.dataset.label ? item.dataset.label + ': ' : '') + valueFormat(value, false);
        }
      };
    }
    config.plugins = [markRendered];
    try {
      new Chart(canvas, config);
    } catch (error) {
      canvas.setAttribute('data-rendered', 'error');
      fail(String(error && error.message || error));
    }
  });
})();
`;

/** The whole page: head with styles and CSP, the body HTML, the report data, Chart.js and the chart runtime. */
export function pageHtml(page: {
  readonly title: string;
  readonly kicker: string;
  readonly metaHtml: string;
  readonly bodyHtml: string;
  readonly charts: readonly ChartSpec[];
  /** The report's JSON, embedded for anyone who wants the raw numbers. */
  readonly data: unknown;
  readonly currency?: string;
}): string {
  const currency = page.currency === undefined ? '' : ` data-currency="${escapeHtml(page.currency)}"`;
  const scripts =
    page.charts.length === 0
      ? ''
      : `<script type="application/json" id="chart-specs">${jsonForScript(page.charts)}</script>
<script>${chartLibrarySource()}</script>
<script>${RUNTIME}</script>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="Tandem">
<title>${escapeHtml(page.title)}</title>
<style>${STYLES}</style>
</head>
<body${currency}>
<main>
<header class="report-head">
<p class="kicker">${escapeHtml(page.kicker)}</p>
<h1>${escapeHtml(page.title)}</h1>
<p class="meta">${page.metaHtml}</p>
</header>
<noscript><p class="chart-error">Charts need JavaScript; the tables hold the same numbers.</p></noscript>
${page.bodyHtml}
<footer>Written by Tandem. This file is self-contained: it loads nothing from the network. The report's data is embedded below as JSON (<code>#report-data</code>).</footer>
</main>
<script type="application/json" id="report-data">${jsonForScript(page.data)}</script>
${scripts}
</body>
</html>
`;
}
