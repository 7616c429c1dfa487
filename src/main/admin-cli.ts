// Entry of the admin CLI from a source checkout, `npm run admin -- <command>` (plain Node, no Electron): binds the
// real keychain, file system, network, platform and stdio to runAdminCli. An installed Qiosk runs the same commands
// in its own executable (src/main/index.ts, admin/cli-command.ts). Unexpected failures print one line, never a
// stack trace.
import os from 'node:os';
import { nodeConfigFiles } from './adapters/node-config-files';
import { probeWritable } from './adapters/probe-writable';
import { runAdminCli } from './admin/run-admin-cli';
import { defaultLogDir } from './admin/run-status-cli';
import { systemClock } from './core/ports';
import { createKeytarStore } from './secrets/keytar-store';

const deps = nodeConfigFiles();

runAdminCli({
  argv: process.argv.slice(2),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  secrets: createKeytarStore(),
  keys: createKeytarStore(undefined, { credential: 'key' }),
  deps,
  doctor: {
    http: (url, init) => fetch(url, init), clock: systemClock, userInfo: () => os.userInfo(),
    logDir: defaultLogDir(deps.platform, deps.env, deps.homedir), probeWritable,
    networkNote: 'checked directly from this checkout (Node does not use the system proxy; the installed app\'s doctor goes through it)',
  },
}).then(
  (code) => void (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`qiosk admin: unexpected failure: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
