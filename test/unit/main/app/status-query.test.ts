import { describe, expect, it } from 'vitest';
import { statusQuery, statusUrl } from '../../../../src/main/app/start-core';
import { statusView } from '../../../../src/renderer/status-view';

describe('the status page URL: what main tells the screen', () => {
  it('carries the code, the next attempt, since, escalation and the demo flag; never the error text', () => {
    const q = statusQuery({ code: 'network', message: 'getaddrinfo ENOTFOUND acme.eu.qlikcloud.com token=abc', retryAt: 2_000, since: 1_000, escalated: true }, true);
    expect(Object.fromEntries(new URLSearchParams(q))).toEqual({ code: 'network', retryAt: '2000', since: '1000', escalated: '1', demo: '1' });
    const v = statusView(`?${q}`);
    expect([v.selfHealing, v.retryAt, v.since, v.demo]).toEqual([false, 2_000, 1_000, true]);
  });

  it('a cause that has not lasted: no escalation, "No action needed"', () => {
    const url = statusUrl('http://localhost:47321', { code: 'network', message: '' });
    expect(url).toBe('http://localhost:47321/status.html?code=network');
    expect(statusView(new URL(url).search).action).toBe('No action needed.');
  });
});
