// Small DOM helpers. Everything the server sends is rendered through
// textContent / text nodes: never through innerHTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Creates an element.
 * attrs: class, text, testid, dataset, on<Event> handlers, boolean attributes
 * (true adds the attribute, false/null/undefined omits it), anything else via setAttribute.
 * children: nodes, strings, numbers, arrays, null/false (ignored).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function setAttrs(el, attrs) {
  if (!attrs) return el;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'testid') el.setAttribute('data-testid', value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  return el;
}

export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces all children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

// Icon paths are constants of this file (24x24, stroked), never data.
const ICONS = {
  logo: ['M12 2.5l8.25 4.75v9.5L12 21.5l-8.25-4.75v-9.5z', 'M12 7.5l4 2.3v4.4l-4 2.3-4-2.3V9.8z'],
  overview: ['M4 4h7v7H4z', 'M13 4h7v4h-7z', 'M13 10h7v10h-7z', 'M4 13h7v7H4z'],
  hosts: ['M4 4h16v6H4z', 'M4 14h16v6H4z', 'M8 7h.01', 'M8 17h.01', 'M12 7h4', 'M12 17h4'],
  consensus: ['M12 5.5m-2.5 0a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0', 'M5.5 18m-2.5 0a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0',
    'M18.5 18m-2.5 0a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0', 'M10.8 7.7l-4.1 8', 'M13.2 7.7l4.1 8', 'M8 18h8'],
  leader: ['M4 17l-1-10 5 4 4-6 4 6 5-4-1 10z', 'M4 20.5h16'],
  audit: ['M8 4h8v3H8z', 'M16 5.5h2a1 1 0 0 1 1 1V20a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V6.5a1 1 0 0 1 1-1h2', 'M9 12h6', 'M9 16h4'],
  plus: ['M12 5v14', 'M5 12h14'],
  edit: ['M4 20h4L19 9a2.1 2.1 0 0 0-3-3L5 17z', 'M14 8l3 3'],
  trash: ['M4 7h16', 'M10 11v6', 'M14 11v6', 'M6 7l1 13h10l1-13', 'M9 7V4h6v3'],
  signout: ['M14 4h5v16h-5', 'M10 8l-4 4 4 4', 'M6 12h11'],
  refresh: ['M20 11a8 8 0 1 0-2.3 5.7', 'M20 4v7h-7'],
  warning: ['M12 9v4', 'M12 17h.01', 'M10.3 3.9L1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z'],
  lock: ['M6 11h12v10H6z', 'M8 11V7a4 4 0 0 1 8 0v4', 'M12 15v2'],
  user: ['M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M4 21a8 8 0 0 1 16 0'],
  search: ['M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14z', 'M21 21l-5-5'],
  filter: ['M4 5h16l-6 8v6l-4-2v-4z'],
  empty: ['M4 4h16v6H4z', 'M4 14h9', 'M4 14v6h9', 'M18 14v6', 'M15 17h6', 'M8 7h.01'],
  check: ['M5 12l5 5 9-10'],
  database: ['M12 3c4.4 0 8 1.3 8 3s-3.6 3-8 3-8-1.3-8-3 3.6-3 8-3z', 'M4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6', 'M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3'],
  grid: ['M12 3v4', 'M12 17v4', 'M5 12H3', 'M21 12h-2', 'M12 12m-5 0a5 5 0 1 0 10 0a5 5 0 1 0 -10 0', 'M12 12h.01'],
  heart: ['M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z'],
  server: ['M4 4h16v16H4z', 'M4 9h16', 'M7 6.5h.01', 'M8 14h8'],
  chevronLeft: ['M15 6l-6 6 6 6'],
  chevronRight: ['M9 6l6 6-6 6'],
};

/** An inline, decorative SVG icon (aria-hidden). */
export function icon(name, cls = 'icon') {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '1.8');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', cls);
  for (const d of ICONS[name] || []) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

/** A small spinner for busy buttons and loading rows. */
export function spinner(label = 'Loading…') {
  return h('span', { class: 'spinner-border spinner-border-sm', role: 'status' },
    h('span', { class: 'visually-hidden', text: label }));
}

let idCounter = 0;
/** A document-unique id with a readable prefix. */
export function uid(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
