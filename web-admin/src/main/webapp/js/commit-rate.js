// Commit rate from polled committed positions (pure, no DOM), so the chart's numbers can be checked on their own.

/**
 * Turns (committed position, time) samples into rate points {atMs, perSec, startsSegment}, keeping windowMs of them.
 * A gap longer than gapMs (hidden tab, failed polls) starts a new segment instead of averaging over the gap, and
 * a position that goes backwards (another server answered, or this one restarted) does too: neither is a rate.
 */
export class CommitRate {
  constructor({ windowMs = 60_000, gapMs = 3_500 } = {}) {
    this.windowMs = windowMs;
    this.gapMs = gapMs;
    this.last = null; // {committed, atMs}
    this.rates = [];
    this.nextStartsSegment = true;
  }

  /** Adds a sample; returns the rate point it made, or null when it only set a new baseline. */
  add(committed, atMs) {
    const c = Number(committed);
    if (!Number.isFinite(c) || !Number.isFinite(atMs)) return null;
    const prev = this.last;
    this.last = { committed: c, atMs };
    this.trim(atMs);
    const elapsedMs = prev ? atMs - prev.atMs : 0;
    if (!prev || elapsedMs <= 0 || elapsedMs > this.gapMs || c < prev.committed) {
      this.nextStartsSegment = true;
      return null;
    }
    const point = { atMs, perSec: ((c - prev.committed) * 1000) / elapsedMs, startsSegment: this.nextStartsSegment };
    this.nextStartsSegment = false;
    this.rates.push(point);
    return point;
  }

  /** The points of the last windowMs before nowMs, oldest first. */
  points(nowMs) {
    this.trim(nowMs);
    return this.rates.slice();
  }

  /** The newest rate, or null before the second sample. */
  latest() {
    return this.rates.length ? this.rates[this.rates.length - 1].perSec : null;
  }

  trim(nowMs) {
    const oldest = nowMs - this.windowMs;
    let drop = 0;
    while (drop < this.rates.length && this.rates[drop].atMs < oldest) drop += 1;
    if (drop) this.rates.splice(0, drop);
  }
}
