// `npm start -- --config <file>`: the real Electron app against your own tenant, from a checkout. Electron is
// downloaded once where it can be; where it cannot, one paragraph says why and how to point Qiosk at a build
// (no stack trace), the config is still checked as the kiosk would check it, and the preview is offered instead.
// Packaged installs start Qiosk from their installer.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { nodeConfigFiles } from '../src/main/adapters/node-config-files';
import { runConfigCli } from '../src/main/admin/run-config-cli';
import { configPathFromArgv } from '../src/main/config/load';
import { electronUnavailable, obtainElectron } from '../test/e2e/electron-binary';

const electron = obtainElectron((line) => console.log(`start: ${line}`));
if (!('exe' in electron)) {
  console.error(electronUnavailable(electron.why, 'To see the kiosk without Electron, run npm run demo: a Chromium preview against a built-in fake tenant.'));
  void checkConfigInstead().then(() => process.exit(1));
} else {
  const app = spawn(electron.exe, [path.resolve(__dirname, '..'), ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));
  app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** Without Electron, what can still be known: whether the config given would start the kiosk. */
async function checkConfigInstead(): Promise<void> {
  let file: string | undefined;
  try {
    file = configPathFromArgv(process.argv.slice(2));
  } catch (e) {
    console.error(`\n${(e as Error).message}`);
    return;
  }
  if (!file) return;
  console.error(`\nMeanwhile, your configuration as the kiosk would read it (npm run admin -- config validate ${file}):`);
  await runConfigCli({
    argv: ['validate', file], stdout: process.stderr, stderr: process.stderr, deps: nodeConfigFiles(),
  });
}
