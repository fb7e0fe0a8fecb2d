// NovaCron admin console: application shell, hash router and session handling.
import {
  api, on, getSession, saveSession, clearSession, primaryRole,
} from './api.js';
import { h, icon, replace } from './dom.js';
import { notify, showUnavailable, hideUnavailable, onBannerRetry } from './notices.js';
import { renderSignIn } from './signin.js';
import { renderOverview } from './overview.js';
import { renderHosts } from './hosts.js';
import { renderAudit } from './audit.js';
import { renderConsensus } from './consensus.js';

const ROUTES = {
  overview: { title: 'Overview', icon: 'overview', render: renderOverview },
  hosts: { title: 'Hosts', icon: 'hosts', render: renderHosts },
  consensus: { title: 'Consensus', icon: 'consensus', render: renderConsensus },
  audit: { title: 'Audit', icon: 'audit', render: renderAudit },
};
const DEFAULT_ROUTE = 'overview';

const root = document.getElementById('app');

let shell = null; // {view, navLinks, userName, userRole}
let cleanupView = null;
let mode = null; // 'signin' | 'app'

// ------------------------------------------------------------- modals

/** Closes any open Bootstrap modal and removes leftovers (backdrop, body lock). */
function closeModals() {
  for (const el of document.querySelectorAll('.modal')) {
    const instance = window.bootstrap?.Modal.getInstance(el);
    if (instance) instance.dispose();
    el.classList.remove('show');
  }
  document.querySelectorAll('.modal-backdrop').forEach((b) => b.remove());
  document.body.classList.remove('modal-open');
  document.body.style.removeProperty('overflow');
  document.body.style.removeProperty('padding-right');
}

function teardownView() {
  if (cleanupView) {
    try { cleanupView(); } catch (e) { console.error(e); }
  }
  cleanupView = null;
  closeModals();
}

// ------------------------------------------------------------- sign-in

function showSignIn(reason) {
  teardownView();
  shell = null;
  mode = 'signin';
  document.title = 'Sign in · NovaCron';
  document.body.classList.add('is-signin');
  hideUnavailable();
  cleanupView = renderSignIn(root, {
    reason,
    onSignedIn(session) {
      saveSession(session);
      startApp();
    },
  });
}

function signOut() {
  clearSession();
  showSignIn('signed-out');
}

// --------------------------------------------------------------- shell

function currentRoute() {
  const hash = window.location.hash || '';
  const match = /^#\/([a-z]+)/.exec(hash);
  return match && ROUTES[match[1]] ? match[1] : null;
}

function buildShell(session) {
  const userName = h('span', { class: 'fw-semibold', testid: 'current-user', text: session.user });
  const userRole = h('span', {
    class: 'badge rounded-pill role-badge',
    testid: 'current-role',
    title: `Roles: ${session.roles.join(', ') || 'none'}`,
    text: primaryRole(session),
  });

  const navbar = h('header', { class: 'navbar navbar-expand app-navbar', 'data-bs-theme': 'dark' },
    h('div', { class: 'container-fluid px-3 px-lg-4' },
      h('a', { class: 'navbar-brand d-flex align-items-center gap-2', href: '#/overview', testid: 'brand' },
        icon('logo', 'icon icon-lg brand-logo'),
        h('span', { class: 'brand-name', text: 'NovaCron' }),
        h('span', { class: 'brand-sub d-none d-sm-inline', text: 'Control plane' })),
      h('div', { class: 'd-flex align-items-center gap-3 ms-auto' },
        h('div', { class: 'navbar-user d-flex align-items-center gap-2', 'aria-label': 'Signed-in user' },
          h('span', { class: 'user-avatar d-none d-sm-inline-flex', 'aria-hidden': 'true' }, icon('user', 'icon')),
          h('span', { class: 'd-none d-lg-inline' }, 'Signed in as '),
          userName,
          userRole),
        h('button', {
          type: 'button',
          class: 'btn btn-sm btn-outline-light d-flex align-items-center gap-1',
          testid: 'signout',
          onclick: signOut,
        }, icon('signout', 'icon'), h('span', { class: 'signout-text', text: 'Sign out' })))));

  const navLinks = {};
  const navList = h('ul', { class: 'nav flex-md-column gap-1' },
    Object.entries(ROUTES).map(([key, r]) => {
      const link = h('a', {
        class: 'nav-link d-flex align-items-center gap-2',
        href: `#/${key}`,
        testid: `nav-${key}`,
      }, icon(r.icon, 'icon'), h('span', { text: r.title }));
      navLinks[key] = link;
      return h('li', { class: 'nav-item' }, link);
    }));

  const sidebar = h('nav', { class: 'app-sidebar', 'aria-label': 'Main' },
    h('div', { class: 'sidebar-heading d-none d-md-block', text: 'Fleet' }),
    navList,
    h('div', { class: 'sidebar-footer d-none d-md-block small', text: 'NovaCron admin console' }));

  const view = h('main', { class: 'app-main', id: 'main-content', tabindex: '-1', testid: 'main' });

  replace(root, navbar, h('div', { class: 'app-layout' }, sidebar, view));
  return { view, navLinks, userName, userRole };
}

function updateUser(session) {
  if (!shell) return;
  shell.userName.textContent = session.user;
  shell.userRole.textContent = primaryRole(session);
  shell.userRole.title = `Roles: ${session.roles.join(', ') || 'none'}`;
}

function route() {
  if (mode !== 'app') return;
  const key = currentRoute();
  if (!key) {
    window.location.replace(`#/${DEFAULT_ROUTE}`);
    return; // hashchange renders
  }
  renderRoute(key);
}

function renderRoute(key) {
  const session = getSession();
  if (!session) {
    showSignIn();
    return;
  }
  teardownView();
  const r = ROUTES[key];
  document.title = `${r.title} · NovaCron`;
  for (const [k, link] of Object.entries(shell.navLinks)) {
    link.classList.toggle('active', k === key);
    if (k === key) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  shell.view.replaceChildren();
  cleanupView = r.render(shell.view, { session }) || null;
}

function startApp() {
  const session = getSession();
  if (!session) {
    showSignIn();
    return;
  }
  teardownView();
  mode = 'app';
  document.body.classList.remove('is-signin');
  shell = buildShell(session);
  route();
  // Refresh the roles in the background (they may have changed since sign-in).
  api.me().then((me) => {
    const s = getSession();
    if (!s || !me) return;
    const roles = Array.isArray(me.roles) ? me.roles.map(String) : s.roles;
    const changed = roles.join() !== s.roles.join();
    s.roles = roles;
    s.user = me.name || s.user;
    saveSession(s);
    updateUser(s);
    if (changed) renderRoute(currentRoute() || DEFAULT_ROUTE);
  }).catch(() => { /* 401 and unavailability are handled by the global listeners */ });
}

// -------------------------------------------------------------- wiring

on('unauthorized', () => {
  if (mode === 'signin') return;
  clearSession();
  showSignIn('expired');
});
on('unavailable', (err) => {
  if (mode === 'app') showUnavailable(err);
});
on('available', () => hideUnavailable());
onBannerRetry(() => {
  const key = currentRoute();
  if (mode === 'app' && key) renderRoute(key);
});

window.addEventListener('hashchange', () => {
  if (mode === 'app') route();
});

document.addEventListener('click', (event) => {
  const skip = event.target.closest && event.target.closest('.skip-link');
  if (skip) {
    event.preventDefault();
    document.getElementById('main-content')?.focus();
  }
});

export { notify };

startApp();
