// Builds main (CJS for Electron's Node), the preloads (ONE file each: a sandboxed preload cannot require our
// modules; the admin window has its own) and the renderer (browser bundles plus the qlik-embed loader copied
// from node_modules, never a CDN).
import { build } from 'esbuild';
import { cp, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'out');
const require = createRequire(import.meta.url);
const production = process.env.NODE_ENV === 'production';

const common = { bundle: true, sourcemap: !production, logLevel: 'warning', legalComments: 'none', absWorkingDir: root };
const nodeSide = { ...common, platform: 'node', format: 'cjs', target: 'node22', external: ['electron', 'keytar'] };

await rm(path.join(out, 'main'), { recursive: true, force: true });
await rm(path.join(out, 'preload'), { recursive: true, force: true });
await rm(path.join(out, 'renderer'), { recursive: true, force: true });

const jobs = [];
const entry = (p) => existsSync(path.join(root, p));
if (entry('src/main/index.ts')) jobs.push(build({ ...nodeSide, entryPoints: ['src/main/index.ts'], outfile: 'out/main/index.js' }));
if (entry('src/main/admin-cli.ts')) jobs.push(build({ ...nodeSide, entryPoints: ['src/main/admin-cli.ts'], outfile: 'out/main/admin-cli.js', banner: { js: '#!/usr/bin/env node' } }));
if (entry('src/preload/index.ts')) {
  jobs.push(build({ ...nodeSide, entryPoints: ['src/preload/index.ts'], outfile: 'out/preload/index.js', external: ['electron'], sourcemap: false }));
}
if (entry('src/preload/admin.ts')) {
  jobs.push(build({ ...nodeSide, entryPoints: ['src/preload/admin.ts'], outfile: 'out/preload/admin.js', external: ['electron'], sourcemap: false }));
}
if (entry('src/renderer/main.ts')) {
  const page = { ...common, platform: 'browser', format: 'iife', target: 'chrome130', sourcemap: false };
  jobs.push(build({ ...page, entryPoints: ['src/renderer/main.ts'], outfile: 'out/renderer/main.js' }));
  jobs.push(build({ ...page, entryPoints: ['src/renderer/status.ts'], outfile: 'out/renderer/status.js' }));
  if (entry('src/renderer/admin.ts')) jobs.push(build({ ...page, entryPoints: ['src/renderer/admin.ts'], outfile: 'out/renderer/admin.js' }));
  jobs.push((async () => {
    await mkdir(path.join(out, 'renderer', 'vendor'), { recursive: true });
    for (const f of ['index.html', 'status.html', 'off.html', 'admin.html', 'styles.css']) {
      if (entry(`src/renderer/${f}`)) await cp(path.join(root, 'src/renderer', f), path.join(out, 'renderer', f));
    }
    await cp(require.resolve('@qlik/embed-web-components'), path.join(out, 'renderer', 'vendor', 'qlik-embed-web-components.js'));
  })());
}
await Promise.all(jobs);
if (!process.argv.includes('--quiet')) console.log(`built ${jobs.length} target(s) into out/`);
