// Electron entry: binds the real OS and Electron adapters to the core services. Kept thin on purpose.
import { app } from 'electron';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { createElectronLogSink } from './adapters/electron-log-sink';
import { electronHttp } from './adapters/electron-http';
import { createServices } from './app/services';
import { systemClock } from './core/ports';
import { createLogFactory } from './log/logger';
import { createKeytarStore } from './secrets/keytar-store';

const logFor = createLogFactory(createElectronLogSink());
const log = logFor('app');

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.exit(0);

app.whenReady().then(async () => {
  try {
    const services = await createServices({
      argv: process.argv, platform: process.platform, env: process.env, homedir: os.homedir(),
      readFile: (p) => fs.readFile(p, 'utf8'), userInfo: () => os.userInfo(),
      http: electronHttp, clock: systemClock, secrets: createKeytarStore(), logFor,
    });
    log.info('services ready', { configPath: services.configPath, user: services.identity.cacheKey });
  } catch (err) {
    log.error(err instanceof Error ? err.message : String(err));
    app.exit(2);
  }
});
