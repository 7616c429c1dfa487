// Entry of the admin secret CLI (plain Node, no Electron): binds process I/O and the real keychain to
// runSecretCli. Run from source with `npx tsx src/main/secret-cli.ts <command> --client-id <id>`.
import { createKeytarStore } from './secrets/keytar-store';
import { runSecretCli } from './secrets/run-secret-cli';

void runSecretCli({
  argv: process.argv.slice(2),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  store: createKeytarStore(),
}).then((code) => {
  process.exitCode = code;
});
