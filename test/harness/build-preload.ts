import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** A real preload's source (the content window's, or the admin window's), bundled for the page with 'electron'
 * swapped for the transport shim. */
export async function buildHarnessPreload(entry = 'src/preload/index.ts'): Promise<string> {
  const result = await build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    alias: { electron: path.join(__dirname, 'electron-shim.ts') },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
