// The real file system and platform as config loading needs them, for the plain-Node tools (the config CLI,
// `npm start` without Electron). The Electron entry passes the same through createServices.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import type { LoadConfigDeps } from '../config/load';
import { nodeMachinePolicy } from './machine-policy';

export const nodeConfigFiles = (): Omit<LoadConfigDeps, 'argv' | 'policyPath'> => ({
  platform: process.platform, env: process.env, homedir: os.homedir(),
  readFile: (p) => fs.readFile(p, 'utf8'), policy: nodeMachinePolicy(),
});
