// The composition root for main's core services: config → identity → token broker. It takes every OS and
// Electron dependency as an argument, so the same wiring runs in the app, in the Chromium harness and in tests.
import { clientSecretAuth, privateKeyJwtAuth, type ClientAuth } from '../auth/client-auth';
import { createTokenBroker, type BrokerIdentity, type TokenBroker } from '../auth/token-broker';
import { loadConfig, type Env, type QioskConfig } from '../config';
import type { MachinePolicyAccess } from '../config/policy-file';
import type { Clock, Http, Log, SecretStore } from '../core/ports';
import { currentOsUser, resolveIdentity, type OsUserDeps } from '../identity';

export interface ServiceDeps {
  argv: readonly string[];
  platform: NodeJS.Platform;
  env: Env;
  homedir: string;
  readFile: (path: string) => Promise<string>;
  /** Machine policy: its path (tests; the app uses the OS default) and how it is found and read (policy-file.ts;
   * absent: no policy). */
  policyPath?: string;
  policy?: MachinePolicyAccess;
  /** An installed Qiosk (app.isPackaged): refuses to start without a machine policy naming the allowed tenant
   * hosts, and with a loopback tenant; nothing is created, so nothing is minted. */
  packaged?: boolean;
  userInfo: OsUserDeps['userInfo'];
  http: Http;
  clock: Clock;
  secrets: SecretStore;
  /** The keychain of the OAuth client's private key (tenant.clientAuth "private_key_jwt"). */
  keys?: SecretStore;
  logFor: (scope: string) => Log;
}

export interface Services {
  config: QioskConfig;
  configPath: string;
  /** The machine policy in force, if any. */
  policyPath?: string;
  /** Decided here, in main, from the OS account and the config: nothing from a renderer reaches it. */
  identity: BrokerIdentity;
  broker: TokenBroker;
  /** The same Http the broker uses (the tenant probe checks the tenant through it). */
  http: Http;
  /** Hosts the machine policy lets content load from besides Qlik's (CSP and egress); never from the user. */
  extraContentHosts: readonly string[];
}

/** Throws ConfigError or IdentityError with an admin-facing message; creates nothing half-way. */
export async function createServices(d: ServiceDeps): Promise<Services> {
  const { config, configPath, policyPath, shadowed, extraContentHosts } = await loadConfig({
    argv: d.argv, platform: d.platform, env: d.env, homedir: d.homedir, readFile: d.readFile,
    ...(d.policyPath === undefined ? {} : { policyPath: d.policyPath }), ...(d.policy ? { policy: d.policy } : {}), packaged: d.packaged ?? false,
  });
  const log = d.logFor('config');
  if (policyPath) log.info('machine policy in force', { policy: policyPath });
  for (const line of shadowed) log.warn(`user setting shadowed by the machine policy: ${line}`);
  const identity = resolveIdentity(config.identity, currentOsUser({ userInfo: d.userInfo, env: d.env, platform: d.platform }));
  const broker = createTokenBroker(
    {
      tenant: config.tenant.host,
      clientId: config.tenant.clientId,
      scope: config.tenant.scope,
      timeoutMs: config.broker.timeoutMs,
      refreshAheadMs: config.broker.refreshAheadSeconds * 1000,
    },
    { http: d.http, clock: d.clock, secrets: d.secrets, log: d.logFor('auth'), clientAuth: clientAuthFor(config, d) },
  );
  return { config, configPath, ...(policyPath ? { policyPath } : {}), identity, broker, http: d.http, extraContentHosts };
}

/** The client authentication tenant.clientAuth chooses (the admin CLI's doctor mints with the same). */
export function clientAuthFor(config: QioskConfig, d: Pick<ServiceDeps, 'secrets' | 'keys' | 'clock'>): ClientAuth {
  const { host, clientId, clientAuth } = config.tenant;
  if (clientAuth === 'client_secret') return clientSecretAuth(clientId, d.secrets);
  if (!d.keys) throw new Error('tenant.clientAuth is "private_key_jwt" but this build wires no key store');
  return privateKeyJwtAuth({ clientId, tokenUrl: `${host}/oauth/token`, keys: d.keys, clock: d.clock });
}
