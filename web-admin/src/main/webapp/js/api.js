// REST client for the NovaCron public API (/api/v1, /health).
// Credentials live in sessionStorage only (never localStorage, never the URL)
// and are sent as an HTTP Basic Authorization header on every call.

const SESSION_KEY = 'novacron.session';

/** Unavailable-like statuses: the server or one of its dependencies cannot answer. */
const UNAVAILABLE = new Set([0, 502, 503, 504]);

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 for a network failure
   * @param {object|null} problem RFC 9457 problem body when the server sent one
   * @param {string} message human readable summary
   */
  constructor(status, problem, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** Field validation errors ([{field, message}]) of a 400 problem, or []. */
  get fieldErrors() {
    const errors = this.problem && Array.isArray(this.problem.errors) ? this.problem.errors : [];
    return errors.filter((e) => e && typeof e === 'object');
  }

  get unavailable() {
    return UNAVAILABLE.has(this.status);
  }
}

// ---------------------------------------------------------------- session

/** @returns {{user: string, auth: string, roles: string[]}|null} */
export function getSession() {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw);
    if (!s || typeof s.auth !== 'string' || typeof s.user !== 'string') return null;
    s.roles = Array.isArray(s.roles) ? s.roles.map(String) : [];
    return s;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({
    user: session.user, auth: session.auth, roles: session.roles || [],
  }));
}

export function clearSession() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** Base64 of "user:password" encoded as UTF-8 (btoa alone only handles Latin-1). */
export function basicToken(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

// ----------------------------------------------------------------- events

const listeners = { unauthorized: new Set(), unavailable: new Set(), available: new Set() };

/** Subscribe to 'unauthorized' (a 401), 'unavailable' (network error / 503) or 'available'. */
export function on(event, fn) {
  listeners[event].add(fn);
  return () => listeners[event].delete(fn);
}

function emit(event, detail) {
  for (const fn of listeners[event]) {
    try { fn(detail); } catch (e) { console.error(e); }
  }
}

// ---------------------------------------------------------------- request

async function readBody(res) {
  if (res.status === 204) return null;
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function defaultMessage(status) {
  switch (status) {
    case 0: return 'Cannot reach the NovaCron server. Check your connection and try again.';
    case 400: return 'The request was not valid.';
    case 401: return 'You are not signed in.';
    case 403: return 'Your role is not allowed to do this.';
    case 404: return 'Not found.';
    case 409: return 'This conflicts with the current state.';
    case 502: case 503: case 504: return 'The server is unavailable (database or grid). Try again in a moment.';
    default: return `The server answered with an error (HTTP ${status}).`;
  }
}

/**
 * Performs one API call.
 * options.body     JSON body
 * options.auth     Basic token to use instead of the session's one (sign-in check)
 * options.anonymous send no credentials (health endpoints)
 * options.silent   do not emit unauthorized/unavailable events (caller handles them)
 * options.signal   AbortSignal
 * Resolves with the parsed JSON body (null for 204), rejects with ApiError.
 */
export async function request(method, path, options = {}) {
  const headers = {
    Accept: 'application/json',
    'X-Requested-With': 'XMLHttpRequest',
  };
  const auth = options.auth !== undefined ? options.auth : getSession()?.auth;
  if (!options.anonymous && auth) headers.Authorization = `Basic ${auth}`;
  if (options.ifMatch !== undefined && options.ifMatch !== null) headers['If-Match'] = `"${options.ifMatch}"`;
  let body;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      body,
      // Authentication is the explicit header only: no cookies, no browser auth cache.
      credentials: 'omit',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    const err = new ApiError(0, null, defaultMessage(0));
    if (!options.silent) emit('unavailable', err);
    throw err;
  }

  const data = await readBody(res);
  if (res.ok) {
    if (!options.anonymous) emit('available');
    return data;
  }

  const problem = data && typeof data === 'object' && !Array.isArray(data) ? data : null;
  const message = (problem && (problem.detail || problem.title)) || defaultMessage(res.status);
  const err = new ApiError(res.status, problem, message);
  if (!options.silent) {
    if (res.status === 401) emit('unauthorized', err);
    else if (UNAVAILABLE.has(res.status)) emit('unavailable', err);
  }
  throw err;
}

// --------------------------------------------------------------- endpoints

export const api = {
  /** Validates credentials: resolves with {name, roles}; never emits events. */
  checkCredentials(token, signal) {
    return request('GET', '/api/v1/me', { auth: token, silent: true, signal });
  },
  me(signal) {
    return request('GET', '/api/v1/me', { signal });
  },
  system(signal) {
    return request('GET', '/api/v1/system', { signal });
  },
  /**
   * Health is readable without credentials; a DOWN answer is HTTP 503 with the
   * same body shape, so both are returned as data: {httpStatus, body}.
   */
  async health(kind, signal) {
    try {
      const body = await request('GET', `/health/${kind}`, { anonymous: true, silent: true, signal });
      return { httpStatus: 200, body };
    } catch (e) {
      if (e instanceof ApiError && e.status === 503 && e.problem && Array.isArray(e.problem.checks)) {
        return { httpStatus: 503, body: e.problem };
      }
      throw e;
    }
  },
  listHosts(signal) {
    return request('GET', '/api/v1/hosts', { signal });
  },
  createHost(spec) {
    return request('POST', '/api/v1/hosts', { body: spec });
  },
  /** Changes a host only if it is still at `version` (the one the form was opened with): no lost updates. */
  updateHost(id, spec, version) {
    return request('PUT', `/api/v1/hosts/${encodeURIComponent(id)}`, { body: spec, ifMatch: version });
  },
  removeHost(id) {
    return request('DELETE', `/api/v1/hosts/${encodeURIComponent(id)}`);
  },
  /** query: {from, to, actor, action, target, outcome, page, size}; empty values are left out. */
  audit(query, signal) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    }
    return request('GET', `/api/v1/audit?${params}`, { signal });
  },
  consensus(signal) {
    return request('GET', '/api/v1/consensus', { signal });
  },
  /** Asks this server, if it leads, to hand leadership to `target`: resolves with {from, target} (202). */
  transferLeadership(target) {
    return request('POST', '/api/v1/consensus/leadership-transfer', { body: { target } });
  },
};

// ------------------------------------------------------------------- roles

export function hasRole(session, ...roles) {
  const mine = session?.roles || [];
  return roles.some((r) => mine.includes(r));
}

export function canWriteHosts(session) {
  return hasRole(session, 'admin', 'operator');
}

export function canReadAudit(session) {
  return hasRole(session, 'admin', 'auditor');
}

export function canTransferLeadership(session) {
  return hasRole(session, 'admin');
}

/** The most privileged role, for display. */
export function primaryRole(session) {
  for (const r of ['admin', 'operator', 'auditor']) if (hasRole(session, r)) return r;
  return session?.roles?.[0] || 'no role';
}
