// Entry of `npm run config -- validate <file>` and `npm run config -- hash-pin` (plain Node, no Electron): binds
// the real file system, platform and stdin to runConfigCli. Unexpected failures print one line, never a stack trace.
import { nodeConfigFiles } from './adapters/node-config-files';
import { runConfigCli } from './admin/run-config-cli';

runConfigCli({
  argv: process.argv.slice(2),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  deps: nodeConfigFiles(),
}).then(
  (code) => void (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`config: could not check the configuration: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
