// @ts-check
/**
 * @module public/admin/dashboard-charts
 * One chart of the dashboard: a Chart.js canvas (Chart.js is served by lawline from node_modules and loaded by the
 * page as a classic script, so it is `window.Chart`) with its accessible alternative: the canvas is an image whose
 * label says what it shows, and the same numbers are in a table under a 数据表 disclosure that screen readers and
 * keyboards reach (and the printed report opens). Animation is off: figures appear at once and nothing moves.
 */

/** @typedef {{ label: string, value: number }} Point */

const COLOURS = ['#0b5cad', '#0f7b3f', '#b54708', '#6941c6', '#b42318', '#0e7090', '#9a6700', '#c11574', '#475467', '#1d2939'];

/** @returns {typeof import('chart.js').Chart} */
function ChartJs() {
  const chart = /** @type {any} */ (window).Chart;
  if (!chart) throw new Error('Chart.js did not load (/admin/vendor/chart.umd.min.js)');
  return chart;
}

/** @param {string} tag @param {Record<string, string>} [attrs] @param {string} [text] */
export function el(tag, attrs = {}, text = '') {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

/**
 * A table of label/value rows.
 * @param {string} caption
 * @param {string[]} head column headings
 * @param {Array<Array<string | number>>} rows
 */
export function table(caption, head, rows) {
  const t = el('table');
  t.append(el('caption', {}, caption));
  const thead = el('thead');
  const hr = el('tr');
  for (const h of head) hr.append(el('th', { scope: 'col' }, h));
  thead.append(hr);
  const tbody = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    row.forEach((cell, i) => tr.append(el(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}, String(cell))));
    tbody.append(tr);
  }
  if (!rows.length) {
    const tr = el('tr');
    tr.append(el('td', { colspan: String(head.length) }, '本期无数据'));
    tbody.append(tr);
  }
  t.append(thead, tbody);
  return t;
}

/** Charts drawn on the page, by canvas id, so a new period replaces them. */
const drawn = new Map();

/**
 * Draws (or redraws) a chart into `figure` and writes its table alternative.
 * @param {HTMLElement} figure an element with a canvas child and a table slot (see {@link chartFigure})
 * @param {{ type: 'bar' | 'line' | 'doughnut', title: string, unit: string, points: Point[], horizontal?: boolean,
 *   target?: { label: string, value: number } }} spec `target`: a reference line (the case library's 30 a year)
 */
export function drawChart(figure, spec) {
  const canvas = /** @type {HTMLCanvasElement} */ (figure.querySelector('canvas'));
  const total = spec.points.reduce((a, p) => a + p.value, 0);
  const top = [...spec.points].sort((a, b) => b.value - a.value).slice(0, 3).map((p) => `${p.label} ${p.value}`).join('，');
  canvas.setAttribute('aria-label', spec.points.length
    ? `${spec.title}：${spec.type === 'line' ? `共${total}${spec.unit}` : `最多的是${top}`}。数据见下方数据表。`
    : `${spec.title}：本期无数据。`);
  drawn.get(canvas.id)?.destroy();
  const Chart = ChartJs();
  const datasets = /** @type {any[]} */ ([{
    label: spec.title, data: spec.points.map((p) => p.value),
    backgroundColor: spec.type === 'line' ? '#0b5cad33' : spec.points.map((_, i) => COLOURS[i % COLOURS.length]),
    borderColor: spec.type === 'line' ? '#0b5cad' : '#ffffff', fill: spec.type === 'line', tension: 0.2, pointRadius: 2,
  }]);
  if (spec.target) {
    datasets.push({ type: 'line', label: spec.target.label, data: spec.points.map(() => spec.target?.value), borderColor: '#b42318',
      borderDash: [6, 4], pointRadius: 0, fill: false });
  }
  drawn.set(canvas.id, new Chart(canvas, {
    type: spec.type,
    data: { labels: spec.points.map((p) => p.label), datasets },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      plugins: { legend: { display: spec.type === 'doughnut' || Boolean(spec.target) } },
      ...(spec.type === 'doughnut' ? {} : { scales: { [spec.horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } } }),
    },
  }));
  const slot = /** @type {HTMLElement} */ (figure.querySelector('.data-table'));
  const rows = spec.points.map((p) => [p.label, p.value]);
  if (spec.target) rows.push([spec.target.label, spec.target.value]);
  slot.replaceChildren(table(spec.title, ['项目', `数量（${spec.unit}）`], rows));
}

/**
 * An empty chart figure: caption, canvas, and the disclosure that will hold its table.
 * @param {string} id the canvas id
 * @param {string} caption
 * @param {{ tall?: boolean }} [options]
 */
export function chartFigure(id, caption, options = {}) {
  const figure = el('figure', { class: 'chart' });
  const box = el('div', { class: options.tall ? 'canvas-box tall' : 'canvas-box' });
  box.append(el('canvas', { id, role: 'img' }));
  const details = el('details');
  details.append(el('summary', {}, `${caption}：数据表`), el('div', { class: 'data-table' }));
  figure.append(el('figcaption', {}, caption), box, details);
  return figure;
}
