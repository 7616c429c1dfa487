import { describe, expect, it } from 'vitest';
import { embedAttributes, embedLabel } from '../../../src/renderer/embed-attributes';
import { BRIDGE_GLOBAL } from '../../../src/shared/ipc-contract';

const cfg = { tenantHost: 'https://acme.eu.qlikcloud.com', clientId: 'cid-1' };

describe('embedAttributes', () => {
  it.each([
    [{ ui: 'analytics/sheet', appId: 'a1', sheetId: 's1' }, { ui: 'analytics/sheet', 'app-id': 'a1', 'sheet-id': 's1' }],
    [{ ui: 'analytics/chart', appId: 'a1', objectId: 'o1' }, { ui: 'analytics/chart', 'app-id': 'a1', 'object-id': 'o1' }],
    [{ ui: 'classic/app', appId: 'a1', sheetId: 's1', theme: 'dark' }, { ui: 'classic/app', 'app-id': 'a1', 'sheet-id': 's1', theme: 'dark' }],
    [{ ui: 'analytics/field', appId: 'a1', fieldId: 'Region', language: 'de' }, { ui: 'analytics/field', 'app-id': 'a1', 'field-id': 'Region', language: 'de' }],
    [{ ui: 'analytics/selections', appId: '' }, { ui: 'analytics/selections' }],
  ])('%o → connection attributes plus exactly the content attributes', (embed, content) => {
    const attrs = Object.fromEntries(embedAttributes(embed, cfg));
    expect(attrs).toEqual({ host: cfg.tenantHost, 'client-id': 'cid-1', 'auth-type': 'Oauth2', 'get-access-token': BRIDGE_GLOBAL, ...content });
  });

  it('names the bridge as a plain global (qlik-embed cannot resolve dotted paths) and never sets access-token-storage', () => {
    const names = embedAttributes({ ui: 'analytics/sheet', appId: 'a', sheetId: 's' }, cfg).map(([n]) => n);
    expect(BRIDGE_GLOBAL).toMatch(/^[A-Za-z_$][\w$]*$/);
    expect(names).not.toContain('access-token-storage');
    expect(new Set(names).size).toBe(names.length);
  });

  it('labels tiles by ui, app and item', () => {
    expect(embedLabel({ ui: 'analytics/chart', appId: 'a1', objectId: 'o1' })).toBe('analytics/chart · app a1 · object o1');
    expect(embedLabel({ ui: 'analytics/selections' })).toBe('analytics/selections');
  });
});
