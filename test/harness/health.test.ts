// The health status a fleet monitors, across a fault: the kiosk starts while the tenant's token endpoint fails, shows
// its status screen, then content. The file (replaced atomically, owner-only) and the loopback endpoint say so at each
// step, and the Prometheus text parses. Nothing in either is a secret or a token.
import { readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { HealthStatus } from '../../src/main/health/health-status';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { makeCanary } from '../support/canary';
import { closeAfterEach } from '../support/close-after-each';
import { parsePrometheus } from '../support/prometheus';
import { until } from '../support/until';
import { embedsShowing, freePort, startHarness, statusShown } from './qiosk-harness';

describeWithKeyring('health: file and endpoint across a fault', () => {
  const closing = closeAfterEach();

  it('says status, then content, with the token, heals and problems; /metrics parses', async () => {
    const secret = makeCanary();
    const port = await freePort();
    const h = closing(await startHarness({
      secret, userConfig: (c) => ({ ...c, health: { port } }),
      beforeStart: (t) => void t.addFault({ method: 'POST', path: '/oauth/token', status: 503, times: 3 }),
    }));
    const file = path.join(path.dirname(h.logFile), 'health.json');
    const read = () => { try { return JSON.parse(readFileSync(file, 'utf8')) as HealthStatus; } catch { return undefined; } };

    await statusShown(h, 15_000);
    await until(() => read()?.screens[0]?.state === 'status', 10_000, 'the health file to say the status screen shows');
    const during = read()!;
    expect(during.screens[0]).toMatchObject({ id: 'main', state: 'status', code: expect.any(String) });
    expect(during.token.lastFailure).toMatchObject({ code: 'server_error' });
    expect(during.problems.map((p) => p.what)).toContainEqual(expect.stringMatching(/^token request failed: server_error|^status screen: /));
    expect(statSync(file).mode & 0o777).toBe(0o600);

    await embedsShowing(h.page);
    await until(() => read()?.screens[0]?.state === 'content', 10_000, 'the health file to say content shows');
    const after = read()!;
    expect(after).toMatchObject({ schema: 1, version: 'harness', pid: process.pid, screens: [{ id: 'main', state: 'content', playlist: 'main', slide: 0, tilesUnavailable: 0 }] });
    expect(after.token).toMatchObject({ state: 'valid', mintsLast24h: 1, lastFailure: { code: 'server_error' } });
    expect(Date.parse(after.token.expiresAt!)).toBeGreaterThan(Date.now());
    expect(Date.parse(after.updatedAt)).toBeGreaterThanOrEqual(Date.parse(during.updatedAt));

    const base = `http://127.0.0.1:${port}`;
    const live = (await (await fetch(`${base}/health`)).json()) as HealthStatus;
    expect({ ...live, updatedAt: 0, uptimeSeconds: 0 }).toEqual({ ...h.health.build(), updatedAt: 0, uptimeSeconds: 0 });
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const samples = parsePrometheus(await metrics.text());
    const value = (name: string, labels: Record<string, string> = {}) => samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    expect(value('qiosk_screen_state', { screen: 'main', state: 'content' })).toBe(1);
    expect(value('qiosk_screen_state', { screen: 'main', state: 'status' })).toBe(0);
    expect(value('qiosk_token_state', { state: 'valid' })).toBe(1);
    expect(value('qiosk_token_mints_last_24h')).toBe(1);
    expect(value('qiosk_token_last_failure_timestamp_seconds', { code: 'server_error' })).toBeGreaterThan(0);

    // Only loopback Host headers, only GET, only its two paths; no CORS for pages.
    const rebound = await new Promise<number | undefined>((done) => {
      // fetch cannot set Host (a forbidden header): a raw request, as a DNS-rebinding page's browser would send it.
      http.get({ host: '127.0.0.1', port, path: '/health', headers: { host: `evil.example:${port}` } }, (r) => (r.resume(), done(r.statusCode))).on('error', () => done(undefined));
    });
    expect(rebound).toBe(421);
    expect((await fetch(`${base}/health`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/health`)).headers.get('access-control-allow-origin')).toBeNull();

    // A renderer's warnings reach main's log, with the screen they came from; its info lines do not.
    await h.page.evaluate(() => { console.info('qiosk-test-info-line'); console.warn('qiosk-test-warning: embed 2 failed'); });
    await until(() => readFileSync(h.logFile, 'utf8').includes('qiosk-test-warning'), 5_000, 'the page warning in main\'s log');
    expect(readFileSync(h.logFile, 'utf8')).toMatch(/warn \[page\] page warning .*"screen":"main".*qiosk-test-warning: embed 2 failed/);
    expect(readFileSync(h.logFile, 'utf8')).not.toContain('qiosk-test-info-line');

    const everything = `${readFileSync(file, 'utf8')}${JSON.stringify(live)}${await (await fetch(`${base}/metrics`)).text()}`;
    expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/access_token|Bearer/i);
  });
});
