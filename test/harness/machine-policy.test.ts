// With a machine policy that sets the tenant, the client and the identity, the kiosk user's own config file
// cannot redirect the client secret or choose whom Qiosk impersonates: the other tenant never hears from
// main, every token is minted for the policy's user, and the log names each shadowed setting with both files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../support/close-after-each';
import { makeCanary } from '../support/canary';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { startFakeTenant } from '../fake-tenant';
import { embedsShowing, startHarness } from './qiosk-harness';

describeWithKeyring('machine policy vs the kiosk user\'s config file', () => {
  const closing = closeAfterEach();

  it('the secret goes only to the policy\'s tenant and tokens are minted only for the policy\'s user', async () => {
    const elsewhere = closing(await startFakeTenant({ clientSecret: 'anything' }));
    const there = elsewhere.baseUrl;
    const h = closing(await startHarness({
      secret: makeCanary(),
      policy: (c) => ({ enforced: { tenant: c['tenant'], identity: { mode: 'device', lookupField: 'userId', value: 'u-1' }, content: c['content'] } }),
      userConfig: (c) => ({
        ...c,
        tenant: { host: there, clientId: 'kiosk-imp' },
        identity: { mode: 'device', lookupField: 'userId', value: 'u-2' },
        content: { embeds: [{ ui: 'analytics/sheet', appId: 'app-2', sheetId: 'sheet-9' }] },
      }),
    }));
    await embedsShowing(h.page, 3, 'u-1');
    expect(elsewhere.log()).toEqual([]); // not one request: not the secret, not a page request
    expect(h.mainRequests.every((r) => r.url.startsWith(h!.tenant.baseUrl))).toBe(true);
    expect(new Set(h.tenant.tokens().map((t) => t.userId))).toEqual(new Set(['u-1']));
    const log = readFileSync(h.logFile, 'utf8');
    const dir = path.dirname(h.logFile);
    for (const key of ['tenant', 'identity', 'content']) {
      expect(log).toContain(`${key} in ${path.join(dir, 'config.json')} is ignored: with a machine policy it comes only from ${path.join(dir, 'policy.json')}`);
    }
    expect(log).not.toContain(there); // the user's host is named by path, never echoed
  });
});
