// `npm start -- --config <file>`: the real Electron app against your own tenant, from a checkout. Electron is
// downloaded once where it can be; where it cannot, one paragraph says why and how to point Qiosk at a build
// (no stack trace), and the preview is offered instead. Packaged installs start Qiosk from their installer.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { electronUnavailable, obtainElectron } from '../test/e2e/electron-binary';

const electron = obtainElectron((line) => console.log(`start: ${line}`));
if (!('exe' in electron)) {
  console.error(electronUnavailable(electron.why, 'To see the kiosk without Electron, run npm run demo: a Chromium preview against a built-in fake tenant.'));
  process.exit(1);
}
const app = spawn(electron.exe, [path.resolve(__dirname, '..'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
