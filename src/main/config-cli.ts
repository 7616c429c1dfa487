// Entry of `npm run config -- validate <file>` (plain Node, no Electron): binds the real file system and
// platform to runConfigCli. Unexpected failures print one line, never a stack trace.
import { nodeConfigFiles } from './adapters/node-config-files';
import { runConfigCli } from './admin/run-config-cli';

runConfigCli({
  argv: process.argv.slice(2),
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
