// Entry of the admin CLI from a source checkout, `npm run admin -- <command>` (plain Node, no Electron): binds the
// real keychain, file system, platform and stdio to runAdminCli. An installed Qiosk runs the same commands in its
// own executable (src/main/index.ts, admin/cli-command.ts). Unexpected failures print one line, never a stack trace.
import { nodeConfigFiles } from './adapters/node-config-files';
import { runAdminCli } from './admin/run-admin-cli';
import { createKeytarStore } from './secrets/keytar-store';

runAdminCli({
  argv: process.argv.slice(2),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  secrets: createKeytarStore(),
  keys: createKeytarStore(undefined, { credential: 'key' }),
  deps: nodeConfigFiles(),
}).then(
  (code) => void (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`qiosk admin: unexpected failure: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
