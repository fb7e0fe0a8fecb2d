// A small inline SVG line chart: one series over a sliding time window.
// Written here rather than taken from a library: no chart WebJar is in the offline build, and one line needs little.

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH_DEFAULT = 640; // until the chart is laid out and can measure itself
const HEIGHT = 200;
const PAD = { left: 48, right: 14, top: 14, bottom: 26 };

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** The smallest 1, 2 or 5 × 10^k at or above v (and at least 1), so axis labels stay round. */
function niceCeiling(v) {
  if (!(v > 1)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= v) return step * magnitude;
  return 10 * magnitude;
}

function formatTick(v) {
  return v.toLocaleString(undefined, { maximumFractionDigits: v < 10 ? 1 : 0 });
}

/**
 * options.label    what the series is, for screen readers ("Commit rate")
 * options.unit     unit of the values ("commits/s")
 * options.windowMs width of the time window, ending at "now"
 * options.testid   data-testid of the svg
 * Returns {element, draw(points, nowMs)}; points are {atMs, value, startsSegment} oldest first, times on the
 * same clock as nowMs. The svg carries data-points (how many are drawn) for tests.
 */
export function lineChart({ label, unit, windowMs, testid }) {
  const root = svg('svg', {
    class: 'line-chart', height: HEIGHT, role: 'img', 'data-testid': testid, 'data-points': 0,
  });
  const title = svg('title', {}, label);
  const grid = svg('g', { class: 'chart-grid' });
  const line = svg('path', { class: 'chart-line', fill: 'none' });
  const empty = svg('text', { class: 'chart-empty', y: HEIGHT / 2, 'text-anchor': 'middle' }, 'Waiting for the second sample…');
  root.append(title, grid, line, empty);

  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  let width = WIDTH_DEFAULT;
  let plotWidth = width - PAD.left - PAD.right;

  /** One user unit per CSS pixel, so the labels keep their size whatever the chart's width. */
  function fitWidth() {
    width = Math.max(PAD.left + PAD.right + 100, Math.round(root.getBoundingClientRect().width) || WIDTH_DEFAULT);
    plotWidth = width - PAD.left - PAD.right;
    root.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
    empty.setAttribute('x', String(PAD.left + plotWidth / 2));
  }

  function drawAxes(maxValue) {
    grid.replaceChildren();
    for (const fraction of [0, 0.5, 1]) {
      const y = PAD.top + plotHeight * (1 - fraction);
      grid.append(
        svg('line', { x1: PAD.left, x2: width - PAD.right, y1: y, y2: y, class: fraction ? 'chart-rule' : 'chart-axis' }),
        svg('text', { x: PAD.left - 6, y: y + 4, 'text-anchor': 'end', class: 'chart-tick' }, formatTick(maxValue * fraction)));
    }
    const seconds = Math.round(windowMs / 1000);
    for (const [fraction, text] of [[0, `−${seconds} s`], [0.5, `−${seconds / 2} s`], [1, 'now']]) {
      grid.append(svg('text', {
        x: PAD.left + plotWidth * fraction, y: HEIGHT - 6, class: 'chart-tick',
        'text-anchor': fraction === 0 ? 'start' : (fraction === 1 ? 'end' : 'middle'),
      }, text));
    }
  }

  function draw(points, nowMs) {
    fitWidth();
    const values = points.map((p) => p.value);
    const maxValue = niceCeiling(Math.max(0, ...values));
    drawAxes(maxValue);
    const x = (atMs) => PAD.left + plotWidth * (1 - (nowMs - atMs) / windowMs);
    const y = (v) => PAD.top + plotHeight * (1 - Math.max(0, v) / maxValue);
    let d = '';
    points.forEach((p, i) => {
      const startsHere = i === 0 || p.startsSegment;
      const endsHere = i === points.length - 1 || points[i + 1].startsSegment;
      d += `${startsHere ? 'M' : 'L'}${x(p.atMs).toFixed(1)} ${y(p.value).toFixed(1)} `;
      if (startsHere && endsHere) d += 'l0.01 0 '; // a lone point still shows, as a dot (round line caps)
    });
    line.setAttribute('d', d.trim());
    empty.style.display = points.length ? 'none' : '';
    root.setAttribute('data-points', String(points.length));
    const latest = points.length ? points[points.length - 1].value : null;
    root.setAttribute('aria-label', latest === null
      ? `${label}: no samples yet`
      : `${label} over the last ${Math.round(windowMs / 1000)} s: now ${formatTick(latest)} ${unit}, `
        + `peak ${formatTick(Math.max(...values))} ${unit}`);
  }

  draw([], 0);
  return { element: root, draw };
}
