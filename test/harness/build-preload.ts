import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** The real preload source, bundled for the page with 'electron' swapped for the transport shim. */
export async function buildHarnessPreload(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(root, 'src/preload/index.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    alias: { electron: path.join(__dirname, 'electron-shim.ts') },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
