// An installed Qiosk run as its admin CLI (`qiosk secret set …`, admin/cli-command.ts): the command runs in the
// main process with the same keychain module, config loader and policy checks as the kiosk, opens no window, takes
// no single-instance lock (a running kiosk does not stop IT), and exits with the command's code.
import type { App } from 'electron';
import path from 'node:path';
import { runAdminCli } from '../admin/run-admin-cli';
import { createKeytarStore } from '../secrets/keytar-store';
import { nodeConfigFiles } from './node-config-files';

export function runAdminInElectron(app: Pick<App, 'exit' | 'getPath'> & { dock?: { hide(): void } | undefined }, argv: string[]): void {
  app.dock?.hide(); // macOS: no Dock icon for a command
  const fail = (e: unknown) => {
    process.stderr.write(`qiosk admin: unexpected failure: ${e instanceof Error ? e.message : String(e)}\n`);
    app.exit(1);
  };
  process.on('uncaughtException', fail);
  runAdminCli({
    argv, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr,
    secrets: createKeytarStore(), keys: createKeytarStore(undefined, { credential: 'key' }), deps: nodeConfigFiles(),
    healthFile: path.join(app.getPath('userData'), 'health.json'),
  }).then((code) => app.exit(code), fail);
}
