// The admin's "Transfer leadership" control on the Consensus page: pick another member, ask this server to hand over.
import { api, ApiError, primaryRole } from './api.js';
import { h, icon, replace, spinner, uid } from './dom.js';
import { sentence } from './format.js';
import { notify } from './notices.js';

/** Why this server cannot hand over leadership now (a sentence for the hint), or null when it can. */
export function transferBlocker(status) {
  if (status.protocol === 'pbft') return 'PBFT has no hand-over: its primary changes only by a view change.';
  if (status.state !== 'RUNNING') return 'Consensus is not running on this server.';
  const members = Array.isArray(status.members) ? status.members : [];
  if (members.length <= 1) return 'This server is the only member: there is no one to hand leadership to.';
  if (status.role !== 'LEADER') {
    return status.leader
      ? `Only the leader can hand over; the leader is ${status.leader}.`
      : 'Only the leader can hand over; no leader is known right now (an election is under way).';
  }
  return null;
}

function failureMessage(err, session) {
  if (!(err instanceof ApiError)) return 'Unexpected error: leadership may not have been handed over.';
  switch (err.status) {
    case 0: return 'Cannot reach the server: leadership was not handed over.';
    case 403: return `Your role (${primaryRole(session)}) is not allowed to hand over leadership.`;
    case 404: case 405:
      return `This server does not offer leadership hand-over (HTTP ${err.status}); it may run an older NovaCron.`;
    case 400: case 409: return sentence(err.problem?.detail) || err.message;
    case 502: case 503: case 504:
      return `The server is unavailable, so leadership was not handed over. ${err.problem?.detail || ''}`.trim();
    default: return err.message;
  }
}

/**
 * Builds the control. update(status) follows each polled status; onRequested() runs after the server accepted a
 * hand-over (the page polls again to show the new leader). Returns {element, update}.
 */
export function leadershipTransfer({ session, onRequested }) {
  const selectId = uid('transfer-target');
  const hintId = uid('transfer-hint');
  const select = h('select', {
    id: selectId, class: 'form-select', testid: 'transfer-target', 'aria-describedby': hintId,
  });
  const label = h('span', { text: 'Transfer leadership' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'transfer-submit' }, label);
  const hint = h('div', { class: 'form-text', id: hintId, testid: 'transfer-hint' });
  const error = h('div', {
    class: 'alert alert-danger d-flex align-items-start gap-2 py-2 small mt-3 mb-0 d-none', role: 'alert',
    testid: 'transfer-error',
  });

  const form = h('form', { novalidate: true },
    h('label', { class: 'form-label', for: selectId, text: 'Hand leadership to' }),
    h('div', { class: 'd-flex flex-wrap gap-2' }, h('div', { class: 'flex-grow-1' }, select), submit),
    hint,
    error);
  const element = h('section', { class: 'card app-card h-100', 'aria-label': 'Leadership', testid: 'transfer-leadership' },
    h('div', { class: 'card-header app-card-header' },
      h('h2', { class: 'h6 mb-0 d-flex align-items-center gap-2' }, icon('leader', 'icon text-primary'), 'Leadership')),
    h('div', { class: 'card-body' }, form));

  let status = null;
  let busy = false;
  let optionIds = null; // none rendered yet

  function showError(message) {
    replace(error, icon('warning', 'icon flex-shrink-0 mt-1'), h('span', { text: message }));
    error.classList.remove('d-none');
  }

  function clearError() {
    error.classList.add('d-none');
    error.replaceChildren();
  }

  /** Rebuilds the options only when the other members change, so a poll never undoes the admin's choice. */
  function fillOptions(others) {
    const ids = others.map((m) => m.id).join('\n');
    if (ids === optionIds) return;
    optionIds = ids;
    const chosen = select.value;
    replace(select, others.length
      ? others.map((m) => h('option', { value: m.id, text: m.address ? `${m.id} (${m.address})` : m.id }))
      : h('option', { value: '', text: 'No other member' }));
    if (others.some((m) => m.id === chosen)) select.value = chosen;
  }

  function render() {
    if (!status) return;
    const members = Array.isArray(status.members) ? status.members : [];
    fillOptions(members.filter((m) => !m.self));
    const blocker = transferBlocker(status);
    select.disabled = busy || blocker !== null;
    submit.disabled = busy || blocker !== null;
    hint.textContent = blocker || 'The page shows the new leader once the chosen member has taken over.';
    hint.classList.toggle('text-warning-emphasis', blocker !== null);
    replace(submit, busy ? [spinner('Asking…'), ' Asking…'] : label);
  }

  select.addEventListener('change', clearError);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy || !status || transferBlocker(status) || !select.value) return;
    const target = select.value;
    clearError();
    busy = true;
    render();
    try {
      const answer = await api.transferLeadership(target);
      notify(`Asked ${answer?.from || status.nodeId} to hand leadership to ${answer?.target || target}`);
      if (onRequested) onRequested();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return; // the global handler shows the sign-in card
      showError(failureMessage(err, session));
    } finally {
      busy = false;
      render();
    }
  });

  return {
    element,
    update(next) {
      status = next;
      render();
    },
  };
}
