// The Linux and macOS installers' machine setup: the machine policy's folder owned by root and writable by root only
// (Qiosk refuses any other), and Qiosk started at sign-in. The Linux setup script runs here for real, into a folder
// (QIOSK_ROOT), as root; the deb/rpm scripts and the macOS pkg script are read (running them needs dpkg, rpm or
// macOS's installer).
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../../..');
const read = (f: string) => readFileSync(path.join(REPO, f), 'utf8');
const yml = read('electron-builder.yml');
const isRoot = process.getuid?.() === 0;

(isRoot ? describe : describe.skip)(isRoot ? 'qiosk-setup.sh (the deb/rpm post-install, IT\'s step for an AppImage)' : 'qiosk-setup.sh (skipped: it sets root ownership, and this test runs it only as root)', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'qiosk-setup-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const run = () => spawnSync('sh', [path.join(REPO, 'scripts/installer/qiosk-setup.sh'), '/opt/Qiosk/qiosk'], { env: { ...process.env, QIOSK_ROOT: root }, encoding: 'utf8' });

  it('creates /etc/qiosk root-owned 0755 and the autostart entry; a folder a user made first is taken over', () => {
    mkdirSync(path.join(root, 'etc', 'qiosk'), { recursive: true });
    chownSync(path.join(root, 'etc', 'qiosk'), 1000, 1000);
    chmodSync(path.join(root, 'etc', 'qiosk'), 0o777);
    const r = run();
    expect([r.status, r.stderr]).toEqual([0, '']);
    const folder = statSync(path.join(root, 'etc', 'qiosk'));
    expect([folder.uid, folder.gid, folder.mode & 0o777]).toEqual([0, 0, 0o755]);
    const desktop = path.join(root, 'etc', 'xdg', 'autostart', 'qiosk.desktop');
    expect(statSync(desktop).mode & 0o777).toBe(0o644);
    const entry = Object.fromEntries(readFileSync(desktop, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(readFileSync(desktop, 'utf8').startsWith('[Desktop Entry]\n')).toBe(true);
    expect(entry).toMatchObject({ Type: 'Application', Name: 'Qiosk', Exec: '"/opt/Qiosk/qiosk"', Terminal: 'false' });
    expect(run().status).toBe(0); // again (an upgrade): same result
  });
});

describe('the deb and rpm', () => {
  it('run electron-builder\'s own post-install steps, then the setup script from the app\'s resources', () => {
    const after = read('scripts/installer/linux-after-install.sh');
    const template = readFileSync(path.join(REPO, 'node_modules/app-builder-lib/templates/linux/after-install.tpl'), 'utf8');
    expect(after).toContain(template.split('\n').slice(1).join('\n').trim()); // electron-builder's steps, unchanged
    expect(after).toMatch(/^sh '\/opt\/\$\{sanitizedProductName\}\/resources\/qiosk-setup\.sh' '\/opt\/\$\{sanitizedProductName\}\/\$\{executable\}'$/m);
    for (const target of ['deb', 'rpm']) {
      const section = yml.slice(yml.indexOf(`\n${target}:`));
      expect(section).toMatch(/afterInstall: scripts\/installer\/linux-after-install\.sh/);
      expect(section).toMatch(/afterRemove: scripts\/installer\/linux-after-remove\.sh/);
    }
    expect(yml).toMatch(/extraResources:\n\s+- from: scripts\/installer\/qiosk-setup\.sh\n\s+to: qiosk-setup\.sh/);
  });

  it('remove the start at login when the package is removed, not when it is upgraded; the policy stays', () => {
    const after = read('scripts/installer/linux-after-remove.sh');
    expect(after).toMatch(/remove\|purge\|0\) rm -f \/etc\/xdg\/autostart\/qiosk\.desktop/);
    expect(after).not.toMatch(/\/etc\/qiosk/);
  });
});

describe('the macOS pkg and the Windows installer', () => {
  it('pkg: creates the policy folder root:wheel 0755 and a login agent for every user\'s session', () => {
    const post = read('scripts/installer/macos/postinstall');
    expect(yml).toMatch(/pkg:\n\s+installLocation: \/Applications\n\s+scripts: scripts\/installer\/macos/);
    expect(post).toMatch(/folder="\$volume\/Library\/Application Support\/Qiosk"/);
    expect(post).toMatch(/chown root:wheel "\$folder"\nchmod 0755 "\$folder"/);
    expect(post).toMatch(/<key>ProgramArguments<\/key><array><string>\/Applications\/Qiosk\.app\/Contents\/MacOS\/Qiosk<\/string><\/array>/);
    expect(post).toMatch(/<key>RunAtLoad<\/key><true\/>/);
    expect(post).toMatch(/<key>LimitLoadToSessionType<\/key><string>Aqua<\/string>/);
  });

  it('NSIS: a per-machine Run entry for Qiosk.exe in the 64-bit view, removed by the uninstaller', () => {
    const nsh = read('scripts/installer/qiosk-policy-folder.nsh');
    const install = /!macro customInstall\n([\s\S]*?)!macroend/.exec(nsh)?.[1] ?? '';
    const uninstall = /!macro customUnInstall\n([\s\S]*?)!macroend/.exec(nsh)?.[1] ?? '';
    expect(install).toMatch(/SetRegView 64\n\s+WriteRegStr HKLM "Software\\Microsoft\\Windows\\CurrentVersion\\Run" "Qiosk" '"\$INSTDIR\\Qiosk\.exe"'/);
    expect(uninstall).toMatch(/SetRegView 64\n\s+DeleteRegValue HKLM "Software\\Microsoft\\Windows\\CurrentVersion\\Run" "Qiosk"/);
  });
});
