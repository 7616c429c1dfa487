import { describe, expect, it } from 'vitest';
import { countdownText, statusView } from '../../../src/renderer/status-view';

describe('statusView', () => {
  it.each([
    ['server_error', /Qlik Cloud is having trouble/],
    ['network', /cannot be reached/],
    ['rate_limited', /slow down/],
    ['configuration', /not configured/],
    ['something-new', /temporarily unavailable/],
  ])('code %s → a title a passer-by understands', (code, title) => {
    expect(statusView(`?code=${code}&message=m`).title).toMatch(title);
  });

  it('carries main’s admin line and the retry time, and bounds the text length', () => {
    const v = statusView(`?code=timeout&message=${encodeURIComponent('<b>x</b>'.repeat(200))}&retryAt=1700000000000`);
    expect(v.detail.startsWith('<b>x</b>')).toBe(true); // shown via textContent, so markup stays text
    expect(v.detail.length).toBe(600);
    expect(v.retryAt).toBe(1700000000000);
  });

  it.each(['', '?retryAt=abc', '?retryAt=-5'])('ignores a missing or bad retryAt (%s)', (q) => {
    expect(statusView(q).retryAt).toBeUndefined();
  });
});

describe('countdownText', () => {
  it.each([
    [undefined, 0, /keeps trying/],
    [10_000, 0, /in 10 s/],
    [65_000, 0, /in 1 min 05 s/],
    [1_000, 5_000, /now/],
  ])('retryAt %s at %i → %s', (retryAt, now, text) => {
    expect(countdownText(retryAt, now)).toMatch(text);
  });
});
