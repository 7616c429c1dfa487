import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateClientKey, importClientKey, jwkSensitiveValues, parseStoredKey, publicJwk, WINDOWS_MAX_STORED_BYTES } from '../../../../src/main/secrets/client-key';

const rsa = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits });

describe('the OAuth client key', () => {
  it('generates a 2048-bit RSA private JWK with a thumbprint kid, whose public half carries no private part', () => {
    const stored = generateClientKey();
    const key = parseStoredKey(stored);
    expect([key.bits, key.jwk.kty, JSON.parse(stored).alg]).toEqual([2048, 'RSA', 'RS256']);
    const pub = publicJwk(stored);
    expect(Object.keys(pub).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(pub.kid).toBe(key.kid);
    expect(jwkSensitiveValues(key.jwk)).toHaveLength(6);
    for (const part of jwkSensitiveValues(key.jwk)) expect(JSON.stringify(pub)).not.toContain(part);
    // The same key always gets the same kid (RFC 7638), so re-importing it matches the Qlik console.
    expect(parseStoredKey(importClientKey(stored)).kid).toBe(key.kid);
  });

  it.each<[string, () => string]>([
    ['PKCS#8 PEM', () => rsa(2048).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string],
    ['PKCS#1 PEM', () => rsa(2048).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string],
    ['private JWK', () => JSON.stringify(rsa(3072).privateKey.export({ format: 'jwk' }))],
  ])('imports a %s', (_name, text) => {
    expect(parseStoredKey(importClientKey(`${text()}\n`)).jwk.kty).toBe('RSA');
  });

  it.each<[string, () => string, RegExp]>([
    ['a public key', () => rsa(2048).publicKey.export({ type: 'spki', format: 'pem' }) as string, /public key or a certificate/],
    ['a public JWK', () => JSON.stringify(rsa(2048).publicKey.export({ format: 'jwk' })), /no private part/],
    ['an RSA key under 2048 bits', () => rsa(1024).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, /has 1024 bits; Qlik needs at least 2048/],
    ['an EC key', () => generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, /an EC key; Qlik's private_key_jwt needs an RSA key/],
    ['a passphrase-protected key', () => rsa(2048).privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' }) as string, /passphrase/],
    ['a damaged PEM', () => '-----BEGIN PRIVATE KEY-----\nQ0FOQVJZ\n-----END PRIVATE KEY-----', /could not be read/],
    ['something else', () => 'CANARY-not-a-key', /neither a PEM private key/],
  ])('refuses %s, saying what to do and never quoting it', (_name, text, reason) => {
    const input = text();
    let message = '';
    try {
      importClientKey(input);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(reason);
    for (const line of input.split('\n').filter((l) => l.length > 8 && !l.startsWith('-----'))) expect(message).not.toContain(line.slice(0, 16));
  });

  it('refuses a key too large for the Windows credential store there, and keeps it elsewhere', () => {
    const pem = rsa(4096).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(() => importClientKey(pem, 'win32')).toThrow(`at most ${WINDOWS_MAX_STORED_BYTES} bytes`);
    expect(parseStoredKey(importClientKey(pem, 'linux')).bits).toBe(4096);
  });
});
