// `doctor`: checks a kiosk machine end to end before a screen goes dark in a lobby, and says for each check what is
// wrong and how to fix it: the keychain, the credential, the config and policy, the identity, the tenant (DNS, TLS,
// reachability), a real token mint, the Allowed Origins (the token exchange a browser on Qiosk's origin makes), the
// user, the clock against the tenant's, the displays, the log folder. Pure: every OS and network access is a port.
// It never prints a secret, key or token: the broker masks its errors, and nothing else here holds one.
import { clientAuthFor } from '../app/services';
import { createTokenBroker } from '../auth/token-broker';
import { TokenError } from '../auth/token-errors';
import { ConfigError } from '../config/errors';
import { loadConfig, type LoadConfigDeps, type LoadedConfig } from '../config/load';
import type { Clock, Http, SecretStore } from '../core/ports';
import { currentOsUser, IdentityError, resolveIdentity, type OsUserDeps } from '../identity';
import { createMemoryLog } from '../log/logger';
import { Redactor } from '../log/redact';
import { rendererOrigin } from '../origin/renderer-origin';
import { parseStoredKey } from '../secrets/client-key';
import { secretProblem, SecretStoreError } from '../secrets/secret-store';
import { adminCommand } from './cli-command';

export type CheckResult = { id: string; title: string; ok: true | false | 'skipped'; detail: string; fix?: string };

export interface DoctorDeps {
  config: Omit<LoadConfigDeps, 'argv' | 'policyPath'>;
  /** The config file to check (default: this user's, as the kiosk reads it). */
  configPath?: string;
  /** The machine policy (default: this machine's). */
  policyPath?: string;
  packaged: boolean;
  secrets: SecretStore;
  keys: SecretStore;
  http: Http;
  clock: Clock;
  userInfo: OsUserDeps['userInfo'];
  /** The displays the OS reports (only in the installed app; from a checkout the check is skipped). */
  displays?: () => { id: number; label: string }[];
  logDir: string;
  /** Creates the folder if needed, writes and removes a probe file. */
  probeWritable(dir: string): Promise<void>;
  /** How Qiosk reaches the network here (the system proxy in the app; direct from a checkout). */
  networkNote: string;
}

/** Beyond this, TLS certificates, token lifetimes and assertions start to fail. */
export const MAX_CLOCK_SKEW_MS = 60_000;
const TIMEOUT_MS = 10_000;

const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** What a failed fetch's cause says, in words: name resolution, TLS, or the connection. */
function networkProblem(e: unknown, host: string): { detail: string; fix: string } {
  const text = `${why(e)} ${why((e as { cause?: unknown }).cause ?? '')} ${String((e as { cause?: { code?: string } }).cause?.code ?? '')}`;
  if (/ENOTFOUND|EAI_AGAIN|ERR_NAME_NOT_RESOLVED|getaddrinfo/i.test(text)) return { detail: `the name ${host} does not resolve (DNS)`, fix: 'check tenant.host for a typo, and this machine\'s DNS' };
  if (/CERT|certificate|SSL|TLS|self.signed/i.test(text)) return { detail: `TLS with ${host} failed (${text.trim().slice(0, 160)})`, fix: 'a proxy or firewall may be intercepting HTTPS: trust its certificate in the OS store, or let *.qlikcloud.com through unopened' };
  if (/abort|timeout/i.test(text)) return { detail: `${host} did not answer within ${TIMEOUT_MS / 1000} s`, fix: 'check the network, the firewall and the proxy settings for this host on port 443' };
  return { detail: `cannot connect to ${host} (${text.trim().slice(0, 160)})`, fix: 'check the network, the firewall and the proxy settings for this host on port 443' };
}

export async function runDoctor(d: DoctorDeps): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const add = (r: CheckResult) => (results.push(r), r);
  const skip = (id: string, title: string, detail: string) => add({ id, title, ok: 'skipped', detail });
  const cli = adminCommand();

  // 1. Config and policy: the kiosk's own loader, so the verdict is the kiosk's.
  let loaded: LoadedConfig | undefined;
  try {
    loaded = await loadConfig({ ...d.config, argv: d.configPath ? ['--config', d.configPath] : [], packaged: d.packaged, ...(d.policyPath === undefined ? {} : { policyPath: d.policyPath }) });
    add({ id: 'config', title: 'Config and machine policy', ok: true, detail: `${loaded.configPath}${loaded.policyPath ? ` with the policy ${loaded.policyPath} (owned by an administrator, not writable by others)` : ', no machine policy'}` });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const policy = e.problems.some((p) => p.machinePolicy);
    add({ id: 'config', title: 'Config and machine policy', ok: false, detail: e.problems.map((p) => `${p.source}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('; '), fix: policy ? 'fix the machine policy as each problem says (only an administrator may own and write it)' : `fix each problem named, then check with ${cli} config validate` });
  }
  const config = loaded?.config;

  // 2. Keychain and credential.
  let credentialOk = false;
  if (!config) {
    skip('keychain', 'OS keychain', 'needs a valid config (the client id names the keychain item)');
  } else {
    const { clientId, clientAuth } = config.tenant;
    const store = clientAuth === 'private_key_jwt' ? d.keys : d.secrets;
    const what = clientAuth === 'private_key_jwt' ? 'private key' : 'client secret';
    try {
      const value = await store.get(clientId);
      add({ id: 'keychain', title: 'OS keychain', ok: true, detail: 'usable and unlocked' });
      let problem: string | undefined;
      try {
        problem = clientAuth === 'private_key_jwt' ? (parseStoredKey(value), undefined) : secretProblem(value);
      } catch (e) {
        problem = why(e);
      }
      credentialOk = problem === undefined;
      add(problem
        ? { id: 'credential', title: `The ${what}`, ok: false, detail: `stored for client id ${clientId}, but unusable: ${problem}`, fix: clientAuth === 'private_key_jwt' ? `${cli} key generate --client-id ${clientId} --replace` : `store it again: ${cli} secret set --client-id ${clientId} (from stdin)` }
        : { id: 'credential', title: `The ${what}`, ok: true, detail: `stored for client id ${clientId}` });
    } catch (e) {
      if (e instanceof SecretStoreError && e.code === 'secret_missing') {
        add({ id: 'keychain', title: 'OS keychain', ok: true, detail: 'usable and unlocked' });
        add({ id: 'credential', title: `The ${what}`, ok: false, detail: `none is stored for client id ${clientId}`, fix: clientAuth === 'private_key_jwt' ? `${cli} key generate --client-id ${clientId}, then register the public key it prints in the Qlik console` : `${cli} secret set --client-id ${clientId} (reads the secret from stdin)` });
      } else {
        add({ id: 'keychain', title: 'OS keychain', ok: false, detail: e instanceof SecretStoreError ? `${e.code}: ${e.message}` : why(e), fix: e instanceof SecretStoreError && e.code === 'keychain_locked' ? 'unlock the kiosk user\'s login keychain (sign in with auto-login that unlocks it), then run doctor again' : 'run this as the kiosk user inside their desktop session, where the keychain is' });
        skip('credential', `The ${clientAuth === 'private_key_jwt' ? 'private key' : 'client secret'}`, 'needs the keychain');
      }
    }
  }

  // 3. Identity for this OS user.
  let identity: ReturnType<typeof resolveIdentity> | undefined;
  if (!config) skip('identity', 'Identity', 'needs a valid config');
  else {
    try {
      identity = resolveIdentity(config.identity, currentOsUser({ userInfo: d.userInfo, env: d.config.env, platform: d.config.platform }));
      add({ id: 'identity', title: 'Identity', ok: true, detail: `this OS user is the Qlik user with ${identity.lookup.field} "${identity.lookup.value}"` });
    } catch (e) {
      if (!(e instanceof IdentityError)) throw e;
      add({ id: 'identity', title: 'Identity', ok: false, detail: e.message, fix: 'fix the config\'s identity section (template or map) for this OS user' });
    }
  }

  // 4. The tenant: DNS, TLS, reachability; and its clock, from the Date header of that same answer.
  let reachable = false;
  if (!config) {
    skip('tenant', 'Tenant reachable', 'needs a valid config');
    skip('clock', 'Clock', 'needs the tenant');
  } else {
    const host = new URL(config.tenant.host).host;
    const sentAt = d.clock.now();
    try {
      const res = await d.http(`${config.tenant.host}/api/v1/users/me`, { method: 'GET', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
      await res.text().catch(() => '');
      reachable = true;
      add({ id: 'tenant', title: 'Tenant reachable', ok: true, detail: `${host} resolves, its TLS is valid and it answers (HTTP ${res.status}); ${d.networkNote}` });
      const date = Date.parse(res.headers.get('date') ?? '');
      if (!Number.isFinite(date)) skip('clock', 'Clock', 'the tenant sent no Date header');
      else {
        const skew = (sentAt + d.clock.now()) / 2 - date;
        const off = `${Math.abs(Math.round(skew / 1000))} s ${skew > 0 ? 'ahead of' : 'behind'} the tenant`;
        add(Math.abs(skew) <= MAX_CLOCK_SKEW_MS + 1000
          ? { id: 'clock', title: 'Clock', ok: true, detail: `${off} (within ${MAX_CLOCK_SKEW_MS / 1000} s)` }
          : { id: 'clock', title: 'Clock', ok: false, detail: `this machine's clock is ${off}`, fix: 'turn on network time (NTP / Windows Time) and set the right time zone; tokens and TLS depend on the clock' });
      }
    } catch (e) {
      const p = networkProblem(e, host);
      add({ id: 'tenant', title: 'Tenant reachable', ok: false, detail: `${p.detail}; ${d.networkNote}`, fix: p.fix });
      skip('clock', 'Clock', 'needs the tenant');
    }
  }

  // 5. A real mint, the user it is for, and the browser's token exchange from Qiosk's origin (Allowed Origins).
  if (!config || !identity || !credentialOk || !reachable) {
    const needs = !config ? 'a valid config' : !identity ? 'an identity' : !credentialOk ? 'a usable credential in the keychain' : 'the tenant';
    for (const [id, title] of [['mint', 'Token mint'], ['user', 'Qlik user'], ['origin', 'Allowed Origins']] as const) skip(id, title, `needs ${needs}`);
  } else {
    const log = createMemoryLog('doctor', new Redactor(d.clock));
    const broker = createTokenBroker(
      { tenant: config.tenant.host, clientId: config.tenant.clientId, scope: config.tenant.scope, timeoutMs: TIMEOUT_MS },
      { http: d.http, clock: d.clock, secrets: d.secrets, log, clientAuth: clientAuthFor(config, { secrets: d.secrets, keys: d.keys, clock: d.clock }) },
    );
    let token: string | undefined;
    try {
      token = (await broker.getToken({ lookup: identity.lookup, cacheKey: 'doctor' })).accessToken;
      add({ id: 'mint', title: 'Token mint', ok: true, detail: `minted a token for ${identity.lookup.field} "${identity.lookup.value}"` });
    } catch (e) {
      const t = e instanceof TokenError ? e : undefined;
      const userProblem = t?.code === 'unknown_user' || t?.code === 'disabled_user';
      // A refused user is one problem, reported once, as the user's.
      if (userProblem) skip('mint', 'Token mint', 'the tenant refused this user: see the Qlik user check');
      else add({ id: 'mint', title: 'Token mint', ok: false, detail: t ? `${t.code}: ${t.message}` : why(e), fix: t?.code === 'bad_credentials' ? (config.tenant.clientAuth === 'private_key_jwt' ? `register the public key (${cli} key show-public --client-id ${config.tenant.clientId}) on the OAuth client` : `store the client's current secret: ${cli} secret set --client-id ${config.tenant.clientId}`) : 'the message says what to change in the Qlik console or the config' });
      if (userProblem) add({ id: 'user', title: 'Qlik user', ok: false, detail: t!.code === 'unknown_user' ? `no active Qlik user has ${identity.lookup.field} "${identity.lookup.value}"` : `the Qlik user with ${identity.lookup.field} "${identity.lookup.value}" is disabled`, fix: t!.code === 'unknown_user' ? 'create the user in Qlik Cloud (or fix the identity settings)' : 'reactivate the user in the Qlik console' });
    }
    if (token === undefined) {
      if (!results.some((r) => r.id === 'user')) skip('user', 'Qlik user', 'needs a token');
      skip('origin', 'Allowed Origins', 'needs a token');
    } else {
      try {
        const me = await d.http(`${config.tenant.host}/api/v1/users/me`, { method: 'GET', headers: { accept: 'application/json', authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
        const body = (await me.json().catch(() => ({}))) as { status?: unknown; name?: unknown };
        const status = typeof body.status === 'string' ? body.status : 'unknown';
        add(me.ok && status === 'active'
          ? { id: 'user', title: 'Qlik user', ok: true, detail: `exists and is active${typeof body.name === 'string' ? ` (${body.name})` : ''}` }
          : { id: 'user', title: 'Qlik user', ok: false, detail: me.ok ? `the user's status is ${status}` : `users/me answered HTTP ${me.status}`, fix: 'reactivate the user in the Qlik console' });
      } catch (e) {
        add({ id: 'user', title: 'Qlik user', ok: false, detail: `users/me failed: ${why(e)}`, fix: 'check the network to the tenant' });
      }
      const origin = rendererOrigin(config.renderer.port);
      try {
        const res = await d.http(`${config.tenant.host}/oauth/token`, {
          method: 'POST', redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS),
          headers: { 'content-type': 'application/json', accept: 'application/json', origin },
          body: JSON.stringify({ subject_token: token, subject_token_type: 'urn:ietf:params:oauth:token-type:access_token', grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', purpose: 'websocket', redirect_uri: `${origin}/`, client_id: config.tenant.clientId }),
        });
        const text = await res.text();
        add(res.status === 200
          ? { id: 'origin', title: 'Allowed Origins', ok: true, detail: `the tenant accepts Qiosk's origin ${origin} for the browser's token exchange` }
          : { id: 'origin', title: 'Allowed Origins', ok: false, detail: `the tenant refused the token exchange from ${origin} (HTTP ${res.status}${/OAUTH-29|origin/i.test(text) ? ', invalid origin' : ''})`, fix: `add ${origin} to the OAuth client's Allowed Origins in the Qlik console${res.status === 403 ? ' (some tenants also need it in Settings > Content Security Policy)' : ''}` });
      } catch (e) {
        add({ id: 'origin', title: 'Allowed Origins', ok: false, detail: `the token exchange failed: ${why(e)}`, fix: 'check the network to the tenant' });
      }
    }
  }

  // 6. Displays, 7. the log folder.
  if (!config) skip('displays', 'Displays', 'needs a valid config');
  else if (!d.displays) skip('displays', 'Displays', 'checked only by the installed app\'s doctor (reading displays needs Electron)');
  else {
    const found = d.displays();
    const want = config.screens.length;
    add(found.length >= want
      ? { id: 'displays', title: 'Displays', ok: true, detail: `${found.length} found for ${want} screen(s) configured` }
      : { id: 'displays', title: 'Displays', ok: false, detail: `${found.length} found, ${want} screen(s) configured: ${want - found.length} would stay dark until their display appears`, fix: 'connect and switch on the displays, or configure fewer screens' });
  }
  try {
    await d.probeWritable(d.logDir);
    add({ id: 'logs', title: 'Log folder', ok: true, detail: `${d.logDir} is writable` });
  } catch (e) {
    add({ id: 'logs', title: 'Log folder', ok: false, detail: `${d.logDir}: ${why(e)}`, fix: 'let the kiosk user create and write this folder' });
  }
  return results;
}

export function formatDoctor(results: readonly CheckResult[]): string {
  const mark = (r: CheckResult) => (r.ok === true ? 'PASS' : r.ok === false ? 'FAIL' : 'SKIP');
  const lines = results.map((r) => `${mark(r)}  ${r.title}: ${r.detail}${r.fix ? `\n      fix: ${r.fix}` : ''}`);
  const failed = results.filter((r) => r.ok === false).length;
  return `${lines.join('\n')}\n${failed === 0 ? 'Every check passed.' : `${failed} check(s) failed.`}\n`;
}
