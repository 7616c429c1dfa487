// What an installer would ship: electron-builder packs the unpacked app (its `dir` target, as every installer
// starts) from electron-builder.yml, with a stand-in for the Electron executable (no Electron binary here), and the
// archive is checked: the built main, preloads, renderer and bundled qlik-embed loader are in; no test code, fake
// tenant, source maps, checkout-only entry or dev dependency; keytar's native module is outside the asar. The fuses
// are flipped only in a real Electron binary: read back where one exists, skipped with one line otherwise.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronExecutable, SKIP_REASON } from '../../e2e/electron-binary';

const REPO = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS tooling, loaded only here
const req = (m: string) => require(m) as unknown;
const yaml = req('js-yaml') as { load(text: string): Record<string, unknown> };
const asar = req('@electron/asar') as { listPackage(p: string): string[] };
const builder = req('electron-builder') as { build(o: object): Promise<string[]>; Platform: { LINUX: { createTarget(t: string, ...arch: number[]): unknown } }; Arch: { x64: number } };
const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const ymlConfig = yaml.load(readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8'));

async function pack(electronDist: string, out: string, fuses: boolean): Promise<string> {
  const config = { ...ymlConfig, electronDist, npmRebuild: false, directories: { ...(ymlConfig['directories'] as object), output: out } };
  if (!fuses) delete (config as Record<string, unknown>)['electronFuses']; // a stand-in has no fuse wire to flip
  // A config file of its own: an object would be merged over electron-builder.yml, fuses included.
  const file = path.join(out, '..', 'electron-builder.json');
  writeFileSync(file, JSON.stringify({ ...config, electronVersion: (JSON.parse(readFileSync(path.join(REPO, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version }));
  await builder.build({ targets: builder.Platform.LINUX.createTarget('dir', builder.Arch.x64), projectDir: REPO, config: file });
  return path.join(out, 'linux-unpacked');
}

describe('the packaged app (electron-builder, dir target, a stand-in Electron)', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'qiosk-pack-'));
  let app = '';
  let files: string[] = [];
  beforeAll(async () => {
    const standIn = path.join(root, 'electron');
    mkdirSync(path.join(standIn, 'resources'), { recursive: true });
    writeFileSync(path.join(standIn, 'electron'), '#!/bin/sh\necho stand-in\n');
    chmodSync(path.join(standIn, 'electron'), 0o755);
    for (const f of ['LICENSE', 'LICENSES.chromium.html', 'version']) writeFileSync(path.join(standIn, f), '');
    app = await pack(standIn, path.join(root, 'dist'), false);
    files = asar.listPackage(path.join(app, 'resources', 'app.asar'));
  }, 180_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('holds the built main, preloads, renderer and the bundled qlik-embed loader', () => {
    for (const f of ['/out/main/index.js', '/out/preload/index.js', '/out/preload/admin.js', '/out/renderer/index.html', '/out/renderer/main.js',
      '/out/renderer/status.html', '/out/renderer/admin.html', '/out/renderer/styles.css', '/out/renderer/vendor/qlik-embed-web-components.js', '/package.json']) {
      expect(files, f).toContain(f);
    }
  });

  it('holds no test code, fake tenant, source map, checkout-only entry or dev dependency', () => {
    expect(files.filter((f) => /^\/(?:test|src|bench|scripts|docs)\//.test(f) || /fake-tenant|\.map$|\.test\.|\/out\/main\/admin-cli\.js$/.test(f))).toEqual([]);
    const modules = new Set(files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/').slice(2, f.split('/')[2]!.startsWith('@') ? 4 : 3).join('/')));
    expect(Object.keys(pkg.devDependencies).filter((d) => modules.has(d))).toEqual([]);
    expect([...modules].filter((m) => /playwright|vitest|esbuild|typescript|electron-builder|^electron$|tsx/.test(m))).toEqual([]);
  });

  it('ships the Linux machine setup the deb and rpm run after installing (policy folder, start at login)', () => {
    expect(readFileSync(path.join(app, 'resources', 'qiosk-setup.sh'), 'utf8')).toBe(readFileSync(path.join(REPO, 'scripts/installer/qiosk-setup.sh'), 'utf8'));
  });

  it('keeps keytar\'s native module outside the asar, where it can be loaded', () => {
    expect(existsSync(path.join(app, 'resources', 'app.asar.unpacked', 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'))).toBe(true);
  });

  it('configures the fuses as intended (the config; the binary below)', () => {
    expect(ymlConfig['electronFuses']).toEqual({
      runAsNode: false, enableCookieEncryption: true, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true, grantFileProtocolExtraPrivileges: false,
    });
  });
});

const exe = electronExecutable();
(exe ? describe : describe.skip)(exe ? 'the fuses in a real Electron build' : `the fuses in a real Electron build (skipped: ${SKIP_REASON})`, () => {
  it('reads back runAsNode off, NODE_OPTIONS and inspect arguments off, asar integrity and asar-only on', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'qiosk-pack-real-'));
    try {
      const app = await pack(path.dirname(exe!), path.join(root, 'dist'), true);
      const fuses = req('@electron/fuses') as { getCurrentFuseWire(p: string): Promise<Record<number, number>>; FuseV1Options: Record<string, number>; FuseState: Record<string, number> };
      const wire = await fuses.getCurrentFuseWire(path.join(app, 'qiosk'));
      const state = (name: string) => wire[fuses.FuseV1Options[name]!];
      expect([state('RunAsNode'), state('EnableNodeOptionsEnvironmentVariable'), state('EnableNodeCliInspectArguments')]).toEqual([fuses.FuseState['DISABLE'], fuses.FuseState['DISABLE'], fuses.FuseState['DISABLE']]);
      expect([state('EnableEmbeddedAsarIntegrityValidation'), state('OnlyLoadAppFromAsar')]).toEqual([fuses.FuseState['ENABLE'], fuses.FuseState['ENABLE']]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 300_000);
});
