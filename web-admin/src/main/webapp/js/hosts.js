// Hosts: fleet table, add/edit form (modal) with inline server validation, removal with confirmation.
import { api, ApiError, canWriteHosts, primaryRole } from './api.js';
import {
  h, icon, append, replace, spinner, uid,
} from './dom.js';
import {
  formatGiB, formatNumber, sentence, shortId,
} from './format.js';
import { notify } from './notices.js';

export const STATES = [
  { value: 'ACTIVE', label: 'Active', cls: 'state-active' },
  { value: 'MAINTENANCE', label: 'Maintenance', cls: 'state-maintenance' },
  { value: 'OFFLINE', label: 'Offline', cls: 'state-offline' },
];

const FIELDS = ['name', 'region', 'site', 'address', 'vcpus', 'memoryMib', 'labels', 'state'];

export function stateBadge(state) {
  const s = STATES.find((x) => x.value === state);
  return h('span', {
    class: `badge state-badge ${s ? s.cls : 'state-unknown'}`,
    testid: 'host-state',
    dataset: { state: state || '' },
  }, h('span', { class: 'state-dot', 'aria-hidden': 'true' }), s ? s.label : String(state || 'Unknown'));
}

/** Maps a server field path ("name", "spec.name", "labels[rack]", "arg0.labels") to a form field. */
function fieldFor(path) {
  if (!path) return null;
  const p = String(path);
  if (FIELDS.includes(p)) return p;
  for (const part of p.split(/[.[\]<>]+/).filter(Boolean)) {
    if (FIELDS.includes(part)) return part;
  }
  return null;
}

/** "k=v" lines → {labels} or {error}. Blank lines are ignored. */
function parseLabels(text) {
  const labels = {};
  const lines = String(text || '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i].trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { error: `Line ${i + 1}: expected key=value.` };
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (!key) return { error: `Line ${i + 1}: the key is empty.` };
    if (Object.prototype.hasOwnProperty.call(labels, key)) return { error: `Line ${i + 1}: the key "${key}" appears twice.` };
    labels[key] = value;
  }
  return { labels };
}

function formatLabels(labels) {
  if (!labels || typeof labels !== 'object') return '';
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join('\n');
}

function labelBadges(labels) {
  const keys = labels && typeof labels === 'object' ? Object.keys(labels).sort() : [];
  if (!keys.length) return h('span', { class: 'text-body-tertiary', text: '—' });
  return h('div', { class: 'd-flex flex-wrap gap-1' },
    keys.map((k) => h('span', {
      class: 'badge label-badge', title: `${k}=${labels[k]}`, testid: 'host-label',
    }, h('span', { class: 'label-key', text: k }), h('span', { class: 'label-value', text: labels[k] }))));
}

// ------------------------------------------------------------------ view

export function renderHosts(container, { session }) {
  const canWrite = canWriteHosts(session);
  let hosts = [];
  let loaded = false;
  let disposed = false;
  let filterText = '';
  const controller = new AbortController();

  // ---------- header and toolbar
  const refreshBtn = h('button', {
    type: 'button', class: 'btn btn-outline-secondary d-flex align-items-center gap-1', testid: 'hosts-refresh',
  }, icon('refresh', 'icon'), 'Refresh');
  const addBtn = canWrite ? h('button', {
    type: 'button', class: 'btn btn-primary d-flex align-items-center gap-1', testid: 'hosts-add',
  }, icon('plus', 'icon'), 'Add host') : null;

  const filterId = uid('hosts-filter');
  const filter = h('input', {
    id: filterId, type: 'search', class: 'form-control', placeholder: 'Filter by name, region, address, label…',
    testid: 'hosts-filter', autocomplete: 'off',
  });
  const summary = h('div', { class: 'host-summary d-flex flex-wrap gap-2', testid: 'hosts-summary', 'aria-live': 'off' });

  const tbody = h('tbody', null, loadingRow());
  const headers = ['Name', 'Region / Site', 'Address', 'vCPUs', 'Memory', 'Labels', 'State'];
  const table = h('table', { class: 'table table-hover align-middle mb-0 app-table', testid: 'hosts-table' },
    h('caption', { class: 'visually-hidden', text: 'Registered hypervisor hosts' }),
    h('thead', null, h('tr', null,
      headers.map((t, i) => h('th', { scope: 'col', class: i === 3 || i === 4 ? 'text-end' : '', text: t })),
      canWrite ? h('th', { scope: 'col', class: 'text-end' }, h('span', { class: 'visually-hidden', text: 'Actions' })) : null)),
    tbody);
  const colCount = headers.length + (canWrite ? 1 : 0);

  append(container, [
    h('div', { class: 'page-header' },
      h('div', null,
        h('h1', { class: 'page-title', tabindex: '-1', text: 'Hosts' }),
        h('p', { class: 'page-subtitle', text: 'Hypervisor hosts registered in the fleet.' })),
      h('div', { class: 'd-flex align-items-center gap-2' }, refreshBtn, addBtn)),
    canWrite ? null : h('div', {
      class: 'alert alert-secondary d-flex align-items-center gap-2 py-2 small', testid: 'hosts-readonly',
    }, icon('lock', 'icon'), h('span', {
      text: `Read-only access: your role (${primaryRole(session)}) can view hosts but not change them.`,
    })),
    h('section', { class: 'card app-card', 'aria-label': 'Hosts' },
      h('div', { class: 'card-header app-card-header d-flex flex-wrap align-items-center gap-3' },
        h('div', { class: 'search-box flex-grow-1' },
          h('label', { for: filterId, class: 'visually-hidden', text: 'Filter hosts' }),
          icon('search', 'icon search-icon'),
          filter),
        summary),
      h('div', { class: 'table-responsive' }, table)),
  ]);

  function loadingRow() {
    return h('tr', { class: 'placeholder-row' },
      h('td', { colspan: '8', class: 'text-center text-body-secondary py-5' }, spinner(), ' Loading hosts…'));
  }

  function messageRow(testid, iconName, title, text, extra) {
    return h('tr', { class: 'placeholder-row', testid },
      h('td', { colspan: String(colCount), class: 'py-5' },
        h('div', { class: 'empty-state' },
          h('div', { class: 'empty-icon' }, icon(iconName, 'icon icon-xl')),
          h('div', { class: 'fw-semibold', text: title }),
          h('div', { class: 'text-body-secondary small', text }),
          extra || null)));
  }

  function matches(host, q) {
    if (!q) return true;
    const hay = [host.name, host.region, host.site, host.address, host.state,
      ...Object.entries(host.labels || {}).map(([k, v]) => `${k}=${v}`)].join(' ').toLowerCase();
    return q.split(/\s+/).every((term) => hay.includes(term));
  }

  function hostRow(host) {
    const cells = [
      h('td', null,
        h('div', { class: 'fw-semibold', text: host.name }),
        h('div', { class: 'small text-body-secondary mono', title: host.id || '', text: shortId(host.id) })),
      h('td', { class: 'text-nowrap' },
        h('span', { text: host.region }),
        h('span', { class: 'text-body-tertiary', text: ' / ' }),
        h('span', { class: 'text-body-secondary', text: host.site })),
      h('td', { class: 'mono small', text: host.address }),
      h('td', { class: 'text-end text-nowrap tabular', text: formatNumber(host.vcpus) }),
      h('td', { class: 'text-end text-nowrap tabular', title: `${formatNumber(host.memoryMib)} MiB`, text: formatGiB(host.memoryMib) }),
      h('td', { class: 'labels-cell' }, labelBadges(host.labels)),
      h('td', null, stateBadge(host.state)),
    ];
    if (canWrite) {
      cells.push(h('td', { class: 'text-end text-nowrap' },
        h('button', {
          type: 'button', class: 'btn btn-sm btn-outline-secondary me-1', testid: `host-edit-${host.name}`,
          onclick: () => openForm(host),
        }, icon('edit', 'icon'), ' Edit', h('span', { class: 'visually-hidden', text: ` host ${host.name}` })),
        h('button', {
          type: 'button', class: 'btn btn-sm btn-outline-danger', testid: `host-remove-${host.name}`,
          onclick: () => openRemove(host),
        }, icon('trash', 'icon'), ' Remove', h('span', { class: 'visually-hidden', text: ` host ${host.name}` }))));
    }
    return h('tr', { testid: `host-row-${host.name}`, dataset: { hostId: host.id || '' } }, cells);
  }

  function renderSummary() {
    const counts = Object.fromEntries(STATES.map((s) => [s.value, 0]));
    for (const host of hosts) if (host.state in counts) counts[host.state] += 1;
    replace(summary,
      h('span', { class: 'summary-chip', testid: 'hosts-count' },
        h('strong', { text: formatNumber(hosts.length) }), hosts.length === 1 ? ' host' : ' hosts'),
      STATES.map((s) => h('span', { class: `summary-chip ${s.cls}` },
        h('span', { class: 'state-dot', 'aria-hidden': 'true' }),
        h('strong', { text: formatNumber(counts[s.value]) }), ` ${s.label.toLowerCase()}`)));
  }

  function renderRows() {
    renderSummary();
    if (!hosts.length) {
      replace(tbody, messageRow('hosts-empty', 'empty', 'No hosts registered yet',
        canWrite ? 'Add the first hypervisor host to start managing your fleet.' : 'Hosts appear here once an operator registers them.',
        canWrite ? h('button', {
          type: 'button', class: 'btn btn-sm btn-primary mt-3', testid: 'hosts-empty-add', onclick: () => openForm(null),
        }, icon('plus', 'icon'), ' Add host') : null));
      return;
    }
    const q = filterText.trim().toLowerCase();
    const visible = hosts.filter((x) => matches(x, q));
    if (!visible.length) {
      replace(tbody, messageRow('hosts-no-match', 'search', 'No matching hosts', `No host matches “${filterText.trim()}”.`));
      return;
    }
    replace(tbody, visible.map(hostRow));
  }

  function renderLoadError(err) {
    let title = 'Could not load hosts';
    if (err.status === 403) title = 'Your role cannot view hosts';
    else if (err.unavailable) title = 'Server unavailable';
    replace(tbody, messageRow('hosts-error', 'warning', title, err.message,
      h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary mt-3', onclick: () => load() }, 'Try again')));
  }

  async function load() {
    refreshBtn.disabled = true;
    try {
      const list = await api.listHosts(controller.signal);
      if (disposed) return;
      hosts = Array.isArray(list) ? list : [];
      loaded = true;
      renderRows();
    } catch (err) {
      if (disposed || err?.name === 'AbortError') return;
      if (err instanceof ApiError && err.status === 401) return; // global handler signs out
      if (!loaded || !(err instanceof ApiError && err.unavailable)) {
        renderLoadError(err instanceof ApiError ? err : new ApiError(-1, null, 'Unexpected error.'));
      }
    } finally {
      if (!disposed) refreshBtn.disabled = false;
    }
  }

  filter.addEventListener('input', () => {
    filterText = filter.value;
    if (loaded) renderRows();
  });
  refreshBtn.addEventListener('click', () => load());
  if (addBtn) addBtn.addEventListener('click', () => openForm(null));

  // ---------------------------------------------------------------- form
  const modals = [];
  const form = canWrite ? buildForm() : null;
  const remover = canWrite ? buildRemove() : null;

  function buildForm() {
    const titleId = uid('host-form-title');
    const title = h('h2', { class: 'modal-title h5', id: titleId, testid: 'host-form-title' });
    const generalError = h('div', {
      class: 'alert alert-danger d-flex align-items-start gap-2 d-none', role: 'alert', testid: 'host-form-error',
    });
    const inputs = {};
    const feedback = {};

    function field(name, label, control, { help, col = 'col-md-6', group } = {}) {
      const id = uid(`host-${name}`);
      control.id = id;
      control.name = name;
      control.setAttribute('data-testid', `host-field-${name}`);
      const fb = h('div', { class: 'invalid-feedback', id: `${id}-feedback`, testid: `host-error-${name}` });
      const helpEl = help ? h('div', { class: 'form-text', id: `${id}-help` }, help) : null;
      control.setAttribute('aria-describedby', [helpEl ? `${id}-help` : null, `${id}-feedback`].filter(Boolean).join(' '));
      inputs[name] = control;
      feedback[name] = fb;
      const body = group
        ? h('div', { class: 'input-group has-validation' }, control, h('span', { class: 'input-group-text', text: group }), fb)
        : [control, fb];
      return h('div', { class: col },
        h('label', { class: 'form-label', for: id, text: label }),
        body,
        helpEl);
    }

    const text = (extra = {}) => h('input', {
      type: 'text', class: 'form-control', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', ...extra,
    });
    const memoryHint = h('span', { testid: 'host-memory-gib' });
    const memory = h('input', { type: 'number', class: 'form-control', inputmode: 'numeric', step: '1' });
    memory.addEventListener('input', () => {
      const v = Number(memory.value);
      memoryHint.textContent = memory.value !== '' && Number.isFinite(v) ? `= ${formatGiB(v)}. ` : '';
    });

    const stateSelect = h('select', { class: 'form-select' },
      STATES.map((s) => h('option', { value: s.value, text: s.label })));

    const labels = h('textarea', {
      class: 'form-control mono', rows: '4', spellcheck: 'false', autocapitalize: 'none',
      placeholder: 'rack=r1\nzone=a',
    });

    const saveLabel = h('span', { text: 'Add host' });
    const save = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'host-save' }, saveLabel);
    const cancel = h('button', { type: 'button', class: 'btn btn-outline-secondary', 'data-bs-dismiss': 'modal', text: 'Cancel' });

    const formEl = h('form', { class: 'modal-content', novalidate: true, testid: 'host-form' },
      h('div', { class: 'modal-header' },
        title,
        h('button', { type: 'button', class: 'btn-close', 'data-bs-dismiss': 'modal', 'aria-label': 'Close' })),
      h('div', { class: 'modal-body' },
        generalError,
        h('div', { class: 'row g-3' },
          field('name', 'Name', text({ maxlength: '63' }), { help: 'Lowercase DNS label, e.g. hv-01.' }),
          field('state', 'State', stateSelect),
          field('region', 'Region', text({ maxlength: '63' }), { help: 'e.g. eu-west' }),
          field('site', 'Site', text({ maxlength: '63' }), { help: 'e.g. dc-1' }),
          field('address', 'Address', text(), { col: 'col-12', help: 'IPv4 or IPv6 address, or DNS host name.' }),
          field('vcpus', 'vCPUs', h('input', { type: 'number', class: 'form-control', inputmode: 'numeric', step: '1' }),
            { help: '1 – 4096' }),
          field('memoryMib', 'Memory', memory, { group: 'MiB', help: [memoryHint, '256 – 16777216 MiB'] }),
          field('labels', 'Labels', labels, {
            col: 'col-12', help: 'One key=value pair per line, up to 32. Keys are lowercase names; values up to 128 characters.',
          }))),
      h('div', { class: 'modal-footer' }, cancel, save));

    const modalEl = h('div', {
      class: 'modal fade', tabindex: '-1', 'aria-labelledby': titleId, 'aria-hidden': 'true', testid: 'host-modal',
    }, h('div', { class: 'modal-dialog modal-lg modal-dialog-scrollable' }, formEl));
    document.body.append(modalEl);
    modals.push(modalEl);

    let editing = null;
    let saving = false;

    function clearErrors() {
      generalError.classList.add('d-none');
      generalError.replaceChildren();
      for (const name of FIELDS) {
        inputs[name].classList.remove('is-invalid');
        inputs[name].removeAttribute('aria-invalid');
        feedback[name].textContent = '';
      }
    }

    function setFieldError(name, message) {
      const input = inputs[name];
      input.classList.add('is-invalid');
      input.setAttribute('aria-invalid', 'true');
      feedback[name].textContent = feedback[name].textContent
        ? `${feedback[name].textContent} ${message}` : message;
    }

    function showGeneral(message, items = []) {
      replace(generalError,
        icon('warning', 'icon flex-shrink-0 mt-1'),
        h('div', null,
          h('div', { text: message }),
          items.length ? h('ul', { class: 'mb-0 mt-1 ps-3 small' }, items.map((t) => h('li', { text: t }))) : null));
      generalError.classList.remove('d-none');
    }

    function setBusy(busy) {
      saving = busy;
      save.disabled = busy;
      cancel.disabled = busy;
      replace(save, busy ? [spinner('Saving…'), ' Saving…'] : saveLabel);
    }

    function readSpec() {
      const num = (el) => (el.value.trim() === '' ? null : Number(el.value));
      const parsed = parseLabels(inputs.labels.value);
      return {
        labelsError: parsed.error,
        spec: {
          name: inputs.name.value.trim(),
          region: inputs.region.value.trim(),
          site: inputs.site.value.trim(),
          address: inputs.address.value.trim(),
          vcpus: num(inputs.vcpus),
          memoryMib: num(inputs.memoryMib),
          labels: parsed.labels || {},
          state: inputs.state.value,
        },
      };
    }

    function errorMessage(err, spec) {
      switch (err.status) {
        case 0: return 'Cannot reach the server. Your change was not saved.';
        case 403: return `Your role (${primaryRole(session)}) is not allowed to change hosts.`;
        case 404: return 'This host no longer exists; it may have been removed by someone else.';
        case 409: return sentence(err.problem?.detail) || `A host named ${spec.name} already exists.`;
        case 412: return 'Someone else changed this host while you were editing. Close the form and open it again to see their change.';
        case 502: case 503: case 504:
          return `The server is unavailable (database or grid), so the change was not saved. ${err.problem?.detail || ''}`.trim();
        default: return err.message;
      }
    }

    formEl.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (saving) return;
      clearErrors();
      const { spec, labelsError } = readSpec();
      if (labelsError) {
        setFieldError('labels', labelsError);
        inputs.labels.focus();
        return;
      }
      setBusy(true);
      const wasEditing = editing;
      try {
        const saved = wasEditing ? await api.updateHost(wasEditing.id, spec, wasEditing.version) : await api.createHost(spec);
        window.bootstrap.Modal.getOrCreateInstance(modalEl).hide();
        notify(`Host ${saved?.name || spec.name} ${wasEditing ? 'updated' : 'added'}`);
        load();
      } catch (err) {
        if (!(err instanceof ApiError)) {
          showGeneral('Unexpected error: the change may not have been saved.');
          return;
        }
        if (err.status === 401) return; // global handler shows the sign-in card
        const fieldErrors = err.fieldErrors;
        if (err.status === 400 && fieldErrors.length) {
          const unmatched = [];
          for (const fe of fieldErrors) {
            const name = fieldFor(fe.field);
            const message = String(fe.message || 'is not valid');
            if (name) setFieldError(name, message);
            else unmatched.push(fe.field ? `${fe.field}: ${message}` : message);
          }
          if (unmatched.length) showGeneral(err.problem?.title || 'The host could not be saved.', unmatched);
          const first = FIELDS.find((n) => inputs[n].classList.contains('is-invalid'));
          if (first) inputs[first].focus();
        } else {
          showGeneral(errorMessage(err, spec));
          if (err.status === 409) setFieldError('name', 'This name is already in use.');
          if (err.status === 404 || err.status === 412) load();
        }
      } finally {
        setBusy(false);
      }
    });

    modalEl.addEventListener('shown.bs.modal', () => inputs.name.focus());

    return {
      open(host) {
        editing = host;
        clearErrors();
        setBusy(false);
        title.textContent = host ? `Edit host ${host.name}` : 'Add host';
        saveLabel.textContent = host ? 'Save changes' : 'Add host';
        inputs.name.value = host ? host.name || '' : '';
        inputs.region.value = host ? host.region || '' : '';
        inputs.site.value = host ? host.site || '' : '';
        inputs.address.value = host ? host.address || '' : '';
        inputs.vcpus.value = host && host.vcpus != null ? String(host.vcpus) : '';
        inputs.memoryMib.value = host && host.memoryMib != null ? String(host.memoryMib) : '';
        inputs.memoryMib.dispatchEvent(new Event('input'));
        inputs.labels.value = host ? formatLabels(host.labels) : '';
        inputs.state.value = host && STATES.some((s) => s.value === host.state) ? host.state : 'ACTIVE';
        window.bootstrap.Modal.getOrCreateInstance(modalEl).show();
      },
    };
  }

  function openForm(host) {
    if (form) form.open(host);
  }

  // -------------------------------------------------------------- remove
  function buildRemove() {
    const titleId = uid('remove-title');
    const hostName = h('strong', { testid: 'remove-host-name' });
    const hostAddress = h('span', { class: 'mono' });
    const error = h('div', { class: 'alert alert-danger d-none mt-3 mb-0', role: 'alert', testid: 'remove-error' });
    const confirmLabel = h('span', { text: 'Remove host' });
    const confirm = h('button', { type: 'button', class: 'btn btn-danger', testid: 'confirm-remove' }, confirmLabel);
    const cancel = h('button', { type: 'button', class: 'btn btn-outline-secondary', 'data-bs-dismiss': 'modal', text: 'Cancel' });

    const modalEl = h('div', {
      class: 'modal fade', tabindex: '-1', 'aria-labelledby': titleId, 'aria-hidden': 'true', testid: 'remove-modal',
    }, h('div', { class: 'modal-dialog modal-dialog-centered' },
      h('div', { class: 'modal-content' },
        h('div', { class: 'modal-header' },
          h('h2', { class: 'modal-title h5', id: titleId, text: 'Remove host' }),
          h('button', { type: 'button', class: 'btn-close', 'data-bs-dismiss': 'modal', 'aria-label': 'Close' })),
        h('div', { class: 'modal-body' },
          h('div', { class: 'd-flex gap-3' },
            h('div', { class: 'danger-icon flex-shrink-0' }, icon('trash', 'icon icon-lg')),
            h('div', null,
              h('p', { class: 'mb-1' }, 'Remove host ', hostName, ' (', hostAddress, ') from the fleet?'),
              h('p', { class: 'text-body-secondary small mb-0', text: 'The host is unregistered from NovaCron. This cannot be undone.' }))),
          error),
        h('div', { class: 'modal-footer' }, cancel, confirm))));
    document.body.append(modalEl);
    modals.push(modalEl);

    let target = null;
    let busy = false;

    function setBusy(b) {
      busy = b;
      confirm.disabled = b;
      cancel.disabled = b;
      replace(confirm, b ? [spinner('Removing…'), ' Removing…'] : confirmLabel);
    }

    confirm.addEventListener('click', async () => {
      if (busy || !target) return;
      const host = target;
      error.classList.add('d-none');
      setBusy(true);
      try {
        await api.removeHost(host.id);
        window.bootstrap.Modal.getOrCreateInstance(modalEl).hide();
        notify(`Host ${host.name} removed`);
        load();
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return;
        if (err instanceof ApiError && err.status === 404) {
          window.bootstrap.Modal.getOrCreateInstance(modalEl).hide();
          notify(`Host ${host.name} was already removed`, 'warning');
          load();
          return;
        }
        let message = err instanceof ApiError ? err.message : 'Unexpected error.';
        if (err instanceof ApiError && err.status === 403) message = `Your role (${primaryRole(session)}) is not allowed to remove hosts.`;
        else if (err instanceof ApiError && err.status === 0) message = 'Cannot reach the server. The host was not removed.';
        else if (err instanceof ApiError && err.unavailable) message = 'The server is unavailable (database or grid), so the host was not removed.';
        error.textContent = message;
        error.classList.remove('d-none');
      } finally {
        setBusy(false);
      }
    });

    return {
      open(host) {
        target = host;
        hostName.textContent = host.name;
        hostAddress.textContent = host.address || 'no address';
        error.classList.add('d-none');
        setBusy(false);
        window.bootstrap.Modal.getOrCreateInstance(modalEl).show();
      },
    };
  }

  function openRemove(host) {
    if (remover) remover.open(host);
  }

  load();

  return () => {
    disposed = true;
    controller.abort();
    for (const m of modals) {
      window.bootstrap?.Modal.getInstance(m)?.dispose();
      m.remove();
    }
  };
}
