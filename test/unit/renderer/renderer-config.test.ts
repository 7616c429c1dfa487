import { describe, expect, it } from 'vitest';
import { parseRendererConfig, RendererConfigError } from '../../../src/renderer/renderer-config';

const good = { tenantHost: 'https://acme.eu.qlikcloud.com', clientId: 'cid', demo: false, embeds: [{ ui: 'analytics/sheet', appId: 'a', sheetId: 's' }], health: { loadTimeoutMs: 45_000, keepaliveMs: 120_000, heartbeatMs: 5_000 } };

describe('parseRendererConfig', () => {
  it('accepts the shape main serves and drops unknown keys', () => {
    expect(parseRendererConfig({ ...good, extra: 1, embeds: [{ ...good.embeds[0], junk: true }] })).toEqual(good);
  });

  it.each([
    [null, /not a JSON object/],
    [[], /not a JSON object/],
    [{ ...good, tenantHost: 'javascript:alert(1)' }, /tenantHost/],
    [{ ...good, clientId: '' }, /clientId/],
    [{ ...good, embeds: [] }, /embeds/],
    [{ ...good, embeds: [{ appId: 'a' }] }, /embeds\[0\]\.ui/],
    [{ ...good, embeds: [{ ui: 'x', sheetId: 3 }] }, /embeds\[0\]\.sheetId/],
    [{ ...good, health: undefined }, /health timing is missing/],
    [{ ...good, health: { ...good.health, heartbeatMs: '5000' } }, /health\.heartbeatMs/],
  ])('rejects %o with a named problem', (raw, problem) => {
    expect(() => parseRendererConfig(raw)).toThrow(RendererConfigError);
    expect(() => parseRendererConfig(raw)).toThrow(problem);
  });

  it('treats anything but true as not a demo', () => {
    expect(parseRendererConfig({ ...good, demo: 'yes' }).demo).toBe(false);
    expect(parseRendererConfig({ ...good, demo: true }).demo).toBe(true);
  });
});
