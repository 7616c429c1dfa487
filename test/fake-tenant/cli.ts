// Standalone fake tenant: `npm run fake-tenant -- [--port N] [--config file.json] [--allowed-origin URL]...
// [--secret-from-stdin]`. Prints "baseUrl=<url>" once listening, then what it serves (describe.ts); stops
// cleanly on SIGINT/SIGTERM.
// The secret is read from stdin only (never argv, which process lists show) and is never printed.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeTenant, type SecretSource } from './describe';
import { fakeClient, resolveOptions, startFakeTenant, type FakeTenantOverrides } from './index';

const USAGE = `Usage: npm run fake-tenant -- [options]
  --port N               port on 127.0.0.1 (default: a free one)
  --config FILE          JSON file with any fake tenant options (see test/fake-tenant/options.ts)
  --allowed-origin URL   browser origin to allow on every client (repeatable), e.g. http://localhost:47321
  --secret-from-stdin    read the default client's secret from stdin (first line)
  --help                 this text`;

class UsageError extends Error {}

async function readStdinSecret(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin as AsyncIterable<Buffer>) chunks.push(c);
  const secret = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (secret === '') throw new UsageError('--secret-from-stdin: no secret on stdin. Pipe it in, e.g. `printf %s "$SECRET" | npm run fake-tenant -- --secret-from-stdin`.');
  return secret;
}

function readConfig(file: string): FakeTenantOverrides {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--config ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`--config ${file}: not valid JSON.`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError(`--config ${file}: must hold a JSON object.`);
  return data as FakeTenantOverrides;
}

export async function main(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        config: { type: 'string' },
        'allowed-origin': { type: 'string', multiple: true },
        'secret-from-stdin': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options: FakeTenantOverrides = values.config ? readConfig(values.config) : {};
  const secretSource: SecretSource = values['secret-from-stdin'] ? 'stdin' : options.clients || options.clientSecret !== undefined ? 'config' : 'default';
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) throw new UsageError(`--port must be a whole number 0-65535 (got "${values.port}").`);
    options.port = Number(values.port);
  }
  const origins = values['allowed-origin'] ?? [];
  for (const o of origins) {
    if (o !== 'null' && !/^[a-z][a-z0-9+.-]*:\/\/[^/]+$/i.test(o)) {
      throw new UsageError(`--allowed-origin "${o}" must be an origin like http://localhost:47321 (scheme://host[:port], no path) or "null".`);
    }
  }
  if (options.clients) {
    if (values['secret-from-stdin']) {
      throw new UsageError('--secret-from-stdin sets the default client\'s secret, but the config lists "clients": put the secrets there or drop "clients".');
    }
    options.clients = options.clients.map((c) => ({ ...c, allowedOrigins: [...(c.allowedOrigins ?? []), ...origins] }));
  } else {
    const secret = values['secret-from-stdin'] ? await readStdinSecret() : options.clientSecret;
    options.clients = [fakeClient({ allowedOrigins: origins, ...(secret === undefined ? {} : { clientSecret: secret }) })];
    delete options.clientSecret;
  }
  resolveOptions(options, values.config ? `options from --config ${values.config}` : 'options'); // names bad fields early
  const tenant = await startFakeTenant(options);
  const stop = (signal: string) => {
    void tenant.close().then(() => {
      console.log(`fake tenant stopped (${signal})`);
      process.exit(0);
    });
  };
  // Before the address is printed: whoever read it may stop the tenant at once.
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  console.log(`baseUrl=${tenant.baseUrl}`);
  console.log(describeTenant(tenant.baseUrl, tenant.options, secretSource));
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    const usage = e instanceof UsageError;
    const name = e instanceof Error ? e.name : 'Error';
    console.error(`fake-tenant: ${usage || name === 'FakeTenantConfigError' ? (e as Error).message : String(e)}`);
    if (usage) console.error(USAGE);
    process.exit(2);
  });
}
