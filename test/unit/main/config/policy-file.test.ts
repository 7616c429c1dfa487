// Who may write the machine policy. POSIX: real files and folders in a temp dir, read through the real adapter
// (lstat + open with O_NOFOLLOW): owners are set with chown, so these run as root (as CI does) and are skipped,
// with one line saying so, otherwise. Windows: its ACL cases through an injected ACL reader (there is no
// Windows here), one row per distinct behaviour.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeMachinePolicy } from '../../../../src/main/adapters/machine-policy';
import {
  ADMINISTRATORS, readPosixPolicy, readWindowsPolicy, SYSTEM, TRUSTED_INSTALLER, windowsAclProblem, windowsPolicyAccess,
  type PolicyRead, type PolicyStat, type PosixPolicyFs, type WindowsAce, type WindowsAcl, type WindowsPolicyPort,
} from '../../../../src/main/config/policy-file';

const ROOT = process.getuid?.() === 0;
const KIOSK_USER = 1000; // any account but root; it need not exist (chown takes a number)
const TEXT = '{ "enforced": {} }';
const messageOf = (r: PolicyRead) => ('problems' in r ? r.problems.map((p) => p.message).join('\n') : JSON.stringify(r));

if (!ROOT) console.warn('[policy-file] SKIPPED the POSIX owner/parent/symlink cases on real files: they chown files, so they need root (CI runs them as root)');

describe.skipIf(!ROOT)('POSIX: the policy on real files, through the real adapter', () => {
  let base: string;
  let n = 0;
  beforeAll(() => void (base = mkdtempSync(path.join(os.tmpdir(), 'qiosk-policy-'))));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const read = (file: string) => nodeMachinePolicy('linux').read(file);

  /** A fresh `<case>/qiosk/policy.json`, all root-owned, folders 0755 and the file 0644 unless changed. */
  function layout(o: { file?: boolean } = {}) {
    const top = path.join(base, `case-${n++}`);
    const dir = path.join(top, 'qiosk');
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    chmodSync(top, 0o755);
    chmodSync(dir, 0o755);
    const file = path.join(dir, 'policy.json');
    if (o.file !== false) writeFileSync(file, TEXT, { mode: 0o644 });
    return { top, dir, file };
  }

  it('root-owned file in root-owned folders (the temp dir\'s /tmp is root-owned, 1777: sticky, allowed): read', async () => {
    expect(await read(layout().file)).toEqual({ text: TEXT });
  });

  it('no file, or no folder: no policy', async () => {
    expect(await read(layout({ file: false }).file)).toEqual({ missing: true });
    expect(await read(path.join(base, 'nowhere', 'qiosk', 'policy.json'))).toEqual({ missing: true });
  });

  it('the file owned by another account (not only the kiosk user\'s own): refused, with the fix', async () => {
    const { file } = layout();
    chownSync(file, KIOSK_USER, 0);
    const r = await read(file);
    expect(r).toEqual({ problems: [expect.objectContaining({ source: file, path: '', machinePolicy: true })] });
    expect(messageOf(r)).toBe(`this policy file is owned by user id ${KIOSK_USER}, not root, so that account could change the policy; it is refused. Fix: sudo chown root ${file} && sudo chmod go-w ${file}`);
  });

  it.each([['0664', 'its group'], ['0646', 'everyone']])('the file writable (mode %s, by %s): refused', async (mode) => {
    const { file } = layout();
    chmodSync(file, parseInt(mode, 8));
    expect(messageOf(await read(file))).toMatch(new RegExp(`^this policy file is writable by its group or by everyone \\(mode ${mode}\\).*Fix: sudo chown root ${file} && sudo chmod go-w ${file}$`));
  });

  it('its folder owned by another account: refused, naming the folder', async () => {
    const { dir, file } = layout();
    chownSync(dir, KIOSK_USER, 0);
    expect(messageOf(await read(file))).toBe(`its folder ${dir} is owned by user id ${KIOSK_USER}, not root, so that account could replace the policy; it is refused. Fix: sudo chown root ${dir} && sudo chmod go-w ${dir}`);
  });

  it('a folder further up owned by another account: refused (every folder counts, not only the nearest)', async () => {
    const { top, file } = layout();
    chownSync(top, KIOSK_USER, 0);
    expect(messageOf(await read(file))).toMatch(new RegExp(`^its folder ${top} is owned by user id ${KIOSK_USER}`));
  });

  it('its folder group-writable without the sticky bit: refused', async () => {
    const { dir, file } = layout();
    chmodSync(dir, 0o775);
    expect(messageOf(await read(file))).toMatch(new RegExp(`^its folder ${dir} is writable by its group or by everyone \\(mode 0775\\)`));
  });

  it('its folder world-writable with the sticky bit (like /tmp): others cannot replace root\'s file, so it is read', async () => {
    const { dir, file } = layout();
    chmodSync(dir, 0o1777);
    expect(await read(file)).toEqual({ text: TEXT });
  });

  it('a bad folder with no policy in it: no policy (nothing to refuse)', async () => {
    const { dir, file } = layout({ file: false });
    chownSync(dir, KIOSK_USER, 0);
    expect(await read(file)).toEqual({ missing: true });
  });

  it('the file a symbolic link, even to a root-owned good file: refused (opened with O_NOFOLLOW)', async () => {
    const good = layout().file;
    const { file } = layout({ file: false });
    symlinkSync(good, file);
    expect(messageOf(await read(file))).toBe(`this policy file is a symbolic link, which could be re-pointed; it is refused. Fix: put the file itself there (sudo rm ${file} && sudo install -o root -m 644 <your policy.json> ${file})`);
  });

  it('a folder on the path a symbolic link, even to a good root-owned folder: refused', async () => {
    const { dir } = layout();
    const { top } = layout({ file: false });
    rmSync(path.join(top, 'qiosk'), { recursive: true });
    symlinkSync(dir, path.join(top, 'qiosk'));
    expect(messageOf(await read(path.join(top, 'qiosk', 'policy.json')))).toMatch(new RegExp(`^its folder ${top}/qiosk is a symbolic link, which could be re-pointed; it is refused`));
  });

  it('a folder where the file should be: refused', async () => {
    const { file } = layout({ file: false });
    mkdirSync(file, { mode: 0o755 });
    expect(messageOf(await read(file))).toMatch(/^is not a regular file/);
  });
});

describe('POSIX: checked on the handle it is read through', () => {
  const dirStat = (uid = 0): PolicyStat => ({ uid, mode: 0o40755, isFile: () => false, isDirectory: () => true, isSymbolicLink: () => false });
  const fileStat = (uid = 0, mode = 0o100644): PolicyStat => ({ uid, mode, isFile: () => true, isDirectory: () => false, isSymbolicLink: () => false });

  it('what the open handle says counts, not what the path said a moment before (a swapped file is refused); one open, closed', async () => {
    const calls: string[] = [];
    const fs: PosixPolicyFs = {
      lstat: async (p) => (calls.push(`lstat ${p}`), p.endsWith('.json') ? fileStat() : dirStat()),
      openNoFollow: async (p) => {
        calls.push(`open ${p}`);
        return {
          stat: async () => (calls.push('fstat'), fileStat(KIOSK_USER)), // the file now there belongs to the kiosk user
          readFile: async () => (calls.push('read'), TEXT),
          close: async () => void calls.push('close'),
        };
      },
    };
    expect(messageOf(await readPosixPolicy(fs, '/etc/qiosk/policy.json'))).toMatch(/^this policy file is owned by user id 1000/);
    expect(calls).toEqual(['lstat /', 'lstat /etc', 'lstat /etc/qiosk', 'open /etc/qiosk/policy.json', 'fstat', 'close']);
  });

  it('a good handle is read through, once, and closed', async () => {
    const calls: string[] = [];
    const fs: PosixPolicyFs = {
      lstat: async () => dirStat(),
      openNoFollow: async () => ({ stat: async () => fileStat(), readFile: async () => (calls.push('read'), TEXT), close: async () => void calls.push('close') }),
    };
    expect(await readPosixPolicy(fs, '/etc/qiosk/policy.json')).toEqual({ text: TEXT });
    expect(calls).toEqual(['read', 'close']);
  });

  it('a path with a space is quoted in the fix (macOS: /Library/Application Support)', async () => {
    const fs: PosixPolicyFs = { lstat: async () => dirStat(), openNoFollow: async () => ({ stat: async () => fileStat(0, 0o100666), readFile: async () => TEXT, close: async () => {} }) };
    expect(messageOf(await readPosixPolicy(fs, '/Library/Application Support/Qiosk/policy.json')))
      .toContain("Fix: sudo chown root '/Library/Application Support/Qiosk/policy.json' && sudo chmod go-w '/Library/Application Support/Qiosk/policy.json'");
  });
});

// ---- Windows ----

const USERS = 'S-1-5-32-545';
const AUTHENTICATED_USERS = 'S-1-5-11';
const EVERYONE = 'S-1-1-0';
const CREATOR_OWNER = 'S-1-3-0';
const A_USER = 'S-1-5-21-1004336348-1177238915-682003330-1001';
const FULL = 0x1f01ff;
const MODIFY = 0x1301bf;
const READ_EXECUTE = 0x1200a9;
const ace = (sid: string, mask: number, o: Partial<WindowsAce> = {}): WindowsAce => ({ sid, allow: true, mask, inheritOnly: false, ...o });
/** What the installer sets on the Qiosk folder (scripts/installer/qiosk-policy-folder.nsh). */
const INSTALLED: WindowsAcl = { owner: ADMINISTRATORS, reparsePoint: false, entries: [ace(ADMINISTRATORS, FULL), ace(SYSTEM, FULL), ace(USERS, READ_EXECUTE)] };
const withEntries = (...entries: WindowsAce[]): WindowsAcl => ({ ...INSTALLED, entries: [...INSTALLED.entries, ...entries] });

describe('Windows: the ACL rule', () => {
  it.each<[string, WindowsAcl, RegExp | undefined]>([
    ['as installed: Administrators own it, SYSTEM and Administrators full control, Users read & execute', INSTALLED, undefined],
    ['owned by SYSTEM', { ...INSTALLED, owner: SYSTEM }, undefined],
    ['owned by TrustedInstaller', { ...INSTALLED, owner: TRUSTED_INSTALLER }, undefined],
    ['owned by a user (who may re-permission it)', { ...INSTALLED, owner: A_USER }, new RegExp(`is owned by ${A_USER}, not Administrators or SYSTEM`)],
    ['owned by Users', { ...INSTALLED, owner: USERS }, /is owned by Users \(S-1-5-32-545\)/],
    ['Users may add files to the folder (ProgramData\'s default for its subfolders)', withEntries(ace(USERS, 0x2)), /Users \(S-1-5-32-545\): FILE_WRITE_DATA/],
    ['Users may add subfolders', withEntries(ace(USERS, 0x4 | READ_EXECUTE)), /Users \(S-1-5-32-545\): FILE_APPEND_DATA/],
    ['Authenticated Users may modify the file', withEntries(ace(AUTHENTICATED_USERS, MODIFY)), /Authenticated Users \(S-1-5-11\): FILE_WRITE_DATA, FILE_APPEND_DATA, FILE_WRITE_EA, FILE_WRITE_ATTRIBUTES, DELETE/],
    ['Everyone has GENERIC_WRITE', withEntries(ace(EVERYONE, 0x40000000)), /Everyone \(S-1-1-0\): GENERIC_WRITE/],
    ['a user has GENERIC_ALL', withEntries(ace(A_USER, 0x10000000)), /GENERIC_ALL/],
    ['Users may change its permissions (WRITE_DAC)', withEntries(ace(USERS, 0x40000 | READ_EXECUTE)), /Users \(S-1-5-32-545\): WRITE_DAC/],
    ['Users may take it over (WRITE_OWNER)', withEntries(ace(USERS, 0x80000)), /WRITE_OWNER/],
    ['Users may delete it', withEntries(ace(USERS, 0x10000)), /Users \(S-1-5-32-545\): DELETE/],
    ['Users may delete what is in it (FILE_DELETE_CHILD)', withEntries(ace(USERS, 0x40)), /FILE_DELETE_CHILD/],
    ['Users may set its attributes', withEntries(ace(USERS, 0x100)), /FILE_WRITE_ATTRIBUTES/],
    ['Users may write extended attributes', withEntries(ace(USERS, 0x10)), /FILE_WRITE_EA/],
    ['CREATOR OWNER full control, inherit-only (applies to what others create, not to this): ignored', withEntries(ace(CREATOR_OWNER, 0x10000000, { inheritOnly: true })), undefined],
    ['a user\'s inherit-only write entry: ignored', withEntries(ace(A_USER, MODIFY, { inheritOnly: true })), undefined],
    ['deny entries only take rights away: they do not matter', withEntries(ace(EVERYONE, FULL, { allow: false })), undefined],
    ['Everyone may read (GENERIC_READ, the top bit)', withEntries(ace(EVERYONE, 0x80000000)), undefined],
    ['SYSTEM and TrustedInstaller full control', withEntries(ace(SYSTEM, 0x10000000), ace(TRUSTED_INSTALLER, FULL)), undefined],
    ['several writers: each named once with its rights', withEntries(ace(USERS, 0x2), ace(USERS, 0x4), ace(EVERYONE, 0x40000000)), /\(Users \(S-1-5-32-545\): FILE_WRITE_DATA, FILE_APPEND_DATA; Everyone \(S-1-1-0\): GENERIC_WRITE\)/],
    ['a junction or symbolic link', { ...INSTALLED, reparsePoint: true }, /is a link \(a junction or symbolic link\), which could be re-pointed/],
  ])('%s', (_what, acl, refused) => {
    const problem = windowsAclProblem(acl, 'its folder C:\\ProgramData\\Qiosk');
    if (refused === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(refused);
  });
});

describe('Windows: finding and reading the policy through the ACL reader', () => {
  const DIR = 'D:\\ProgramData\\Qiosk';
  const FILE = `${DIR}\\policy.json`;
  const enoent = () => Object.assign(new Error('missing'), { code: 'ENOENT' });
  function port(acls: Record<string, WindowsAcl | Error>): WindowsPolicyPort & { asked: string[] } {
    const asked: string[] = [];
    return {
      asked,
      programDataFolder: async () => 'D:\\ProgramData',
      readAcl: async (p) => {
        asked.push(p);
        const a = acls[p] ?? enoent();
        if (a instanceof Error) throw a;
        return a;
      },
    };
  }
  const readFile = async (p: string) => (p === FILE ? TEXT : Promise.reject(enoent()));

  it('the path comes from the known folder the OS reports, not from the ProgramData variable (the access has no environment to read)', async () => {
    expect(await windowsPolicyAccess(port({}), readFile).defaultPath()).toBe(FILE);
  });

  it.each<[string, Record<string, WindowsAcl | Error>, PolicyRead | RegExp]>([
    ['folder and file as installed: read', { [DIR]: INSTALLED, [FILE]: INSTALLED }, { text: TEXT }],
    ['no Qiosk folder: no policy', {}, { missing: true }],
    ['no file: no policy', { [DIR]: INSTALLED }, { missing: true }],
    ['the folder lets Users add files: refused, with the installer\'s permissions as the fix', { [DIR]: withEntries(ace(USERS, 0x2 | 0x4)), [FILE]: INSTALLED },
      /^its folder D:\\ProgramData\\Qiosk can be changed by accounts other than Administrators and SYSTEM .*Fix: reinstall Qiosk .*icacls "D:\\ProgramData\\Qiosk" \/setowner \*S-1-5-32-544 && icacls "D:\\ProgramData\\Qiosk" \/reset && icacls "D:\\ProgramData\\Qiosk" \/inheritance:r \/grant:r \*S-1-5-32-544:\(OI\)\(CI\)F \*S-1-5-18:\(OI\)\(CI\)F \*S-1-5-32-545:\(OI\)\(CI\)RX$/],
    ['the file created by a user (so owned by them): refused', { [DIR]: INSTALLED, [FILE]: { ...INSTALLED, owner: A_USER } },
      /^this policy file is owned by S-1-5-21-.*Fix: if you wrote this file, in an administrator Command Prompt: icacls "D:\\ProgramData\\Qiosk\\policy\.json" \/setowner \*S-1-5-32-544 && icacls "D:\\ProgramData\\Qiosk\\policy\.json" \/reset/],
    ['the ACL cannot be read: refused (fail closed)', { [DIR]: new Error('powershell.exe not found') }, /^the permissions of D:\\ProgramData\\Qiosk could not be read \(powershell\.exe not found\)/],
  ])('%s', async (_what, acls, expected) => {
    const r = await readWindowsPolicy(port(acls), readFile, FILE);
    if (expected instanceof RegExp) {
      expect(r).toEqual({ problems: [expect.objectContaining({ source: FILE, path: '', machinePolicy: true })] });
      expect(messageOf(r)).toMatch(expected);
    } else expect(r).toEqual(expected);
  });

  it('checks the folder before the file, and reads the file only when both pass', async () => {
    const p = port({ [DIR]: { ...INSTALLED, owner: A_USER }, [FILE]: INSTALLED });
    let reads = 0;
    await readWindowsPolicy(p, () => (reads++, TEXT), FILE);
    expect([p.asked, reads]).toEqual([[DIR], 0]);
  });
});
