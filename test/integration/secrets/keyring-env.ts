// Shared plumbing for the real-keychain tests: the run/skip/fail gate, child processes that run the
// store in a D-Bus session of their own, and the "canary written nowhere" file scan.
import { spawn } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'vitest';

export const REPO = resolve(__dirname, '../../..');
export const STORE_CHILD = join(__dirname, 'store-child.ts');
export const RUN_HINT = 'bash scripts/with-keyring.sh npx vitest run test/integration/secrets';

/**
 * Runs the suite only inside scripts/with-keyring.sh (QIOSK_KEYRING=1). Without it the suite fails on CI,
 * which must run it, and is skipped elsewhere with a message saying how to run it.
 */
export function describeWithKeyring(name: string, body: () => void): void {
  if (process.env.QIOSK_KEYRING === '1') {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      it('needs a real keychain (QIOSK_KEYRING=1)', () => {
        throw new Error(`CI must run the keychain tests against a real gnome-keyring: ${RUN_HINT}`);
      });
    });
  } else {
    console.warn(`[secrets] SKIPPED "${name}": no private keychain. Run: ${RUN_HINT}`);
    describe.skip(`${name} (skipped: run via ${RUN_HINT})`, body);
  }
}

/** A fresh dir under the with-keyring root (removed with it) or, outside it, under the OS temp dir. */
export function tempDir(prefix: string): string {
  const base = process.env.QIOSK_KEYRING_ROOT ?? tmpdir();
  return mkdtempSync(join(base, `${prefix}-`));
}

/** XDG dirs for a child keyring of its own, so it never shares state with the suite's keyring. */
export function privateXdg(root: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    XDG_DATA_HOME: join(root, 'data'),
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_CACHE_HOME: join(root, 'cache'),
    XDG_RUNTIME_DIR: join(root, 'runtime'),
  };
  for (const dir of Object.values(env)) mkdirSync(dir as string, { recursive: true, mode: 0o700 });
  return env;
}

/** The environment with every route to an existing bus or keyring daemon removed. */
export function isolatedEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const k of ['DBUS_SESSION_BUS_ADDRESS', 'GNOME_KEYRING_CONTROL', 'DISPLAY', 'WAYLAND_DISPLAY']) {
    if (!(k in extra)) delete env[k];
  }
  return env;
}

export interface Exec {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function exec(cmd: string, args: string[], opts: { env: NodeJS.ProcessEnv; input?: string; cwd?: string }): Promise<Exec> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { env: opts.env, cwd: opts.cwd ?? REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** `node --import tsx <file>`: runs a TS child without npx (which would touch ~/.npm). */
export const TSX = [process.execPath, '--import', 'tsx'] as const;

export type StoreOp = { op: 'get' } | { op: 'delete' } | { op: 'set'; value: string };
export type StoreResult = { op: string; ok: true; value: unknown } | { op: string; ok: false; code: string; reason?: string; message: string };

/** Runs store-child.ts with the plan on stdin; `wrap` puts it inside e.g. a dbus-run-session. */
export async function runStoreChild(
  account: string,
  ops: StoreOp[],
  env: NodeJS.ProcessEnv,
  wrap: (cmd: string) => [string, string[]] = (cmd) => ['sh', ['-c', cmd]],
): Promise<StoreResult[]> {
  const [cmd, args] = wrap(`${TSX.map((a) => `'${a}'`).join(' ')} '${STORE_CHILD}'`);
  const r = await exec(cmd, args, { env, input: JSON.stringify({ account, ops }) });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULTS '));
  if (!line) throw new Error(`store child gave no results (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line.slice('RESULTS '.length)) as StoreResult[];
}

const SECRETS_PID =
  'dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus ' +
  'org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk \'{print $NF}\'';

/**
 * Wraps a command in its own dbus-run-session. `daemon`: 'unlock' starts gnome-keyring unlocking (or
 * creating) the login keyring with `password`; 'no-unlock' starts it without a password; 'activate' starts
 * nothing (D-Bus activates gnome-keyring on first use, with no login keyring). Afterwards the daemon is
 * stopped by the pid the bus reports, as one that outlives its bus would linger.
 */
export function inOwnSession(daemon: 'unlock' | 'no-unlock' | 'activate', password = '', busConfig?: string) {
  const start =
    daemon === 'unlock'
      ? `printf %s '${password}' | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null`
      : daemon === 'no-unlock'
        ? 'gnome-keyring-daemon --components=secrets --daemonize >/dev/null'
        : '';
  // --daemonize returns before the daemon owns its bus name: wait for it.
  const ready = start ? `${start}; for i in $(seq 100); do [ -n "$(${SECRETS_PID})" ] && break; sleep 0.05; done; ` : '';
  const stop = `st=$?; p=$(${SECRETS_PID}); [ -n "$p" ] && kill "$p"; exit $st`;
  return (cmd: string): [string, string[]] => [
    'dbus-run-session',
    [...(busConfig ? [`--config-file=${busConfig}`] : []), '--', 'sh', '-c', `${ready}${cmd}; ${stop}`],
  ];
}

const SKIP_DIRS = new Set(['.git', 'node_modules']);
// Tool caches inside node_modules that a run could write to.
const CACHE_DIRS = ['node_modules/.vite', 'node_modules/.vitest', 'node_modules/.cache', 'node_modules/.tmp'];

/** Every regular file under `roots` (newer than `since` if given) whose bytes contain `needle`. */
export function filesContaining(roots: string[], needle: string, since = 0): string[] {
  const hits: string[] = [];
  const bytes = Buffer.from(needle);
  const walk = (path: string, top: boolean) => {
    let st;
    try {
      st = lstatSync(path);
    } catch {
      return; // vanished or unreadable
    }
    if (st.isDirectory()) {
      if (!top && SKIP_DIRS.has(path.split('/').pop() ?? '')) return;
      let names: string[] = [];
      try {
        names = readdirSync(path);
      } catch {
        return;
      }
      for (const n of names) walk(join(path, n), false);
    } else if (st.isFile() && st.mtimeMs >= since && st.size < 50 * 1024 * 1024) {
      try {
        if (readFileSync(path).includes(bytes)) hits.push(path);
      } catch {
        /* unreadable: not ours */
      }
    }
  };
  for (const r of roots) walk(r, true);
  return hits;
}

/** The places a plaintext fallback could land: the keyring root (XDG dirs), temp dirs, the repo. */
export function canaryScanRoots(extra: string[] = []): string[] {
  const roots = [REPO, ...CACHE_DIRS.map((d) => join(REPO, d)), ...extra];
  if (process.env.QIOSK_KEYRING_ROOT) roots.push(process.env.QIOSK_KEYRING_ROOT);
  return roots;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
