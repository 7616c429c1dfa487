// The OAuth client's private key for private_key_jwt: made or imported here, kept only in the OS keychain as a
// private JWK (service KEY_SERVICE, account = client id), never printed. Only the public half leaves, for IT to
// register on the OAuth client in the Qlik console. Errors never quote the input (it is a private key).
import { CREDENTIALS } from './secret-store';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';

/** Keychain service of the private key; the account is the OAuth client id (as for the secret). */
export const KEY_SERVICE = CREDENTIALS.key.service;
export const KEY_ALG = 'RS256';
/** Qlik: RSA keys of at least 2048 bits. */
export const MIN_KEY_BITS = 2048;
/** Windows' credential store holds at most 2,560 bytes per item: a 4096-bit private JWK does not fit. */
export const WINDOWS_MAX_STORED_BYTES = 2560;
const PRIVATE_PARTS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

export interface StoredKey {
  jwk: JsonWebKey;
  kid: string;
  bits: number;
  privateKey: KeyObject;
}

const b64url = (b: Buffer) => b.toString('base64url');

/** RFC 7638 thumbprint: the same key always gets the same kid, here and in the Qlik console. */
function thumbprint(jwk: JsonWebKey): string {
  return b64url(createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n })).digest());
}

function storedForm(key: KeyObject, platform: NodeJS.Platform): string {
  const jwk = key.export({ format: 'jwk' });
  const stored = JSON.stringify({ ...jwk, kid: thumbprint(jwk), alg: KEY_ALG });
  if (platform === 'win32' && Buffer.byteLength(stored) > WINDOWS_MAX_STORED_BYTES) {
    throw new TypeError(`The key is too large for the Windows credential store (it holds at most ${WINDOWS_MAX_STORED_BYTES} bytes): use a 2048- or 3072-bit RSA key.`);
  }
  return stored;
}

function checkRsa(key: KeyObject): number {
  if (key.asymmetricKeyType !== 'rsa') {
    throw new TypeError(`This is ${key.asymmetricKeyType ? `an ${key.asymmetricKeyType.toUpperCase()}` : 'not an RSA'} key; Qlik's private_key_jwt needs an RSA key of at least ${MIN_KEY_BITS} bits.`);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_KEY_BITS) throw new TypeError(`The RSA key has ${bits} bits; Qlik needs at least ${MIN_KEY_BITS}. Generate a new one (key generate).`);
  return bits;
}

/** A new RSA key pair; returns the private JWK as stored. */
export function generateClientKey(bits = MIN_KEY_BITS, platform: NodeJS.Platform = process.platform): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
  return storedForm(privateKey, platform);
}

/** An existing private key as IT has it: PEM (PKCS#8 or PKCS#1) or a private JWK. Returns the stored form. */
export function importClientKey(text: string, platform: NodeJS.Platform = process.platform): string {
  const body = text.trim();
  if (body === '') throw new TypeError('No key on stdin. Pipe the private key in (PEM or JWK).');
  if (/ENCRYPTED/.test(body)) throw new TypeError('The key is protected by a passphrase. Decrypt it first (e.g. `openssl pkey -in key.pem -out plain.pem`) and pipe that in.');
  if (/BEGIN (?:RSA )?PUBLIC KEY|BEGIN CERTIFICATE/.test(body)) throw new TypeError('This is a public key or a certificate. Import the private key; Qiosk prints the public half for the Qlik console with key show-public.');
  let key: KeyObject;
  try {
    if (body.startsWith('{')) {
      const jwk = JSON.parse(body) as JsonWebKey;
      if (jwk.kty === 'RSA' && jwk.d === undefined) throw new TypeError('This JWK has no private part ("d"). Import the private key; Qiosk prints the public half with key show-public.');
      key = createPrivateKey({ key: jwk, format: 'jwk' });
    } else if (body.startsWith('-----BEGIN')) {
      key = createPrivateKey({ key: body, format: 'pem' });
    } else {
      throw new TypeError('stdin holds neither a PEM private key (-----BEGIN PRIVATE KEY-----) nor a JWK ({ … }).');
    }
  } catch (e) {
    if (e instanceof TypeError && !('code' in e)) throw e;
    throw new TypeError('The private key could not be read (not valid PEM or JWK). Pipe the whole key file, unchanged.');
  }
  checkRsa(key);
  return storedForm(key, platform);
}

/** The stored form back as a usable key; throws a TypeError (never quoting it) when it is not one. */
export function parseStoredKey(stored: string): StoredKey {
  let jwk: JsonWebKey;
  let privateKey: KeyObject;
  try {
    jwk = JSON.parse(stored) as JsonWebKey;
    privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  } catch {
    throw new TypeError('The stored key is not a private JWK.');
  }
  const bits = checkRsa(privateKey);
  return { jwk, kid: thumbprint(jwk), bits, privateKey };
}

/** The public half, as IT registers it on the OAuth client in the Qlik console. */
export function publicJwk(stored: string): { kty: 'RSA'; n: string; e: string; kid: string; alg: string; use: 'sig' } {
  const { privateKey, kid } = parseStoredKey(stored);
  const pub = createPublicKey(privateKey).export({ format: 'jwk' });
  return { kty: 'RSA', n: pub.n!, e: pub.e!, kid, alg: KEY_ALG, use: 'sig' };
}

/** The private parts, each masked in logs on its own (a leak of one of them is a leak of the key). */
export function jwkSensitiveValues(jwk: JsonWebKey): string[] {
  return PRIVATE_PARTS.map((k) => jwk[k]).filter((v): v is string => typeof v === 'string' && v.length > 0);
}
