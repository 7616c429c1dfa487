import { describe, expect, it } from 'vitest';
import { parseRendererConfig, RendererConfigError } from '../../../src/renderer/renderer-config';

const good = { tenantHost: 'https://acme.eu.qlikcloud.com', clientId: 'cid', demo: false, embeds: [{ ui: 'analytics/sheet', appId: 'a', sheetId: 's' }], health: { loadTimeoutMs: 45_000, keepaliveMs: 120_000, heartbeatMs: 5_000 } };

describe('parseRendererConfig', () => {
  it('accepts the shape main serves and drops unknown keys', () => {
    expect(parseRendererConfig({ ...good, extra: 1, embeds: [{ ...good.embeds[0], junk: true }] })).toEqual(good);
  });

  it('keeps every resolved embed setting and the idle reset', () => {
    const full = {
      ...good,
      idleResetMs: 90_000,
      embeds: [
        { ui: 'analytics/chart', appId: 'a', objectId: 'o', theme: 't', language: 'sv', interactions: 'select-only', keyboardNavigation: false, initialState: { clearAll: true, bookmark: 'b', fields: [{ name: 'Region', values: ['Nordic'] }] } },
        { ui: 'ai/assistant', assistantId: 'as-1' },
      ],
    };
    expect(parseRendererConfig(full)).toEqual(full);
  });

  it.each([
    [null, /not a JSON object/],
    [[], /not a JSON object/],
    [{ ...good, tenantHost: 'javascript:alert(1)' }, /tenantHost/],
    [{ ...good, clientId: '' }, /clientId/],
    [{ ...good, embeds: [] }, /embeds/],
    [{ ...good, embeds: [{ appId: 'a' }] }, /embeds\[0\]\.ui/],
    [{ ...good, embeds: [{ ui: 'analytics/sheet', sheetId: 3 }] }, /embeds\[0\]\.sheetId must be text/],
    [{ ...good, embeds: [{ ui: 'analytics/table' }] }, /embeds\[0\]\.ui is not a UI Qiosk knows/],
    [{ ...good, embeds: [{ ...good.embeds[0], interactions: 'readonly' }] }, /embeds\[0\]\.interactions must be one of read-only, select-only, full/],
    [{ ...good, embeds: [{ ...good.embeds[0], keyboardNavigation: 'yes' }] }, /embeds\[0\]\.keyboardNavigation must be true or false/],
    [{ ...good, embeds: [{ ...good.embeds[0], initialState: [] }] }, /embeds\[0\]\.initialState must be \{ clearAll, bookmark, fields \}/],
    [{ ...good, embeds: [{ ...good.embeds[0], initialState: { clear: true } }] }, /embeds\[0\]\.initialState must be/],
    [{ ...good, embeds: [{ ...good.embeds[0], initialState: { clearAll: 'true' } }] }, /initialState\.clearAll must be true or false/],
    [{ ...good, embeds: [{ ...good.embeds[0], initialState: { bookmark: 7 } }] }, /initialState\.bookmark must be text/],
    [{ ...good, embeds: [{ ...good.embeds[0], initialState: { fields: {} } }] }, /initialState\.fields must be a list/],
    [{ ...good, embeds: [{ ...good.embeds[0], initialState: { fields: [{ name: 'R', values: [] }] } }] }, /initialState\.fields\[0\] must be \{ name, values: \[text, …\] \}/],
    [{ ...good, idleResetMs: '60000' }, /idleResetMs must be a number of ms/],
    [{ ...good, idleResetMs: 5 }, /idleResetMs must be a number of ms/],
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
