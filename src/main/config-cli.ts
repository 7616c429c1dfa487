// Entry of `npm run config -- validate <file>` (plain Node, no Electron): binds the real file system and
// platform to runConfigCli. Unexpected failures print one line, never a stack trace.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { runConfigCli } from './admin/run-config-cli';

runConfigCli({
  argv: process.argv.slice(2),
  stdout: process.stdout,
  stderr: process.stderr,
  deps: {
    platform: process.platform, env: process.env, homedir: os.homedir(),
    readFile: (p) => fs.readFile(p, 'utf8'), stat: async (p) => fs.stat(p), uid: process.getuid?.(),
  },
}).then(
  (code) => void (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`config: could not check the configuration: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
