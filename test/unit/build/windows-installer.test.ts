// The Windows installer installs per machine and creates the machine policy's folder writable by administrators
// only, with permissions Qiosk's own check accepts (policy-file.ts): read from electron-builder.yml and the NSIS
// include it names, so removing either fails here. (Running the installer needs Windows: not here.)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installedCommand } from '../../../src/main/admin/cli-command';
import { ADMINISTRATORS, SYSTEM, windowsAclProblem, type WindowsAcl } from '../../../src/main/config/policy-file';

const REPO = path.resolve(__dirname, '../../..');
const yml = readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8');

/** The `key: value` lines of a top-level YAML section (this file's flat style: two-space indents). */
function section(name: string): Record<string, string> {
  const lines = yml.split('\n');
  const start = lines.indexOf(`${name}:`);
  if (start < 0) return {};
  const out: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    const m = /^ {2}([\w-]+):\s*(.*?)\s*$/.exec(line);
    if (!m) {
      if (/^\S/.test(line)) break;
      continue;
    }
    out[m[1]!] = m[2]!;
  }
  return out;
}

const nsis = section('nsis');
const includePath = nsis['include'] === undefined ? undefined : path.join(REPO, nsis['include']);
const nsh = includePath && existsSync(includePath) ? readFileSync(includePath, 'utf8') : '';
const customInstall = /!macro customInstall\n([\s\S]*?)!macroend/.exec(nsh)?.[1] ?? '';

describe('the Windows installer', () => {
  it('is an NSIS installer that installs per machine (elevated, for every user)', () => {
    expect(section('win')['target']).toMatch(/\bnsis\b/);
    expect(nsis['perMachine']).toBe('true');
  });

  it('includes the script that creates the policy folder, and the script defines customInstall', () => {
    expect(includePath && existsSync(includePath)).toBe(true);
    expect(customInstall).not.toBe('');
  });

  it('creates Qiosk under the common application data folder, with icacls from the system folder', () => {
    expect(customInstall).toMatch(/^\s*SetShellVarContext all$/m);
    expect(customInstall).toContain('CreateDirectory "$APPDATA\\Qiosk"');
    expect(nsh).toContain(`nsExec::ExecToLog '"$SYSDIR\\icacls.exe" \${ARGS}'`);
    expect(nsh).toMatch(/\$\{If\} \$0 != 0\n\s*Abort /); // a failed icacls stops the install
  });

  it('sets the owner to Administrators, drops inherited and earlier entries, and grants by SID (every Windows language)', () => {
    const calls = [...customInstall.matchAll(/!insertmacro qioskIcacls '"\$APPDATA\\Qiosk" (.*)'$/gm)].map((m) => m[1]);
    expect(calls).toEqual([
      `/setowner *${ADMINISTRATORS}`,
      '/reset',
      `/inheritance:r /grant:r *${ADMINISTRATORS}:(OI)(CI)F *${SYSTEM}:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX`,
    ]);
  });

  it('the folder as the installer leaves it passes Qiosk\'s own check, and Users get no write access', () => {
    const RIGHTS: Record<string, number> = { F: 0x1f01ff, RX: 0x1200a9 };
    const grants = [...customInstall.matchAll(/\*(S-[\d-]+):\(OI\)\(CI\)(\w+)/g)].map(([, sid, right]) => ({ sid: sid!, right: right! }));
    expect(grants.find((g) => g.sid === 'S-1-5-32-545')?.right).toBe('RX');
    const acl: WindowsAcl = {
      owner: /\/setowner \*(S-[\d-]+)/.exec(customInstall)![1]!, reparsePoint: false,
      entries: grants.map((g) => ({ sid: g.sid, allow: true, mask: RIGHTS[g.right]!, inheritOnly: false })),
    };
    expect(windowsAclProblem(acl, 'the Qiosk folder')).toBeUndefined();
  });

  it('ships the admin CLI wrapper that messages name, which waits for Qiosk.exe and hands its exit code on', () => {
    const from = /extraFiles:\n\s+- from: (\S+)\n\s+to: (\S+)/.exec(yml.slice(yml.indexOf('\nwin:')));
    expect(from?.[2]).toBe('qiosk-admin.cmd');
    expect(installedCommand('win32', 'C:\\Program Files\\Qiosk\\Qiosk.exe', {})).toBe('"C:\\Program Files\\Qiosk\\qiosk-admin.cmd"');
    const cmd = readFileSync(path.join(REPO, from![1]!), 'utf8');
    expect(cmd).toMatch(/^start "" \/b \/wait "%~dp0Qiosk\.exe" %\*$/m);
    expect(cmd).toMatch(/^exit \/b %ERRORLEVEL%$/m);
  });
});
