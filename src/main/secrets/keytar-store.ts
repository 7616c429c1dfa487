// SecretStore adapter over keytar (libsecret on Linux, Keychain on macOS, Credential Manager on Windows).
// Fails closed: every keychain failure becomes a typed SecretStoreError; there is no file fallback.
import type { SecretStore } from '../core/ports';
import {
  CREDENTIALS,
  normaliseSecret,
  type CredentialKind,
  SecretStoreError,
  type SecretOperation,
  type SecretStoreErrorCode,
  type UnavailableReason,
} from './secret-store';

/** The part of the keytar module the store uses (keytar or `@napi-rs/keyring/keytar` fit). */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarStoreOptions {
  /** Selects the platform-specific fix in error messages; defaults to process.platform. */
  platform?: NodeJS.Platform;
  /** Which credential the store holds (its keychain service and the words of its messages); default the secret. */
  credential?: CredentialKind;
}

/** A non-secret item written (then deleted) to tell "missing" from "locked or no keyring" apart. */
export const PROBE_SERVICE = 'qiosk.keychain-probe';
export const PROBE_ACCOUNT = 'writable-check';
const PROBE_VALUE = 'not-a-secret';

type Failure = { code: Exclude<SecretStoreErrorCode, 'secret_missing'>; reason?: UnavailableReason };

// Messages measured with libsecret 0.20 + gnome-keyring 42 (see test/integration/secrets); the macOS
// ones are Security.framework's texts for errSecInteractionNotAllowed / errSecNoDefaultKeychain.
const RULES: ReadonlyArray<readonly [RegExp, Failure]> = [
  [/Cannot autolaunch D-Bus|Error spawning command line .*dbus-launch/i, { code: 'keychain_unavailable', reason: 'no_session_bus' }],
  [/Could not connect\b/i, { code: 'keychain_unavailable', reason: 'bus_unreachable' }],
  [/not provided by any \.service files|org\.freedesktop\.DBus\.Error\.ServiceUnknown/i, { code: 'keychain_unavailable', reason: 'no_provider' }],
  [/Object does not exist at path .*\/org\/freedesktop\/secrets\/(?:collection|aliases)\/|The collection does not exist/i, { code: 'keychain_unavailable', reason: 'no_default_keyring' }],
  [/\blocked (?:collection|object|item)\b|Secret\.Error\.IsLocked|User interaction is not allowed/i, { code: 'keychain_locked' }],
  [/keychain could not be found/i, { code: 'keychain_unavailable', reason: 'no_keychain' }],
];

export function classifyKeychainFailure(message: string): Failure {
  for (const [pattern, failure] of RULES) if (pattern.test(message)) return failure;
  return { code: 'keychain_error' };
}

const MAX_DETAIL = 300;

function describeFailure(e: unknown, secrets: readonly string[]): string {
  let text = e instanceof Error ? e.message : String(e);
  // libsecret never echoes the password, but a message is shown to admins and logged: mask it anyway.
  for (const s of secrets) if (s) text = text.split(s).join('[redacted]');
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}

function assertAccount(account: unknown): asserts account is string {
  if (typeof account !== 'string' || account.trim() === '') {
    throw new TypeError(
      'The keychain account (the Qlik OAuth client id) is empty. Set the OAuth client id in the Qiosk configuration, or pass --client-id <id> to the secret CLI.',
    );
  }
  if (account !== account.trim()) {
    throw new TypeError(`The Qlik OAuth client id "${account.trim()}" has leading or trailing whitespace; remove it.`);
  }
}

/**
 * `keytar`: the module, or a loader called on first use (default: require('keytar')). A module that fails
 * to load (libsecret missing, wrong ABI) makes every call fail as keychain_unavailable, never silently.
 */
export function createKeytarStore(
  keytar: KeytarLike | (() => KeytarLike) = loadKeytar,
  options: KeytarStoreOptions = {},
): SecretStore {
  const platform = options.platform ?? process.platform;
  const credential = options.credential ?? 'secret';
  const service = CREDENTIALS[credential].service;
  let loaded: KeytarLike | undefined = typeof keytar === 'function' ? undefined : keytar;
  const load = typeof keytar === 'function' ? keytar : () => keytar;

  function keytarFor(operation: SecretOperation, account: string): KeytarLike {
    if (loaded) return loaded;
    try {
      loaded = load();
      return loaded;
    } catch (e) {
      const detail = describeFailure(e, []);
      throw new SecretStoreError('keychain_unavailable', { operation, account, detail, platform, credential, reason: 'module_unavailable', cause: e });
    }
  }

  async function call<T>(operation: SecretOperation, account: string, fn: () => Promise<T>, secrets: string[] = []): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const detail = describeFailure(e, secrets);
      const { code, reason } = classifyKeychainFailure(detail);
      throw new SecretStoreError(code, { operation, account, detail, platform, credential, ...(reason ? { reason } : {}) });
    }
  }

  // libsecret answers null (get) or false (delete) both for a truly absent item and for one in a locked
  // collection or when no default keyring exists. Writing a non-secret probe item tells them apart: it
  // fails with "locked collection" / "Object does not exist …/collection/login" in those cases.
  async function confirmUsable(operation: SecretOperation, account: string): Promise<void> {
    const kt = keytarFor(operation, account);
    await call(operation, account, () => kt.setPassword(PROBE_SERVICE, PROBE_ACCOUNT, PROBE_VALUE));
    await Promise.resolve()
      .then(() => kt.deletePassword(PROBE_SERVICE, PROBE_ACCOUNT))
      .catch(() => false); // a leftover probe item is harmless
  }

  return {
    async get(account) {
      assertAccount(account);
      const kt = keytarFor('get', account);
      const secret = await call('get', account, () => kt.getPassword(service, account));
      if (typeof secret === 'string' && secret !== '') return secret;
      await confirmUsable('get', account);
      throw new SecretStoreError('secret_missing', { operation: 'get', account, platform, credential });
    },

    async set(account, secret) {
      assertAccount(account);
      // A key arrives already checked and in its stored form (client-key.ts); a secret is checked here.
      const value = credential === 'secret' ? normaliseSecret(secret) : secret;
      const kt = keytarFor('set', account);
      await call('set', account, () => kt.setPassword(service, account, value), [value, secret]);
    },

    async delete(account) {
      assertAccount(account);
      const kt = keytarFor('delete', account);
      const deleted = await call('delete', account, () => kt.deletePassword(service, account));
      if (!deleted) await confirmUsable('delete', account);
      return deleted;
    },
  };
}

/** The real native module; loaded on first use so fakes (unit tests) and `--help` never need it. */
function loadKeytar(): KeytarLike {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- keytar is a CommonJS native addon
  return require('keytar') as KeytarLike;
}
