// Formatting helpers (pure functions, no DOM).

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

function toDate(iso) {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Local date and time, or the raw value if it cannot be parsed. */
export function formatDateTime(iso) {
  const d = toDate(iso);
  return d ? dateTime.format(d) : (iso ? String(iso) : '—');
}

export function formatTime(date) {
  return timeOnly.format(date);
}

/** "3 d 4 h", "12 min", "40 s" since the given instant. */
export function formatUptime(iso, now = Date.now()) {
  const d = toDate(iso);
  if (!d) return '';
  let s = Math.max(0, Math.floor((now - d.getTime()) / 1000));
  const days = Math.floor(s / 86400); s -= days * 86400;
  const hours = Math.floor(s / 3600); s -= hours * 3600;
  const mins = Math.floor(s / 60); s -= mins * 60;
  if (days) return `${days} d ${hours} h`;
  if (hours) return `${hours} h ${mins} min`;
  if (mins) return `${mins} min`;
  return `${s} s`;
}

/** MiB as GiB: 262144 → "256 GiB", 1536 → "1.5 GiB". */
export function formatGiB(mib) {
  const n = Number(mib);
  if (!Number.isFinite(n)) return '—';
  const gib = n / 1024;
  return `${gib.toLocaleString(undefined, { maximumFractionDigits: gib < 10 ? 2 : 1 })} GiB`;
}

export function formatNumber(n) {
  const v = Number(n);
  return Number.isFinite(v) ? v.toLocaleString() : '—';
}

/** "sha256:0123456789abcdef…" → "sha256:01234567…". */
export function shortDigest(digest) {
  if (!digest) return '';
  const s = String(digest);
  const colon = s.indexOf(':');
  const algo = colon >= 0 ? s.slice(0, colon + 1) : '';
  const hex = colon >= 0 ? s.slice(colon + 1) : s;
  return hex.length > 10 ? `${algo}${hex.slice(0, 8)}…` : s;
}

/** First block of a UUID-like id. */
export function shortId(id) {
  if (id === null || id === undefined) return '';
  const s = String(id);
  return s.length > 12 ? `${s.slice(0, 8)}…` : s;
}

/** A datetime-local value ("2026-11-23T10:00") as an ISO instant, or '' if empty/invalid. */
export function localInputToIso(value) {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** Server details are often lower-case fragments: show them as a sentence. */
export function sentence(text) {
  if (!text) return '';
  const t = String(text).trim();
  return t.charAt(0).toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.');
}
