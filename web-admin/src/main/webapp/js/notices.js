// Global notices: toasts (aria-live region) and the "server unavailable" banner.
import { h, icon, replace } from './dom.js';

const VARIANTS = {
  success: 'text-bg-success',
  info: 'text-bg-primary',
  warning: 'text-bg-warning',
  danger: 'text-bg-danger',
};

/** Shows a toast in the global notice area. */
export function notify(message, variant = 'success') {
  const area = document.getElementById('notice-area');
  if (!area) return;
  const toastEl = h('div', {
    class: `toast align-items-center border-0 ${VARIANTS[variant] || VARIANTS.info}`,
    // The container is the aria-live region; toasts carry no live role of their own.
    'aria-atomic': 'true',
    testid: 'notice',
    dataset: { variant },
  },
  h('div', { class: 'd-flex' },
    h('div', { class: 'toast-body', text: message }),
    h('button', {
      type: 'button',
      class: `btn-close ${variant === 'warning' ? '' : 'btn-close-white'} me-2 m-auto`,
      'data-bs-dismiss': 'toast',
      'aria-label': 'Close',
    })));
  area.append(toastEl);
  toastEl.addEventListener('hidden.bs.toast', () => toastEl.remove());
  if (window.bootstrap) {
    window.bootstrap.Toast.getOrCreateInstance(toastEl, { delay: 5000 }).show();
  } else {
    toastEl.classList.add('show');
    setTimeout(() => toastEl.remove(), 5000);
  }
}

let retryHandler = null;

/** Sets what the banner's "Retry" button does. */
export function onBannerRetry(fn) {
  retryHandler = fn;
}

/** Shows the "server unavailable" banner (idempotent). */
export function showUnavailable(err) {
  const banner = document.getElementById('server-banner');
  if (!banner) return;
  const network = err && err.status === 0;
  const title = network ? 'Server unreachable.' : 'Server unavailable.';
  const detail = network
    ? 'NovaCron cannot reach the server. Check your connection; data on this page may be out of date.'
    : 'The server or one of its dependencies (database or grid) is unavailable. Data on this page may be out of date.';
  replace(banner,
    h('div', { class: 'container-fluid d-flex align-items-center gap-2 flex-wrap' },
      icon('warning', 'icon flex-shrink-0'),
      h('strong', { text: title }),
      h('span', { class: 'flex-grow-1', text: detail }),
      h('button', {
        type: 'button',
        class: 'btn btn-sm btn-light',
        testid: 'server-banner-retry',
        onclick: () => { if (retryHandler) retryHandler(); },
      }, 'Retry')));
  banner.hidden = false;
}

export function hideUnavailable() {
  const banner = document.getElementById('server-banner');
  if (banner && !banner.hidden) {
    banner.hidden = true;
    banner.replaceChildren();
  }
}
