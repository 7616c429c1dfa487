// What `npm run fake-tenant` tells a person once it listens: the OAuth clients (how each secret is handled, never
// a secret given to it), grants, scopes and allowed origins, the users and apps, and the control routes.
import { DEFAULT_CLIENT_SECRET, type FakeTenantOptions } from './options';

export type SecretSource = 'stdin' | 'config' | 'default';

const SECRET_WORDS: Record<SecretSource, string> = {
  stdin: 'read from stdin, not shown',
  config: 'from the --config file, not shown',
  default: `the fake tenant's published default "${DEFAULT_CLIENT_SECRET}" (test equipment, not a real secret)`,
};

const ROUTES: [string, string][] = [
  ['GET /__fake/log', 'every request so far (ids only: no secrets, no token values)'],
  ['GET /__fake/tokens', 'issued tokens, by id'],
  ['GET|POST /__fake/clock {advanceSec}', 'the fake clock that token expiry follows'],
  ['POST /__fake/revoke {userId|tokenId}', 'revoke tokens, and those exchanged from them'],
  ['GET|POST /__fake/users {id, subject, status}', 'add a user, or disable one'],
  ['GET|POST|DELETE /__fake/faults {path, status|hang, times, …}', 'make requests fail'],
  ['GET /__fake/ws, POST /__fake/ws/close {userId, code}', 'engine websockets; close them'],
  ['POST /__fake/reset', 'back to the start'],
];
export const CONTROL_ROUTES = ROUTES.map(([route, what]) => `${route.padEnd(60)} ${what}`);

export function describeTenant(baseUrl: string, o: FakeTenantOptions, secretSource: SecretSource): string {
  const lines = [`Fake Qlik Cloud tenant at ${baseUrl} — test equipment on loopback, not Qlik.`, 'OAuth clients:'];
  for (const c of o.clients) {
    const source: SecretSource = secretSource === 'default' && c.clientSecret !== DEFAULT_CLIENT_SECRET ? 'config' : secretSource;
    lines.push(
      `  ${c.clientId}`,
      `    secret: ${c.clientSecret === undefined ? 'none (private_key_jwt only)' : SECRET_WORDS[source]}`,
      `    grants: ${c.allowedGrantTypes.join(', ')}; scopes: ${c.allowedScopes.join(', ')}`,
      `    allowed origins: ${c.allowedOrigins.length > 0 ? c.allowedOrigins.join(', ') : 'none — every browser request is refused; for Qiosk pass --allowed-origin http://localhost:47321'}`,
    );
  }
  lines.push('Users (look up by userId or subject):');
  for (const u of o.users) lines.push(`  ${u.id}  ${u.name ?? ''} subject ${u.subject}${u.status === 'active' ? '' : ` (${u.status})`}`);
  lines.push('Apps:');
  for (const a of o.apps) {
    lines.push(`  ${a.id}  "${a.name}": sheets ${a.sheets.join(', ') || '-'}; objects ${a.objects.join(', ') || '-'}; ${a.allowedUserIds ? `users ${a.allowedUserIds.join(', ')}` : 'every user'}`);
  }
  lines.push('Control routes (not Qlik routes; JSON bodies):', ...CONTROL_ROUTES.map((r) => `  ${r}`), 'Stop with Ctrl-C.');
  return lines.join('\n');
}
