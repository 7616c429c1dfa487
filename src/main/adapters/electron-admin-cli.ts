// An installed Qiosk run as its admin CLI (`qiosk secret set …`, admin/cli-command.ts): the command runs in the
// main process with the same keychain module, config loader and policy checks as the kiosk, opens no window, takes
// no single-instance lock (a running kiosk does not stop IT), and exits with the command's code. It waits for
// Electron's ready only for what needs it (doctor's displays and network through the system proxy).
import { screen, type App } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { runAdminCli } from '../admin/run-admin-cli';
import { systemClock } from '../core/ports';
import { createKeytarStore } from '../secrets/keytar-store';
import { electronHttp } from './electron-http';
import { nodeConfigFiles } from './node-config-files';
import { probeWritable } from './probe-writable';

type CliApp = Pick<App, 'exit' | 'getPath' | 'whenReady' | 'isPackaged'> & { dock?: { hide(): void } | undefined };

export function runAdminInElectron(app: CliApp, argv: string[]): void {
  app.dock?.hide(); // macOS: no Dock icon for a command
  const fail = (e: unknown) => {
    process.stderr.write(`qiosk admin: unexpected failure: ${e instanceof Error ? e.message : String(e)}\n`);
    app.exit(1);
  };
  process.on('uncaughtException', fail);
  const ready = argv[0] === 'doctor' ? app.whenReady() : Promise.resolve();
  ready.then(() => runAdminCli({
    argv, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr,
    secrets: createKeytarStore(), keys: createKeytarStore(undefined, { credential: 'key' }), deps: nodeConfigFiles(),
    healthFile: path.join(app.getPath('userData'), 'health.json'),
    packaged: app.isPackaged,
    doctor: {
      http: electronHttp, clock: systemClock, userInfo: () => os.userInfo(),
      displays: () => screen.getAllDisplays().map((d) => ({ id: d.id, label: d.label })),
      logDir: app.getPath('logs'), probeWritable,
      networkNote: 'checked through the system\'s proxy settings, as the kiosk reaches the tenant',
    },
  })).then((code) => app.exit(code), fail);
}
