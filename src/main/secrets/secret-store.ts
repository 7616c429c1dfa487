import { adminCommand } from '../admin/cli-command';

// The typed failures of the keychain-backed SecretStore (port in core/ports.ts). Every message tells an
// admin what to do next and names the client id, never the secret: the client id is public in OAuth.

/** Fixed keychain service name; the account is the OAuth client id. */
export const KEYCHAIN_SERVICE = 'qiosk.qlik-oauth-client-secret';

/** What the keychain holds for an OAuth client: its secret, or (private_key_jwt) its private key. */
export type CredentialKind = 'secret' | 'key';
export const CREDENTIALS: Record<CredentialKind, { service: string; words: string }> = {
  secret: { service: KEYCHAIN_SERVICE, words: 'the Qlik OAuth client secret' },
  // Kept here rather than imported from client-key.ts so the store's messages need no crypto code.
  key: { service: 'qiosk.qlik-oauth-client-key', words: "the Qlik OAuth client's private key" },
};

export type SecretStoreErrorCode = 'keychain_unavailable' | 'keychain_locked' | 'secret_missing' | 'keychain_error';

export type SecretOperation = 'get' | 'set' | 'delete';

/** Why the keychain is unavailable; selects the fix the message gives. */
export type UnavailableReason =
  | 'no_session_bus' // no DBUS_SESSION_BUS_ADDRESS and autolaunch failed
  | 'bus_unreachable' // DBUS_SESSION_BUS_ADDRESS points at nothing
  | 'no_provider' // no org.freedesktop.secrets on the bus
  | 'no_default_keyring' // provider runs but has no default ("login") collection
  | 'no_keychain' // macOS/Windows: keychain not found
  | 'module_unavailable'; // the native keytar module failed to load

export interface SecretStoreErrorDetails {
  operation: SecretOperation;
  /** The OAuth client id. */
  account: string;
  /** The keychain's own message (never contains the secret; the adapter masks it defensively). */
  detail?: string;
  reason?: UnavailableReason;
  platform?: NodeJS.Platform;
  credential?: CredentialKind;
  cause?: unknown;
}


/** The shell command an admin runs to store the secret (read from stdin only, see secrets/run-secret-cli.ts). */
export function storeSecretCommand(clientId: string): string {
  return `${adminCommand()} secret set --client-id ${clientId}`;
}

/** The shell command that prints the public key to register on the OAuth client. */
export function showPublicKeyCommand(clientId: string): string {
  return `${adminCommand()} key show-public --client-id ${clientId}`;
}

/** The shell command an admin runs to make the client's key pair in the keychain (private_key_jwt). */
export function generateKeyCommand(clientId: string): string {
  return `${adminCommand()} key generate --client-id ${clientId}`;
}

const NO_FALLBACK = 'Qiosk keeps the client secret only in the OS keychain and never falls back to a file.';

function unavailableFix(reason: UnavailableReason | undefined, platform: NodeJS.Platform): string {
  switch (reason) {
    case 'no_session_bus':
      return 'No desktop session was found (no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is unset and could not be autolaunched), so there is no login keychain. Run this as the kiosk user inside their desktop login session (e.g. a terminal in it, or `sudo -u <kiosk user> env DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/<uid>/bus …` while they are logged in), where the login keyring is unlocked. A machine with no desktop has no keychain for Qiosk; to try Qiosk there, `npm run demo` brings its own throwaway keychain.';
    case 'bus_unreachable':
      return 'DBUS_SESSION_BUS_ADDRESS points at a D-Bus session bus that does not answer. Start Qiosk from the live desktop session (or fix/unset the stale DBUS_SESSION_BUS_ADDRESS).';
    case 'no_provider':
      return 'The D-Bus session has no Secret Service provider (org.freedesktop.secrets). Install and run one, e.g. `apt-get install gnome-keyring` (or KeePassXC/KWallet with Secret Service enabled).';
    case 'no_default_keyring':
      return 'The Secret Service is running but has no default "login" keyring. Create and unlock one: log in through a session that unlocks it (libpam-gnome-keyring), or run `gnome-keyring-daemon --unlock --components=secrets` and type the keyring password on stdin.';
    case 'module_unavailable':
      return platform === 'linux'
        ? 'The native keychain module (keytar) could not be loaded: install libsecret (`apt-get install libsecret-1-0`) and reinstall Qiosk.'
        : 'The native keychain module (keytar) could not be loaded: reinstall Qiosk.';
    case 'no_keychain':
      return 'No default keychain was found. On macOS create or select a login keychain in Keychain Access.';
    default:
      return platform === 'linux'
        ? 'On Linux a Secret Service provider (e.g. gnome-keyring) and a D-Bus session bus are required.'
        : 'Check that the OS keychain (macOS Keychain, Windows Credential Manager) is available to this user.';
  }
}

function lockedFix(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Unlock the login keychain (Keychain Access, or `security unlock-keychain`), then retry.';
  if (platform === 'win32') return 'Sign in to the Windows account that owns the credential store, then retry.';
  return 'Unlock the login keyring (log in through a session that unlocks it, open "Passwords and Keys" and unlock "Login", or run `gnome-keyring-daemon --unlock`), then retry.';
}

function messageFor(code: SecretStoreErrorCode, d: SecretStoreErrorDetails): string {
  const kind = CREDENTIALS[d.credential ?? 'secret'];
  const who = `${kind.words} for client id "${d.account}"`;
  const said = d.detail ? ` (keychain said: ${d.detail})` : '';
  const platform = d.platform ?? process.platform;
  switch (code) {
    case 'secret_missing':
      if (d.credential === 'key') return `No private key for Qlik OAuth client id "${d.account}" is stored in the OS keychain (service "${kind.service}"). Make one with ${generateKeyCommand(d.account)} and register the public key it prints on the OAuth client in the Qlik console, or import yours with key import.`;
      return `No Qlik OAuth client secret is stored in the OS keychain for client id "${d.account}" (service "${KEYCHAIN_SERVICE}"). Store it with the secret CLI, which reads it from stdin: ${storeSecretCommand(d.account)}`;
    case 'keychain_unavailable':
      return `The OS keychain is unavailable, so Qiosk cannot ${d.operation} ${who}${said}. ${unavailableFix(d.reason, platform)} ${NO_FALLBACK}`;
    case 'keychain_locked':
      return `The OS keychain is locked, so Qiosk cannot ${d.operation} ${who}${said}. ${lockedFix(platform)}`;
    case 'keychain_error':
      return `The OS keychain failed to ${d.operation} ${who}${said}. Check that the keychain service is running and retry. ${NO_FALLBACK}`;
  }
}

/** Qlik's client secrets are long random strings; anything this short is a typo or a placeholder. */
export const MIN_SECRET_LENGTH = 16;

/** What makes a value unusable as a client secret, in words for IT (never quoting it), or undefined. */
export function secretProblem(value: string): string | undefined {
  if (value.length < MIN_SECRET_LENGTH) return `The client secret is too short to be a real one (under ${MIN_SECRET_LENGTH} characters). Copy the whole secret from the Qlik console.`;
  if (value.includes('\uFEFF')) return 'The client secret contains a byte-order mark (BOM), usually from a file saved by a Windows editor. Save the file as UTF-8 without BOM, or paste the secret.';
  if (value.includes('\uFFFD') || /[\uD800-\uDFFF]/.test(value.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) return 'The client secret is not valid UTF-8 text. Pipe the secret itself, as UTF-8 text.';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return 'The client secret contains control characters (NUL, tabs, escape codes…). Pipe only the secret itself.';
  return undefined;
}

/** Trims trailing line breaks and refuses anything that cannot be a real secret, rather than storing it. */
export function normaliseSecret(secret: unknown): string {
  if (typeof secret !== 'string') throw new TypeError('The client secret must be a string.');
  const value = secret.replace(/[\r\n]+$/, '');
  if (value.trim() === '') {
    throw new TypeError('The client secret is empty. Provide the secret itself (the CLI reads it from stdin).');
  }
  if (/[\r\n]/.test(value)) {
    throw new TypeError(
      'The client secret spans several lines. An OAuth client secret is one line: pipe only the secret, not a whole file of settings.',
    );
  }
  const problem = secretProblem(value);
  if (problem) throw new TypeError(problem);
  return value;
}

export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';
  readonly code: SecretStoreErrorCode;
  readonly operation: SecretOperation;
  readonly account: string;
  readonly reason: UnavailableReason | undefined;

  constructor(code: SecretStoreErrorCode, details: SecretStoreErrorDetails) {
    super(messageFor(code, details), details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.operation = details.operation;
    this.account = details.account;
    this.reason = details.reason;
  }
}

export function isSecretStoreError(e: unknown): e is SecretStoreError {
  return e instanceof SecretStoreError;
}
