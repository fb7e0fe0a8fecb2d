// Consensus: this server's view of its consensus group, the members and a live commit-rate chart.
// Polls every second while the page is visible, since a commit rate needs closely spaced samples.
import { api, ApiError, canTransferLeadership } from './api.js';
import { h, icon, replace } from './dom.js';
import { formatNumber, formatTime, sentence } from './format.js';
import { lineChart } from './chart.js';
import { CommitRate } from './commit-rate.js';
import { leadershipTransfer } from './leadership-transfer.js';

const POLL_MS = 1_000;
const POLL_TIMEOUT_MS = 5_000;
const WINDOW_MS = 60_000;

const ROLES = {
  LEADER: { label: 'Leader', cls: 'role-leads' },
  PRIMARY: { label: 'Primary', cls: 'role-leads' },
  FOLLOWER: { label: 'Follower', cls: 'role-follows' },
  BACKUP: { label: 'Backup', cls: 'role-follows' },
  CANDIDATE: { label: 'Candidate', cls: 'role-elects' },
  PRE_CANDIDATE: { label: 'Pre-candidate', cls: 'role-elects' },
  VIEW_CHANGE: { label: 'View change', cls: 'role-elects' },
};

/** Raft and PBFT name the same two things differently; the page uses the running protocol's words. */
function words(protocol) {
  return protocol === 'pbft' ? { epoch: 'View', leader: 'Primary' } : { epoch: 'Term', leader: 'Leader' };
}

function roleBadge(role) {
  const r = ROLES[role];
  return h('span', {
    class: `badge status-badge ${r ? r.cls : 'status-unknown'}`, testid: 'consensus-role', dataset: { role: role || '' },
  }, r ? r.label : (role || 'No role'));
}

const known = (n) => typeof n === 'number' && Number.isFinite(n) && n >= 0;

/** Entries a member is behind: the server's lag, else committed − matched; null when only the leader would know. */
function lagOf(member, committed) {
  if (known(member.lag)) return member.lag;
  if (known(member.matched) && known(committed)) return Math.max(0, committed - member.matched);
  return null;
}

/** Fills an alert only when its text changes, so a screen reader does not hear it again on every poll. */
function showAlert(el, title, text) {
  const key = `${title}\n${text}`;
  el.classList.remove('d-none');
  if (el.dataset.shown === key) return;
  el.dataset.shown = key;
  replace(el, icon('warning', 'icon flex-shrink-0 mt-1'), h('span', null,
    title ? h('strong', { text: `${title} ` }) : null, h('span', { text })));
}

function hideAlert(el) {
  el.classList.add('d-none');
  delete el.dataset.shown;
}

function unknownCell(why) {
  return h('span', { class: 'text-body-tertiary', title: why, text: '—' });
}

export function renderConsensus(container, { session }) {
  const updated = h('span', { class: 'text-body-secondary small', testid: 'consensus-updated', 'aria-live': 'off' });
  const failure = h('div', {
    class: 'alert alert-danger d-flex align-items-start gap-2 py-2 small d-none', role: 'alert', testid: 'consensus-error',
  });
  const problem = h('div', {
    class: 'alert alert-warning d-flex align-items-start gap-2 py-2 small d-none', role: 'status', testid: 'consensus-problem',
  });

  // ---------- summary tiles
  function tile(labelEl, value, sub) {
    return h('div', { class: 'col-6 col-md-4 col-xl-2' },
      h('div', { class: 'card app-card tile h-100' }, h('div', { class: 'card-body' }, labelEl, value, sub)));
  }
  const tileLabel = (text) => h('div', { class: 'tile-label', text });
  const value = (testid) => h('div', { class: 'tile-value text-truncate', testid, text: '…' });
  const sub = (testid) => h('div', { class: 'tile-sub', testid });

  const protocolValue = value('consensus-protocol');
  const stateSub = sub('consensus-state');
  const nodeValue = value('consensus-node');
  const roleSub = sub();
  const epochLabel = tileLabel('Term');
  const epochValue = value('consensus-term');
  const leaderLabel = tileLabel('Leader');
  const leaderValue = value('consensus-leader');
  const leaderSub = sub();
  const committedValue = value('consensus-committed');
  const appliedValue = value('consensus-applied');
  epochLabel.setAttribute('data-testid', 'consensus-term-label');
  leaderLabel.setAttribute('data-testid', 'consensus-leader-label');

  // ---------- chart
  const rates = new CommitRate({ windowMs: WINDOW_MS, gapMs: POLL_MS * 3.5 });
  const chart = lineChart({ label: 'Commit rate', unit: 'commits/s', windowMs: WINDOW_MS, testid: 'commit-rate-chart' });
  const rateNow = h('span', { class: 'small text-body-secondary tabular', testid: 'commit-rate-now' });

  // ---------- members
  const membersBody = h('tbody');
  const leaderHeader = h('span', { text: 'Leader' });

  const control = canTransferLeadership(session)
    ? leadershipTransfer({ session, onRequested: () => pollNow() })
    : null;

  container.append(
    h('div', { class: 'page-header' },
      h('div', null,
        h('h1', { class: 'page-title', tabindex: '-1', text: 'Consensus' }),
        h('p', {
          class: 'page-subtitle',
          text: 'How this server sees its consensus group. Refreshes every second while this page is open.',
        })),
      updated),
    failure,
    problem,
    h('div', { class: 'row g-3 mb-3' },
      tile(tileLabel('Protocol'), protocolValue, stateSub),
      tile(tileLabel('This server'), nodeValue, roleSub),
      tile(epochLabel, epochValue, sub()),
      tile(leaderLabel, leaderValue, leaderSub),
      tile(tileLabel('Committed'), committedValue, h('div', { class: 'tile-sub', text: 'highest committed position' })),
      tile(tileLabel('Applied'), appliedValue, h('div', { class: 'tile-sub', text: 'highest applied position' }))),
    h('section', { class: 'card app-card mb-3', 'aria-label': 'Commit rate' },
      h('div', { class: 'card-header app-card-header d-flex align-items-center justify-content-between gap-2' },
        h('h2', { class: 'h6 mb-0 d-flex align-items-center gap-2' }, icon('overview', 'icon text-primary'),
          'Commit rate ', h('span', { class: 'text-body-secondary fw-normal', text: '(commits/s, last 60 s)' })),
        rateNow),
      h('div', { class: 'card-body' }, chart.element)),
    h('div', { class: 'row g-3' },
      h('div', { class: control ? 'col-12 col-xl-8' : 'col-12' },
        h('section', { class: 'card app-card h-100', 'aria-label': 'Members' },
          h('div', { class: 'card-header app-card-header' },
            h('h2', { class: 'h6 mb-0 d-flex align-items-center gap-2' }, icon('consensus', 'icon text-primary'), 'Members')),
          h('div', { class: 'table-responsive' },
            h('table', { class: 'table align-middle mb-0 app-table', testid: 'consensus-members' },
              h('caption', { class: 'visually-hidden', text: 'Members of the consensus group as this server sees them' }),
              h('thead', null, h('tr', null,
                h('th', { scope: 'col', text: 'Member' }),
                h('th', { scope: 'col', text: 'Address' }),
                h('th', { scope: 'col', text: 'Connected' }),
                h('th', { scope: 'col', class: 'text-end', text: 'Matched' }),
                h('th', { scope: 'col', class: 'text-end', text: 'Lag' }),
                h('th', { scope: 'col', class: 'text-end', text: 'RTT (ms)' }))),
              membersBody)),
          h('div', { class: 'card-footer app-card-footer small text-body-secondary' },
            'Matched and lag are known only on the ', leaderHeader, '.'))),
      control ? h('div', { class: 'col-12 col-xl-4' }, control.element) : null));

  function memberRow(member, status, vocabulary) {
    const isLeader = Boolean(status.leader) && member.id === status.leader;
    const lag = lagOf(member, status.committed);
    return h('tr', { testid: `consensus-member-${member.id}` },
      h('td', null,
        h('div', { class: 'd-flex flex-wrap align-items-center gap-2' },
          h('span', { class: 'fw-semibold', text: member.id }),
          member.self ? h('span', { class: 'badge member-badge', testid: 'member-self', text: 'this server' }) : null,
          isLeader ? h('span', {
            class: 'badge member-badge member-leads', testid: 'member-leader', text: vocabulary.leader.toLowerCase(),
          }) : null)),
      h('td', { class: 'mono small', text: member.address || '—' }),
      h('td', { testid: 'member-connected' }, h('span', {
        class: `badge status-badge ${member.connected ? 'status-up' : 'status-down'}`,
        text: member.connected ? 'Connected' : 'Disconnected',
      })),
      h('td', { class: 'text-end tabular', testid: 'member-matched' },
        known(member.matched) ? formatNumber(member.matched) : unknownCell(`Only the ${vocabulary.leader.toLowerCase()} knows`)),
      h('td', { class: 'text-end tabular', testid: 'member-lag' },
        lag === null ? unknownCell(`Only the ${vocabulary.leader.toLowerCase()} knows`) : formatNumber(lag)),
      h('td', { class: 'text-end tabular', testid: 'member-rtt' },
        known(member.rttMillis)
          ? member.rttMillis.toLocaleString(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
          : unknownCell(member.self ? 'This server' : 'Not measured yet')));
  }

  function setNumber(el, n) {
    el.textContent = known(n) ? formatNumber(n) : '—';
    el.dataset.value = known(n) ? String(n) : '';
  }

  function renderStatus(status) {
    const vocabulary = words(status.protocol);
    protocolValue.textContent = status.protocol ? String(status.protocol).toUpperCase() : '—';
    const running = status.state === 'RUNNING';
    replace(stateSub, h('span', {
      class: `badge status-badge ${running ? 'status-up' : 'status-down'}`, dataset: { state: status.state || '' },
      text: running ? 'Running' : (status.state === 'NOT_STARTED' ? 'Not started' : (status.state || 'Unknown')),
    }));
    nodeValue.textContent = status.nodeId || '—';
    nodeValue.title = status.nodeId || '';
    replace(roleSub, roleBadge(status.role));
    epochLabel.textContent = vocabulary.epoch;
    setNumber(epochValue, status.term);
    leaderLabel.textContent = vocabulary.leader;
    leaderHeader.textContent = vocabulary.leader.toLowerCase();
    leaderValue.textContent = status.leader || '—';
    if (!status.leader) leaderSub.textContent = 'none known right now';
    else leaderSub.textContent = status.leader === status.nodeId ? 'this server' : '';
    setNumber(committedValue, status.committed);
    setNumber(appliedValue, status.applied);

    if (status.problem) showAlert(problem, '', sentence(status.problem));
    else hideAlert(problem);

    const members = Array.isArray(status.members) ? status.members : [];
    replace(membersBody, members.length
      ? members.map((m) => memberRow(m, status, vocabulary))
      : h('tr', { class: 'placeholder-row' },
        h('td', { colspan: '6', class: 'text-center text-body-secondary py-4', text: 'No members reported.' })));
    if (control) control.update(status);
  }

  function failureMessage(err, timedOut) {
    if (timedOut) return `The server did not answer within ${POLL_TIMEOUT_MS / 1000} s.`;
    if (!(err instanceof ApiError)) return 'Unexpected error.';
    if (err.status === 403) return 'Your role cannot view the consensus status.';
    if (err.status === 0) return 'Cannot reach the server.';
    return sentence(`The server answered HTTP ${err.status}: ${err.message}`);
  }

  function showFailure(message) {
    const since = lastSuccess ? ` Showing the answer from ${formatTime(lastSuccess)}.` : '';
    showAlert(failure, 'Could not refresh the consensus status.', `${message}${since} Retrying every second.`);
  }

  function drawChart() {
    const points = rates.points(performance.now()).map((p) => ({ atMs: p.atMs, value: p.perSec, startsSegment: p.startsSegment }));
    chart.draw(points, performance.now());
    const latest = rates.latest();
    rateNow.textContent = latest === null ? '' : `now ${latest.toLocaleString(undefined, {
      minimumFractionDigits: 1, maximumFractionDigits: 1,
    })} commits/s`;
  }

  // ---------- polling
  let disposed = false;
  let inFlight = null;
  let timer = null;
  let lastSuccess = null;

  async function refresh() {
    const controller = new AbortController();
    inFlight = controller;
    let timedOut = false;
    const deadline = setTimeout(() => { timedOut = true; controller.abort(); }, POLL_TIMEOUT_MS);
    try {
      const status = await api.consensus(controller.signal);
      if (disposed) return;
      rates.add(status?.committed, performance.now());
      renderStatus(status || {});
      lastSuccess = new Date();
      updated.textContent = `Updated ${formatTime(lastSuccess)}`;
      hideAlert(failure);
    } catch (err) {
      if (disposed || (err?.name === 'AbortError' && !timedOut)) return;
      if (err instanceof ApiError && err.status === 401) return; // the global handler shows the sign-in card
      showFailure(failureMessage(err, timedOut));
    } finally {
      clearTimeout(deadline);
      inFlight = null;
      if (!disposed) drawChart();
    }
  }

  /** One poll now, then the next a second after it ends; stops while the page is hidden. */
  async function poll() {
    timer = null;
    await refresh();
    if (!disposed && !timer && document.visibilityState === 'visible') timer = setTimeout(poll, POLL_MS);
  }

  function pollNow() {
    if (disposed || inFlight) return;
    clearTimeout(timer);
    poll();
  }

  const onVisibility = () => {
    if (document.visibilityState === 'visible') pollNow();
  };
  document.addEventListener('visibilitychange', onVisibility);
  poll();

  return () => {
    disposed = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
    if (inFlight) inFlight.abort();
  };
}
