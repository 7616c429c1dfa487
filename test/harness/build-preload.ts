import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const built = new Map<string, Promise<string>>();

/** A real preload's source (the content window's, or the admin window's), bundled for the page with 'electron'
 * swapped for the transport shim. Bundled once per process: Electron loads a prebuilt file, so a harness start
 * should not pay for a build either. */
export function buildHarnessPreload(entry = 'src/preload/index.ts'): Promise<string> {
  let bundle = built.get(entry);
  if (!bundle) {
    bundle = build({
      entryPoints: [path.join(root, entry)],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      alias: { electron: path.join(__dirname, 'electron-shim.ts') },
      logLevel: 'silent',
    }).then((r) => r.outputFiles[0]!.text);
    bundle.catch(() => built.delete(entry)); // a failed build is tried again next time
    built.set(entry, bundle);
  }
  return bundle;
}
