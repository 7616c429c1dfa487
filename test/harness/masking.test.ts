// A client secret with every character that changes under an encoding (", \, %, +, multi-byte), echoed back
// by the tenant in an error body (as sent, and the whole request body base64'd, so the secret sits at some
// byte offset inside a longer base64 text): it must appear in no log line, screen, URL, console
// message or file, in any encoding — and the kiosk still ends on its content once the tenant stops echoing.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { base64Reveals } from '../support/canary';
import { closeAfterEach } from '../support/close-after-each';
import { encodedForms } from '../../src/main/log/redact';
import { generateClientKey, jwkSensitiveValues, parseStoredKey } from '../../src/main/secrets/client-key';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { embedsShowing, startHarness, statusShown } from './qiosk-harness';

const RANDOM = randomUUID();
const SECRET = `CANARY"\\%+é🔑-${RANDOM}`;
/** Every encoding a leak could take — the masked forms plus base64 and hex — and the random part alone, which
 * reads the same in all of them, so half a secret left by a mask that stopped at a quote is found too; and the
 * random part read back from any run of base64 or base64url at any alignment (inside a longer base64 text). */
const LEAK_FORMS = [RANDOM, ...encodedForms(SECRET), Buffer.from(SECRET).toString('base64'), Buffer.from(SECRET).toString('base64url'), Buffer.from(SECRET).toString('hex')];
const leaks = (text: string) => [...LEAK_FORMS.filter((f) => text.includes(f)), ...(base64Reveals(text, RANDOM, RANDOM.length) ? ['base64 at some offset'] : [])];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? filesUnder(p) : d.isFile() && statSync(p).size < 50_000_000 ? [p] : [];
  });
}

describeWithKeyring('masking: a secret echoed by the tenant', () => {
  const closing = closeAfterEach();

  it('appears nowhere, in no encoding, and the kiosk still comes back', async () => {
    const screens: string[] = [];
    const h = closing(await startHarness({ secret: SECRET, beforeStart: (t) => void t.addFault({ method: 'POST', path: '/oauth/token', status: 502, echo: true, times: 2 }) }));
    h.page.on('framenavigated', (f) => f === h.page.mainFrame() && void h.page.content().then((c) => screens.push(c), () => {}));
    await statusShown(h, 10_000, /status\.html/);
    screens.push(await h.page.content());
    await embedsShowing(h.page);
    // The echo really carried the secret: the tenant's answers held it, so masking had something to do.
    expect(h.tenant.log().filter((e) => e.fault === 'status')).toHaveLength(2);
    expect(leaks(`x ${Buffer.from(`{"client_secret":${JSON.stringify(SECRET)}}`).toString('base64')} x`)).toContain('base64 at some offset');
    const log = readFileSync(h.logFile, 'utf8');
    expect(log).toContain('[redacted]');
    const places: Record<string, string> = {
      'main log': log,
      'URLs main navigated to': h.navigations.join('\n'),
      'screens shown': screens.join('\n'),
      'page console': h.consoleLines.join('\n'),
      'page requests': h.requests.map((r) => `${r.url} ${JSON.stringify(r.headers)} ${r.body ?? ''}`).join('\n'),
    };
    for (const f of filesUnder(path.dirname(h.logFile))) places[`file ${path.basename(f)}`] = readFileSync(f).toString('latin1') + readFileSync(f, 'utf8');
    for (const [where, text] of Object.entries(places)) expect(leaks(text), where).toEqual([]);
  });
  it('a private key (private_key_jwt): neither its parts nor an assertion appear anywhere, and content comes', async () => {
    const key = generateClientKey();
    const { jwk, kid } = parseStoredKey(key);
    const parts = jwkSensitiveValues(jwk);
    // Every assertion Qiosk signs starts with this header: found anywhere, an assertion leaked.
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT' })).toString('base64url');
    const forms = [key, header, ...parts, ...parts.map((p) => Buffer.from(p, 'base64url').toString('base64')), ...parts.map((p) => Buffer.from(p, 'base64url').toString('hex'))];
    const screens: string[] = [];
    const h = closing(await startHarness({ secret: SECRET, privateKey: key, beforeStart: (t) => void t.addFault({ method: 'POST', path: '/oauth/token', status: 502, echo: true, times: 2 }) }));
    h.page.on('framenavigated', (f) => f === h.page.mainFrame() && void h.page.content().then((c) => screens.push(c), () => {}));
    await statusShown(h, 10_000, /status\.html/);
    screens.push(await h.page.content());
    await embedsShowing(h.page);
    screens.push(await h.page.content());
    expect(h.tenant.log().filter((e) => e.fault === 'status')).toHaveLength(2);
    const mints = h.tenant.log().filter((e) => e.path === '/oauth/token' && !e.fault && e.grantType === 'urn:qlik:oauth:user-impersonation');
    expect(mints.length).toBeGreaterThan(0);
    expect(mints.every((e) => e.status === 200 && e.assertionPresent && !e.secretPresent)).toBe(true);
    const places: Record<string, string> = {
      'main log': readFileSync(h.logFile, 'utf8'),
      'URLs main navigated to': h.navigations.join('\n'),
      'screens shown': screens.join('\n'),
      'page console': h.consoleLines.join('\n'),
      'page requests': h.requests.map((r) => `${r.url} ${JSON.stringify(r.headers)} ${r.body ?? ''}`).join('\n'),
    };
    for (const f of filesUnder(path.dirname(h.logFile))) places[`file ${path.basename(f)}`] = readFileSync(f).toString('latin1');
    const found = (text: string) => [...forms.filter((f) => text.includes(f)), ...(base64Reveals(text, header, 48) ? ['an assertion base64\'d at some offset'] : [])];
    expect(found(`x ${Buffer.from(`{"client_assertion":"${header}.e30.x"}`).toString('base64')} x`)).toEqual(['an assertion base64\'d at some offset']);
    for (const [where, text] of Object.entries(places)) expect(found(text), where).toEqual([]);
  });
});
