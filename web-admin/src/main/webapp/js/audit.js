// Audit trail: filters, table and paging. Readable by admin and auditor only.
import { api, ApiError, canReadAudit, primaryRole } from './api.js';
import { h, icon, replace, spinner, uid } from './dom.js';
import {
  formatDateTime, formatNumber, localInputToIso, shortDigest, shortId,
} from './format.js';

const PAGE_SIZE = 25;
const ACTIONS = ['host.register', 'host.update', 'host.remove', 'security.admin-bootstrap'];
const OUTCOMES = [
  { value: 'SUCCESS', label: 'Success', cls: 'outcome-success' },
  { value: 'REJECTED', label: 'Rejected', cls: 'outcome-rejected' },
  { value: 'FAILED', label: 'Failed', cls: 'outcome-failed' },
];

// Filters and page survive navigation between pages within the tab.
// They are forgotten when somebody else signs in.
const EMPTY_FILTERS = Object.freeze({ from: '', to: '', actor: '', action: '', target: '', outcome: '' });
const saved = { owner: null, filters: { ...EMPTY_FILTERS }, page: 0 };

function forbidden(container, session) {
  container.append(
    h('div', { class: 'page-header' },
      h('div', null,
        h('h1', { class: 'page-title', tabindex: '-1', text: 'Audit' }),
        h('p', { class: 'page-subtitle', text: 'Who changed what, and when.' }))),
    h('section', { class: 'card app-card', testid: 'audit-forbidden' },
      h('div', { class: 'card-body py-5' },
        h('div', { class: 'empty-state' },
          h('div', { class: 'empty-icon' }, icon('lock', 'icon icon-xl')),
          h('h2', { class: 'h5 mb-1', text: 'Your role cannot read the audit trail' }),
          h('p', { class: 'text-body-secondary mb-0' },
            `You are signed in as ${session.user} (${primaryRole(session)}). `,
            'The audit trail is available to administrators and auditors; ask an administrator if you need access.')))));
}

function outcomeBadge(outcome) {
  const o = OUTCOMES.find((x) => x.value === outcome);
  return h('span', {
    class: `badge outcome-badge ${o ? o.cls : 'outcome-unknown'}`, testid: 'audit-outcome', text: o ? o.label : String(outcome || '—'),
  });
}

function digest(label, value) {
  return h('div', { class: 'digest' },
    h('span', { class: 'digest-label', text: label }),
    value
      ? h('code', { class: 'mono', title: value, text: shortDigest(value) })
      : h('span', { class: 'text-body-tertiary', text: '—' }));
}

export function renderAudit(container, { session }) {
  if (!canReadAudit(session)) {
    forbidden(container, session);
    return () => {};
  }
  if (saved.owner !== session.auth) {
    saved.owner = session.auth;
    saved.filters = { ...EMPTY_FILTERS };
    saved.page = 0;
  }

  let disposed = false;
  let controller = null;
  let total = 0;

  // ---------- filter form
  const ids = {};
  const ctl = {};
  const fb = {};
  function field(name, label, control, col) {
    const id = uid(`audit-${name}`);
    ids[name] = id;
    control.id = id;
    control.name = name;
    ctl[name] = control;
    fb[name] = h('div', { class: 'invalid-feedback', id: `${id}-feedback` });
    control.setAttribute('aria-describedby', `${id}-feedback`);
    return h('div', { class: col },
      h('label', { class: 'form-label small text-body-secondary mb-1', for: id, text: label }),
      control, fb[name]);
  }

  const from = h('input', { type: 'datetime-local', class: 'form-control form-control-sm', step: '1', testid: 'audit-filter-from' });
  const to = h('input', { type: 'datetime-local', class: 'form-control form-control-sm', step: '1', testid: 'audit-filter-to' });
  const actor = h('input', {
    type: 'text', class: 'form-control form-control-sm', placeholder: 'e.g. admin', autocomplete: 'off', testid: 'audit-filter-actor',
  });
  const action = h('select', { class: 'form-select form-select-sm', testid: 'audit-filter-action' },
    h('option', { value: '', text: 'Any action' }),
    ACTIONS.map((a) => h('option', { value: a, text: a })));
  const target = h('input', {
    type: 'text', class: 'form-control form-control-sm', placeholder: 'Target id', autocomplete: 'off', testid: 'audit-filter-target',
  });
  const outcome = h('select', { class: 'form-select form-select-sm', testid: 'audit-filter-outcome' },
    h('option', { value: '', text: 'Any outcome' }),
    OUTCOMES.map((o) => h('option', { value: o.value, text: o.label })));

  const apply = h('button', { type: 'submit', class: 'btn btn-sm btn-primary d-flex align-items-center gap-1', testid: 'audit-apply' },
    icon('filter', 'icon'), 'Apply');
  const reset = h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', testid: 'audit-reset', text: 'Reset' });
  const formError = h('div', { class: 'alert alert-danger py-2 small mt-3 mb-0 d-none', role: 'alert', testid: 'audit-error' });

  const filterForm = h('form', { class: 'card app-card mb-3', novalidate: true, 'aria-label': 'Audit filters', testid: 'audit-filters' },
    h('div', { class: 'card-body' },
      h('div', { class: 'row g-3' },
        field('from', 'From', from, 'col-sm-6 col-xl-3'),
        field('to', 'To', to, 'col-sm-6 col-xl-3'),
        field('actor', 'Actor', actor, 'col-sm-6 col-xl-3'),
        field('target', 'Target', target, 'col-sm-6 col-xl-3'),
        field('action', 'Action', action, 'col-sm-6 col-xl-3'),
        field('outcome', 'Outcome', outcome, 'col-sm-6 col-xl-3'),
        h('div', { class: 'col-12 col-xl-6 d-flex align-items-end justify-content-end gap-2' }, reset, apply)),
      formError));

  // ---------- table and pager
  const tbody = h('tbody');
  const table = h('table', { class: 'table table-hover align-middle mb-0 app-table audit-table', testid: 'audit-table' },
    h('caption', { class: 'visually-hidden', text: 'Audit records, newest first' }),
    h('thead', null, h('tr', null,
      ['Time', 'Actor', 'Action', 'Target', 'Outcome', 'Digests (before / after)', 'Node']
        .map((t) => h('th', { scope: 'col', text: t })))),
    tbody);
  const totalText = h('div', { class: 'small text-body-secondary', testid: 'audit-total', 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary d-flex align-items-center gap-1', testid: 'audit-prev' },
    icon('chevronLeft', 'icon'), 'Previous');
  const next = h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary d-flex align-items-center gap-1', testid: 'audit-next' },
    'Next', icon('chevronRight', 'icon'));

  const tableCard = h('section', { class: 'card app-card', 'aria-label': 'Audit records' },
    h('div', { class: 'table-responsive' }, table),
    h('div', { class: 'card-footer app-card-footer d-flex flex-wrap align-items-center justify-content-between gap-2' },
      totalText,
      h('nav', { 'aria-label': 'Audit pages', class: 'd-flex gap-2' }, prev, next)));

  container.append(
    h('div', { class: 'page-header' },
      h('div', null,
        h('h1', { class: 'page-title', tabindex: '-1', text: 'Audit' }),
        h('p', { class: 'page-subtitle', text: 'Who changed what, and when. Newest first; times are shown in your local time zone.' }))),
    filterForm,
    tableCard);

  // ---------- state <-> form
  function fillForm() {
    const f = saved.filters;
    from.value = f.from; to.value = f.to; actor.value = f.actor;
    action.value = f.action; target.value = f.target; outcome.value = f.outcome;
  }

  function readForm() {
    return {
      from: from.value, to: to.value, actor: actor.value.trim(),
      action: action.value, target: target.value.trim(), outcome: outcome.value,
    };
  }

  function clearErrors() {
    formError.classList.add('d-none');
    for (const name of Object.keys(ctl)) {
      ctl[name].classList.remove('is-invalid');
      ctl[name].removeAttribute('aria-invalid');
      fb[name].textContent = '';
    }
  }

  function setFieldError(name, message) {
    ctl[name].classList.add('is-invalid');
    ctl[name].setAttribute('aria-invalid', 'true');
    fb[name].textContent = message;
  }

  function messageRow(testid, iconName, title, text) {
    return h('tr', { class: 'placeholder-row', testid },
      h('td', { colspan: '7', class: 'py-5' },
        h('div', { class: 'empty-state' },
          h('div', { class: 'empty-icon' }, icon(iconName, 'icon icon-xl')),
          h('div', { class: 'fw-semibold', text: title }),
          text ? h('div', { class: 'text-body-secondary small', text }) : null)));
  }

  function auditRow(item) {
    const when = item.occurredAt || '';
    return h('tr', { testid: 'audit-row', dataset: { id: item.id ?? '' } },
      h('td', { class: 'text-nowrap' }, h('time', { datetime: when, title: when, text: formatDateTime(when) })),
      h('td', { class: 'fw-medium', text: item.actor || '—' }),
      h('td', null, h('span', { class: 'action-pill mono', text: item.action || '—' })),
      h('td', null,
        h('div', { class: 'd-flex align-items-center gap-2' },
          item.targetType ? h('span', { class: 'badge target-type', text: item.targetType }) : null,
          h('span', { text: item.detail || '' })),
        item.targetId ? h('div', { class: 'small text-body-secondary mono', title: String(item.targetId), text: shortId(item.targetId) }) : null),
      h('td', null, outcomeBadge(item.outcome)),
      h('td', { class: 'small' }, digest('before', item.beforeDigest), digest('after', item.afterDigest)),
      h('td', { class: 'small text-body-secondary mono', text: item.nodeId || '—' }));
  }

  function updatePager(page, size) {
    const pages = Math.max(1, Math.ceil(total / size));
    totalText.textContent = `Page ${formatNumber(page + 1)} of ${formatNumber(pages)}, ${formatNumber(total)} ${total === 1 ? 'record' : 'records'}`;
    prev.disabled = page <= 0;
    next.disabled = page + 1 >= pages;
  }

  async function load() {
    clearErrors();
    const f = saved.filters;
    const query = {
      from: localInputToIso(f.from),
      to: localInputToIso(f.to),
      actor: f.actor,
      action: f.action,
      target: f.target,
      outcome: f.outcome,
      page: saved.page,
      size: PAGE_SIZE,
    };
    if (controller) controller.abort();
    controller = new AbortController();
    const mine = controller;
    table.classList.add('is-loading');
    table.setAttribute('aria-busy', 'true');
    prev.disabled = true;
    next.disabled = true;
    if (!tbody.firstChild) {
      replace(tbody, h('tr', { class: 'placeholder-row' },
        h('td', { colspan: '7', class: 'text-center text-body-secondary py-5' }, spinner(), ' Loading audit records…')));
    }
    try {
      const res = await api.audit(query, mine.signal);
      if (disposed || mine !== controller) return;
      const items = Array.isArray(res?.items) ? res.items : [];
      total = Number(res?.total) || 0;
      const page = Number.isInteger(res?.page) ? res.page : saved.page;
      const size = Number(res?.size) > 0 ? Number(res.size) : PAGE_SIZE;
      const pages = Math.max(1, Math.ceil(total / size));
      if (!items.length && page > 0 && page >= pages) {
        // The trail shrank under our feet (or filters changed): go to the last page.
        saved.page = pages - 1;
        load();
        return;
      }
      saved.page = page;
      replace(tbody, items.length
        ? items.map(auditRow)
        : messageRow('audit-empty', 'audit', 'No audit records', 'No record matches these filters.'));
      updatePager(page, size);
    } catch (err) {
      if (disposed || err?.name === 'AbortError' || mine !== controller) return;
      if (err instanceof ApiError && err.status === 401) return;
      if (err instanceof ApiError && err.status === 403) {
        container.replaceChildren();
        forbidden(container, session);
        return;
      }
      if (err instanceof ApiError && err.status === 400 && err.fieldErrors.length) {
        const other = [];
        for (const fe of err.fieldErrors) {
          const name = Object.keys(ctl).find((n) => String(fe.field || '').split(/[.[\]]+/).includes(n));
          if (name) setFieldError(name, String(fe.message || 'is not valid'));
          else other.push(`${fe.field ? `${fe.field}: ` : ''}${fe.message || ''}`);
        }
        if (other.length) {
          formError.textContent = other.join('; ');
          formError.classList.remove('d-none');
        }
      } else {
        formError.textContent = err instanceof ApiError ? err.message : 'Could not load the audit trail.';
        formError.classList.remove('d-none');
      }
      replace(tbody, messageRow('audit-load-error', 'warning', 'Could not load audit records',
        err instanceof ApiError ? err.message : ''));
      totalText.textContent = '';
    } finally {
      if (mine === controller) {
        table.classList.remove('is-loading');
        table.removeAttribute('aria-busy');
      }
    }
  }

  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors();
    const f = readForm();
    if (f.from && !localInputToIso(f.from)) { setFieldError('from', 'Enter a valid date and time.'); return; }
    if (f.to && !localInputToIso(f.to)) { setFieldError('to', 'Enter a valid date and time.'); return; }
    if (f.from && f.to && new Date(f.from) > new Date(f.to)) {
      setFieldError('to', '“To” must be after “From”.');
      return;
    }
    saved.filters = f;
    saved.page = 0;
    load();
  });
  reset.addEventListener('click', () => {
    saved.filters = { ...EMPTY_FILTERS };
    saved.page = 0;
    fillForm();
    load();
  });
  prev.addEventListener('click', () => {
    if (saved.page > 0) { saved.page -= 1; load(); }
  });
  next.addEventListener('click', () => {
    saved.page += 1;
    load();
  });

  fillForm();
  load();

  return () => {
    disposed = true;
    if (controller) controller.abort();
  };
}
