// Overview: server, database, grid and health. Refreshes every 10 s while visible.
import { api, ApiError } from './api.js';
import { h, icon, replace, spinner } from './dom.js';
import { formatDateTime, formatTime, formatUptime, formatNumber } from './format.js';

const REFRESH_MS = 10_000;

function statusBadge(status, testid) {
  const s = String(status || 'UNKNOWN').toUpperCase();
  const cls = s === 'UP' ? 'status-up' : (s === 'DOWN' ? 'status-down' : 'status-unknown');
  return h('span', { class: `badge status-badge ${cls}`, testid, text: s });
}

function boolBadge(value, yes, no) {
  return h('span', {
    class: `badge status-badge ${value ? 'status-up' : 'status-down'}`,
    text: value ? yes : no,
  });
}

/** A definition list row. value may be a node or text. */
function row(label, value, attrs = {}) {
  return [
    h('dt', { class: 'col-5 text-body-secondary fw-normal', text: label }),
    h('dd', { class: 'col-7 mb-2 text-break', ...attrs },
      value === undefined || value === null || value === '' ? '—' : value),
  ];
}

function cardShell(title, iconName, testid) {
  const body = h('div', { class: 'card-body', testid }, h('div', { class: 'text-body-secondary small' }, spinner(), ' Loading…'));
  const card = h('section', { class: 'card app-card h-100', 'aria-label': title },
    h('div', { class: 'card-header app-card-header' },
      h('h2', { class: 'h6 mb-0 d-flex align-items-center gap-2' }, icon(iconName, 'icon text-primary'), title)),
    body);
  return { card, body };
}

function errorBlock(err, what) {
  let message;
  if (err instanceof ApiError && err.status === 403) message = `Your role cannot view ${what}.`;
  else if (err instanceof ApiError && err.status === 0) message = 'Cannot reach the server.';
  else if (err instanceof ApiError && err.unavailable) message = `Unavailable: ${err.message}`;
  else message = err instanceof ApiError ? err.message : `Could not load ${what}.`;
  return h('div', { class: 'text-danger small d-flex align-items-center gap-2' }, icon('warning', 'icon'), h('span', { text: message }));
}

export function renderOverview(container) {
  const updated = h('span', { class: 'text-body-secondary small', testid: 'overview-updated', 'aria-live': 'off' });
  const refreshBtn = h('button', {
    type: 'button', class: 'btn btn-sm btn-outline-secondary d-flex align-items-center gap-1', testid: 'overview-refresh',
  }, icon('refresh', 'icon'), 'Refresh');

  // Summary tiles.
  const versionValue = h('div', { class: 'tile-value', testid: 'overview-version', text: '…' });
  const versionSub = h('div', { class: 'tile-sub', testid: 'overview-started' });
  const nodeValue = h('div', { class: 'tile-value text-truncate', testid: 'overview-node', text: '…' });
  const nodeSub = h('div', { class: 'tile-sub' });
  const hostsValue = h('div', { class: 'tile-value', testid: 'overview-hosts', text: '…' });
  const readyValue = h('div', { class: 'tile-value', testid: 'overview-ready', text: '…' });
  const readySub = h('div', { class: 'tile-sub' });

  function tile(label, iconName, value, sub, href) {
    const inner = [
      h('div', { class: 'tile-label d-flex align-items-center gap-2' }, icon(iconName, 'icon'), label),
      value, sub,
    ];
    return h('div', { class: 'col-12 col-sm-6 col-xl-3' },
      href
        ? h('a', { class: 'card app-card tile tile-link h-100', href }, h('div', { class: 'card-body' }, inner))
        : h('div', { class: 'card app-card tile h-100' }, h('div', { class: 'card-body' }, inner)));
  }

  const database = cardShell('Database', 'database', 'overview-database');
  const grid = cardShell('Grid topology', 'grid', 'overview-grid');
  const health = cardShell('Health', 'heart', 'overview-health');

  container.append(
    h('div', { class: 'page-header' },
      h('div', null,
        h('h1', { class: 'page-title', tabindex: '-1', text: 'Overview' }),
        h('p', { class: 'page-subtitle', text: 'Status of this NovaCron control-plane node. Refreshes every 10 seconds.' })),
      h('div', { class: 'd-flex align-items-center gap-3' }, updated, refreshBtn)),
    h('div', { class: 'row g-3 mb-3' },
      tile('Version', 'server', versionValue, versionSub),
      tile('Node', 'hosts', nodeValue, nodeSub),
      tile('Registered hosts', 'hosts', hostsValue, h('div', { class: 'tile-sub', text: 'View the fleet →' }), '#/hosts'),
      tile('Readiness', 'heart', readyValue, readySub)),
    h('div', { class: 'row g-3 mb-3' },
      h('div', { class: 'col-12 col-lg-6' }, database.card),
      h('div', { class: 'col-12 col-lg-6' }, grid.card)),
    h('div', { class: 'row g-3' },
      h('div', { class: 'col-12' }, health.card)));

  function renderSystem(sys) {
    versionValue.textContent = sys.version || '—';
    replace(versionSub,
      h('span', { title: sys.startedAt || '', text: `Started ${formatDateTime(sys.startedAt)}` }),
      sys.startedAt ? ` · up ${formatUptime(sys.startedAt)}` : '');
    nodeValue.textContent = sys.nodeId || '—';
    nodeValue.title = sys.nodeId || '';
    nodeSub.textContent = 'Cluster member serving this console';

    const db = sys.database || {};
    replace(database.body, h('dl', { class: 'row mb-0 small kv' },
      row('Kind', db.kind, { testid: 'overview-database-kind' }),
      row('Product', db.product, { testid: 'overview-database-product' }),
      row('Schema version', db.schemaVersion, { testid: 'overview-database-schema' }),
      row('Migrations', db.migrated === undefined ? null : boolBadge(db.migrated, 'Applied', 'Pending'))));

    const g = sys.grid || {};
    hostsValue.textContent = g.hostCount === undefined ? '—' : formatNumber(g.hostCount);
    replace(grid.body, h('dl', { class: 'row mb-0 small kv' },
      row('State', g.active === undefined ? null : boolBadge(g.active, 'Active', 'Inactive'), { testid: 'overview-grid-active' }),
      row('Nodes', g.nodes === undefined ? null : formatNumber(g.nodes), { testid: 'overview-grid-nodes' }),
      row('Local node id', g.localNodeId ? h('code', { class: 'mono', text: g.localNodeId }) : null, { testid: 'overview-grid-local' }),
      row('Topology version', g.topologyVersion === undefined ? null : formatNumber(g.topologyVersion), { testid: 'overview-grid-topology' }),
      row('Host count', g.hostCount === undefined ? null : formatNumber(g.hostCount), { testid: 'overview-grid-hosts' })));
  }

  function renderSystemError(err) {
    versionValue.textContent = '—';
    nodeValue.textContent = '—';
    hostsValue.textContent = '—';
    versionSub.replaceChildren();
    replace(database.body, errorBlock(err, 'system information'));
    replace(grid.body, errorBlock(err, 'system information'));
  }

  function checkData(data) {
    if (!data || typeof data !== 'object') return null;
    const entries = Object.entries(data);
    if (!entries.length) return null;
    return h('div', { class: 'check-data' },
      entries.map(([k, v]) => h('span', { class: 'check-datum' },
        h('span', { class: 'text-body-secondary', text: `${k}: ` }),
        h('span', { text: typeof v === 'object' ? JSON.stringify(v) : String(v) }))));
  }

  function probeColumn(title, kind, result) {
    const col = h('div', { class: 'col-12 col-md-6', testid: `overview-health-${kind}` });
    if (result.status === 'rejected') {
      replace(col, h('h3', { class: 'h6', text: title }), errorBlock(result.reason, `${title.toLowerCase()}`));
      return col;
    }
    const body = result.value.body || {};
    const checks = Array.isArray(body.checks) ? body.checks : [];
    replace(col,
      h('div', { class: 'd-flex align-items-center justify-content-between mb-2' },
        h('h3', { class: 'h6 mb-0', text: title }),
        statusBadge(body.status, `overview-health-${kind}-status`)),
      checks.length
        ? h('ul', { class: 'list-group list-group-flush check-list' },
          checks.map((c) => h('li', {
            class: 'list-group-item px-0 d-flex justify-content-between align-items-start gap-3',
            testid: `health-check-${kind}-${c.name}`,
          },
          h('div', { class: 'min-w-0' },
            h('div', { class: 'fw-medium', text: c.name || '(unnamed)' }),
            checkData(c.data)),
          statusBadge(c.status))))
        : h('p', { class: 'text-body-secondary small mb-0', text: 'No checks reported.' }));
    return col;
  }

  let inFlight = null;
  let disposed = false;

  async function refresh() {
    if (inFlight || disposed) return;
    const controller = new AbortController();
    inFlight = controller;
    refreshBtn.disabled = true;
    try {
      const [sys, ready, live] = await Promise.allSettled([
        api.system(controller.signal),
        api.health('ready', controller.signal),
        api.health('live', controller.signal),
      ]);
      if (disposed) return;
      if (sys.status === 'fulfilled') renderSystem(sys.value || {});
      else if (sys.reason?.name !== 'AbortError') renderSystemError(sys.reason);

      if (ready.status === 'fulfilled') {
        const st = String(ready.value.body?.status || 'UNKNOWN').toUpperCase();
        replace(readyValue, statusBadge(st));
        readySub.textContent = st === 'UP' ? 'Ready to serve requests' : 'Not ready: see health checks';
      } else {
        replace(readyValue, statusBadge('UNKNOWN'));
        readySub.textContent = 'Health endpoint unreachable';
      }
      replace(health.body, h('div', { class: 'row g-4' },
        probeColumn('Readiness', 'ready', ready),
        probeColumn('Liveness', 'live', live)));
      updated.textContent = `Updated ${formatTime(new Date())}`;
    } finally {
      inFlight = null;
      if (!disposed) refreshBtn.disabled = false;
    }
  }

  refreshBtn.addEventListener('click', refresh);
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') refresh();
  }, REFRESH_MS);
  const onVisibility = () => {
    if (document.visibilityState === 'visible') refresh();
  };
  document.addEventListener('visibilitychange', onVisibility);
  refresh();

  return () => {
    disposed = true;
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisibility);
    if (inFlight) inFlight.abort();
  };
}
