// `npm run demo`: Qiosk against the fake Qlik tenant, for a machine with no tenant. Starts the fake tenant on
// loopback (clearly labelled DEMO in the window), stores its demo client secret in the OS keychain (the
// same path a real secret takes), writes a demo config and launches the Electron app with it.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rendererOrigin } from '../src/main/origin/renderer-server';
import { createKeytarStore } from '../src/main/secrets/keytar-store';
import { startFakeTenant } from '../test/fake-tenant';
import { demoClient, demoConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from '../test/fake-tenant/demo';
import { electronExecutable, SKIP_REASON } from '../test/e2e/electron-binary';

const PORT = Number(process.env.QIOSK_DEMO_PORT ?? 47321);
const origin = rendererOrigin(PORT);

const exe = electronExecutable();
if (!exe) {
  console.error(`npm run demo needs Electron: ${SKIP_REASON}.`);
  process.exit(1);
}
const tenant = await startFakeTenant({ clients: [demoClient(origin)] });
await createKeytarStore().set(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET);
const dir = mkdtempSync(path.join(os.tmpdir(), 'qiosk-demo-'));
const config = path.join(dir, 'config.json');
writeFileSync(config, JSON.stringify(demoConfig({ tenantUrl: tenant.baseUrl, port: PORT, kiosk: process.argv.includes('--kiosk') }), null, 2));
console.log(`DEMO: fake Qlik tenant at ${tenant.baseUrl}; renderer origin ${origin}; config ${config}`);
const app = spawn(exe, [path.resolve(import.meta.dirname, '..'), '--config', config], { stdio: 'inherit' });
const stop = async (code: number) => {
  await tenant.close();
  process.exit(code);
};
app.on('exit', (code) => void stop(code ?? 0));
process.on('SIGINT', () => app.kill('SIGINT'));
