// A private D-Bus session with an unlocked, throwaway gnome-keyring, for the demo and preview on machines with
// no desktop keychain (a server, SSH, CI). The same recipe as scripts/with-keyring.sh, but started from Node
// so the demo keeps its own signals and clean-up. Development tooling only: Qiosk itself fails closed.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ThrowawayKeyring {
  /** The private bus: put it in process.env before the first keychain call. */
  busAddress: string;
  stop(): void;
}

const TOOLS = ['dbus-daemon', 'dbus-send', 'gnome-keyring-daemon'];

export function startThrowawayKeyring(base = os.tmpdir()): ThrowawayKeyring {
  const absent = TOOLS.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
  if (absent.length > 0) throw new Error(`no keychain and no way to start a throwaway one: ${absent.join(', ')} missing (apt-get install gnome-keyring dbus-x11)`);
  const root = mkdtempSync(path.join(base, 'qiosk-keyring-'));
  const pids: number[] = [];
  const stop = () => {
    for (const pid of pids.reverse()) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const xdg = Object.fromEntries(['DATA', 'CONFIG', 'CACHE', 'RUNTIME'].map((k) => [`XDG_${k}_${k === 'RUNTIME' ? 'DIR' : 'HOME'}`, path.join(root, k.toLowerCase())]));
    for (const dir of Object.values(xdg)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    const env: NodeJS.ProcessEnv = { ...process.env, ...xdg };
    for (const k of ['DBUS_SESSION_BUS_ADDRESS', 'GNOME_KEYRING_CONTROL', 'DISPLAY', 'WAYLAND_DISPLAY']) delete env[k];
    const bus = spawnSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1', `--address=unix:path=${path.join(root, 'bus')}`], { env, encoding: 'utf8' });
    const [busAddress, busPid] = bus.stdout.trim().split('\n');
    if (bus.status !== 0 || !busAddress || !busPid) throw new Error(`dbus-daemon did not start: ${bus.stderr.trim()}`);
    pids.push(Number(busPid));
    env['DBUS_SESSION_BUS_ADDRESS'] = busAddress;
    // The password reaches the daemon on stdin, never as an argument; nobody needs to know it.
    spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets', '--daemonize'], { env, input: randomBytes(16).toString('hex'), stdio: ['pipe', 'ignore', 'ignore'] });
    // --daemonize returns before the daemon owns its bus name: wait for it, and learn its pid to stop it.
    for (let i = 0; i < 100; i++) {
      const r = spawnSync('dbus-send', ['--session', '--print-reply=literal', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.GetConnectionUnixProcessID', 'string:org.freedesktop.secrets'], { env, encoding: 'utf8' });
      const pid = Number(r.stdout.trim().split(/\s+/).at(-1));
      if (r.status === 0 && pid > 0) {
        pids.push(pid);
        return { busAddress, stop };
      }
      spawnSync('sleep', ['0.05']);
    }
    throw new Error('gnome-keyring-daemon did not appear on the private D-Bus session within 5 s');
  } catch (e) {
    stop();
    throw e;
  }
}
