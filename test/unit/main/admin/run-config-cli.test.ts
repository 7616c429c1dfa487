import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { hashPin, isPinHash, verifyPin } from '../../../../src/main/admin/pin';
import { CONFIG_EXIT, runConfigCli, runPinCli, STARTUP_SCREEN_TITLE, type ConfigCliData } from '../../../../src/main/admin/run-config-cli';
import type { CliStdin } from '../../../../src/main/secrets/run-secret-cli';
import { statusView } from '../../../../src/renderer/status-view';
import { trustedPolicy } from '../config/helpers';

const GOOD = JSON.stringify({
  tenant: { host: 'https://acme.eu.qlikcloud.com', clientId: '0123456789abcdef0123456789abcdef' },
  identity: { mode: 'os-user', template: '{username}@corp.example' },
  content: { embeds: [{ ui: 'analytics/sheet', appId: 'a1b2c3d4-0000-4000-8000-000000000001', sheetId: 'abc' }] },
});
const BAD = JSON.stringify({ tenant: { host: 'http://acme' }, identity: { mode: 'os-user', template: 'x' }, content: { embeds: [] } });
const POLICY = JSON.stringify({ enforced: { ...JSON.parse(GOOD), tenant: { host: 'https://policy.eu.qlikcloud.com', clientId: 'fedcba9876543210fedcba9876543210' } } });

async function run(argv: string[], files: Record<string, string> = {}, stdin: CliStdin = Readable.from([])) {
  let out = '';
  let err = '';
  let data: ConfigCliData | undefined;
  // `pin set` here as `hash-pin`, to keep the rows short.
  const runner = argv[0] === 'hash-pin' ? (io: Parameters<typeof runPinCli>[0]) => runPinCli({ ...io, argv: ['set', ...argv.slice(1)] }) : (io: Parameters<typeof runConfigCli>[0]) => runConfigCli(io, (d) => (data = d));
  const code = await runner({
    argv, stdin, stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) },
    deps: {
      platform: 'linux', env: {}, homedir: '/home/kiosk',
      readFile: (p) => (Object.hasOwn(files, p) ? files[p]! : Promise.reject(Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' }))),
      policy: trustedPolicy(files),
    },
  });
  return { code, out, err, data };
}

describe('config validate and show: what the kiosk would report, without Electron', () => {
  it('a good file: valid, with what the kiosk would show (and never a secret to check here)', async () => {
    const r = await run(['validate', '/etc/qiosk/config.json'], { '/etc/qiosk/config.json': GOOD });
    expect(r.code).toBe(CONFIG_EXIT.ok);
    expect(r.out).toMatch(/^\/etc\/qiosk\/config\.json: valid\./);
    expect(r.out).toContain('https://acme.eu.qlikcloud.com');
    expect(r.out).toContain('policy      none on this machine');
    expect(r.err).toBe('');
  });

  it('a bad file: every problem with its fix, as the log lists them, exit 1', async () => {
    const r = await run(['validate', 'c.json'], { 'c.json': BAD });
    expect(r.code).toBe(CONFIG_EXIT.invalid);
    expect(r.err).toMatch(/invalid \(4 problems\)/);
    for (const path of ['tenant.host', 'tenant.clientId', 'identity.template', 'content.embeds']) expect(r.err).toContain(`c.json: ${path}:`);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a file that is not there: says so, with the minimal example', async () => {
    const r = await run(['validate', 'nowhere.json']);
    expect(r.code).toBe(CONFIG_EXIT.invalid);
    expect(r.err).toMatch(/nowhere\.json: no configuration file here/);
    expect(r.err).toContain('A minimal configuration');
  });

  it('the machine policy applies as at start-up: it fills and overrides the file', async () => {
    const r = await run(['validate', 'c.json', '--policy', '/etc/qiosk/policy.json'], { 'c.json': GOOD, '/etc/qiosk/policy.json': POLICY });
    expect(r.code).toBe(CONFIG_EXIT.ok);
    expect(r.out).toContain('https://policy.eu.qlikcloud.com');
    expect(r.out).toMatch(/policy\s+\/etc\/qiosk\/policy\.json is in force; it overrides \d+ value\(s\)/);
  });

  it('--packaged checks as an installed Qiosk: without a policy it says what IT must install, and which screen the kiosk shows', async () => {
    const r = await run(['validate', 'c.json', '--packaged'], { 'c.json': GOOD });
    expect(r.code).toBe(CONFIG_EXIT.invalid);
    expect(r.err).toContain('/etc/qiosk/policy.json: there is no machine policy here, and an installed Qiosk starts only with one');
    expect(r.err).toContain('The kiosk would show "This screen is not set up yet" and write these lines to its log.');
  });

  it('--packaged: a policy without allowedTenantHosts is refused; with them it is valid, and says how it was checked', async () => {
    const missing = await run(['validate', 'c.json', '--packaged'], { 'c.json': GOOD, '/etc/qiosk/policy.json': POLICY });
    expect(missing.err).toMatch(/policy\.json: allowedTenantHosts: is missing; an installed Qiosk starts only when the policy lists the tenant hosts/);
    const complete = JSON.stringify({ ...JSON.parse(POLICY), allowedTenantHosts: ['policy.eu.qlikcloud.com'] });
    const ok = await run(['validate', 'c.json', '--packaged'], { 'c.json': GOOD, '/etc/qiosk/policy.json': complete });
    expect(ok.code).toBe(CONFIG_EXIT.ok);
    expect(ok.out).toContain('checked as  an installed Qiosk (--packaged)');
  });

  it('without --packaged: development rules, and the summary says what an installed Qiosk would also need', async () => {
    const r = await run(['validate', 'c.json'], { 'c.json': GOOD });
    expect(r.out).toMatch(/checked as {2}development and the demo run \(an installed Qiosk also needs a policy with allowedTenantHosts: add --packaged\)/);
    expect((await run(['validate', 'c.json'], { 'c.json': BAD })).err).toContain('The kiosk would show "This screen is not set up correctly"');
  });

  it('names the screens as the kiosk words them', () => {
    for (const [code, title] of Object.entries(STARTUP_SCREEN_TITLE)) expect(statusView(`?code=${code}`).title).toBe(title);
  });

  it.each([
    [[], /Say what to do: validate or show/],
    [['frob'], /Unknown command "frob": the commands are validate and show/],
    [['validate', 'a', 'b'], /reads one file/],
    [['validate', 'a', '--nope'], /Unknown option '--nope'/],
  ])('usage error %j: says what is wrong and how to call it, exit 2', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(CONFIG_EXIT.usage);
    expect(r.err).toMatch(message);
    expect(r.err).toContain('Usage: npm run admin -- config validate [config.json]');
  });

  it('without a file, reads this user\'s config where the kiosk would', async () => {
    const r = await run(['validate'], { '/home/kiosk/.config/qiosk/config.json': GOOD });
    expect([r.code, r.out.split('\n')[0]]).toEqual([CONFIG_EXIT.ok, '/home/kiosk/.config/qiosk/config.json: valid. The kiosk would start with:']);
  });

  it('show: each effective value with its source: default, recommended, user or enforced; the PIN hash only as "(set)"', async () => {
    const user = JSON.stringify({ broker: { timeoutMs: 5000 } });
    const policy = JSON.stringify({
      recommended: { supervisor: { memoryCeilingMb: 2048 }, broker: { timeoutMs: 9000 } },
      enforced: { ...JSON.parse(GOOD), tenant: { ...JSON.parse(GOOD).tenant, host: 'https://policy.eu.qlikcloud.com' }, admin: { pinHash: await hashPin('493817') } },
    });
    const r = await run(['show', 'c.json'], { 'c.json': user, '/etc/qiosk/policy.json': policy });
    expect([r.code, r.err]).toEqual([CONFIG_EXIT.ok, '']);
    const of = (path: string) => r.data?.values.find((v) => v.path === path);
    expect(of('tenant.host')).toEqual({ path: 'tenant.host', value: 'https://policy.eu.qlikcloud.com', source: 'enforced', file: '/etc/qiosk/policy.json' });
    expect(of('broker.timeoutMs')).toEqual({ path: 'broker.timeoutMs', value: 5000, source: 'user', file: 'c.json' });
    expect(of('supervisor.memoryCeilingMb')).toMatchObject({ value: 2048, source: 'recommended' });
    expect(of('supervisor.heartbeatSeconds')).toEqual({ path: 'supervisor.heartbeatSeconds', value: 5, source: 'default' });
    expect(of('admin.pinHash')).toMatchObject({ value: '(set)', source: 'enforced' });
    expect(r.out).toMatch(/^tenant\.host +"https:\/\/policy\.eu\.qlikcloud\.com" +\(enforced: \/etc\/qiosk\/policy\.json\)$/m);
    expect(r.out).not.toMatch(/\$scrypt|pinHash +"[^(]/);
  });
});

/** A terminal: each line is typed once the CLI listens (raw mode, nothing echoed). */
function terminal(lines: string[]): CliStdin & { setRawMode: ReturnType<typeof vi.fn> } {
  const t = Object.assign(new EventEmitter(), {
    isTTY: true,
    setRawMode: vi.fn(),
    pause: vi.fn(),
    resume: vi.fn(() => {
      const line = lines.shift();
      if (line !== undefined) queueMicrotask(() => t.emit('data', Buffer.from(line)));
    }),
  });
  return t as unknown as CliStdin & { setRawMode: ReturnType<typeof vi.fn> };
}

describe('pin set: the admin PIN\'s hash for the machine policy, the PIN from stdin only', () => {
  const PIN = '493817';

  it('piped: prints the hash alone on stdout (it verifies the PIN), and where it goes on stderr; never the PIN', async () => {
    const r = await run(['hash-pin'], {}, Readable.from([`${PIN}\n`]));
    expect(r.code).toBe(CONFIG_EXIT.ok);
    const hash = r.out.trim();
    expect(r.out).toBe(`${hash}\n`);
    expect(isPinHash(hash)).toBe(true);
    expect(await verifyPin(PIN, hash)).toBe(true);
    expect(r.err).toContain('Put that line in the machine policy (/etc/qiosk/policy.json), under "enforced": { "admin": { "pinHash": "<the line>" } }');
    expect(`${r.out}${r.err}`).not.toContain(PIN);
  });

  it('in a terminal: typed twice, not echoed', async () => {
    const stdin = terminal([`${PIN}\r`, `${PIN}\r`]);
    const r = await run(['hash-pin'], {}, stdin);
    expect(r.code).toBe(CONFIG_EXIT.ok);
    expect(await verifyPin(PIN, r.out.trim())).toBe(true);
    expect(stdin.setRawMode.mock.calls).toEqual([[true], [false], [true], [false]]);
    expect(r.err).not.toContain(PIN);
  });

  it.each<[string, string[] | string, RegExp, number]>([
    ['two different PINs typed', [`${PIN}\r`, '493818\r'], /: the two PINs differ; no hash was made/, CONFIG_EXIT.invalid],
    ['a bad PIN typed: told at once, not asked again', ['1234\r'], /: the PIN must have 6 to 12 digits \(it has 4\); no hash was made\.$/m, CONFIG_EXIT.invalid],
    ['Ctrl+C at the prompt', ['\u0003'], /: cancelled; no hash was made/, CONFIG_EXIT.cancelled],
    ['nothing piped', '', /no PIN on stdin/, CONFIG_EXIT.usage],
    ['a run piped', '123456\n', /must not be one digit repeated or a run.*; no hash was made/, CONFIG_EXIT.invalid],
    ['letters piped', 'secret\n', /digits only/, CONFIG_EXIT.invalid],
    ['more than one line piped', `${PIN}\n${PIN}\n`, /more than one line/, CONFIG_EXIT.invalid],
  ])('%s: refused, no hash', async (_, input, message, code) => {
    const r = await run(['hash-pin'], {}, typeof input === 'string' ? Readable.from([input]) : terminal(input));
    expect(r.code).toBe(code);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
  });

  it.each([[['hash-pin', PIN]], [['hash-pin', `--pin=${PIN}`]], [['hash-pin', `--${PIN}`]]])('refuses the PIN on the command line %j, without echoing it', async (argv) => {
    const r = await run(argv, {}, Readable.from([`${PIN}\n`]));
    expect(r.code).toBe(CONFIG_EXIT.usage);
    expect(r.err).toMatch(/the PIN is never an argument/);
    expect(r.err).not.toContain(PIN);
    expect(r.out).toBe('');
  });
});
