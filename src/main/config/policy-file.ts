// Reads the machine policy only if nobody but an administrator could have written it. The rules are pure
// functions over injected file-system facts, so every OS's cases are table tests on any machine:
// - POSIX: the file and every folder above it, from `/` down, owned by root and not writable by group or
//   others (a folder may be, when its sticky bit keeps others from replacing what root put there); no symbolic
//   links anywhere on the path; the file opened once without following a link, and checked and read through
//   that one handle, so what is checked is what is read.
// - Windows: the ProgramData folder from the OS's known-folder API (never the ProgramData environment variable,
//   which the user sets), and the Qiosk folder and the file each owned by Administrators, SYSTEM or
//   TrustedInstaller with no access entry that lets anyone else write, delete or re-permission them (read from
//   their ACLs), and neither a link.
// Every refusal names the path and the exact fix. A missing file is no policy (packaged builds then refuse to
// start: load.ts).
import path from 'node:path';
import type { ConfigProblem } from './errors';

export type PolicyRead = { text: string } | { missing: true } | { problems: ConfigProblem[] };

/** Where this machine's policy is, and how to read it so that only an administrator could have written it. */
export interface MachinePolicyAccess {
  /** The policy's path on this machine (Windows: under the ProgramData known folder). */
  defaultPath(): Promise<string>;
  read(file: string): Promise<PolicyRead>;
}

/** A refusal of the machine policy: IT's to fix (the status screen says so, see startupStatusCode). */
const refused = (file: string, message: string): PolicyRead => ({ problems: [{ source: file, path: '', message, machinePolicy: true }] });

const codeOf = (e: unknown): string => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown error';
};

/** A path as one shell word (the fix commands are pasted into a terminal). */
const sh = (p: string): string => (/^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replaceAll("'", `'\\''`)}'`);

// ---- POSIX ----

export interface PolicyStat {
  uid: number;
  mode: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/** An open file (Node's FileHandle fits). */
export interface PolicyHandle {
  stat(): Promise<PolicyStat>;
  readFile(encoding: 'utf8'): Promise<string>;
  close(): Promise<void>;
}

export interface PosixPolicyFs {
  lstat(p: string): Promise<PolicyStat>;
  /** open(2) read-only with O_NOFOLLOW: a symbolic link as the last part of the path fails with ELOOP. */
  openNoFollow(p: string): Promise<PolicyHandle>;
}

const STICKY = 0o1000;
const GROUP_OR_OTHER_WRITE = 0o022;
const octal = (mode: number) => `0${(mode & 0o7777).toString(8)}`;

/** The folders above `file`, from `/` down. */
function foldersAbove(file: string): string[] {
  const out: string[] = [];
  for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
    out.unshift(dir);
    if (dir === '/') return out;
  }
}

/** Why an account other than root could change what is at `p`, or undefined. */
function posixWriterProblem(st: PolicyStat, p: string, what: 'file' | 'folder'): string | undefined {
  const fix = `sudo chown root ${sh(p)} && sudo chmod go-w ${sh(p)}`;
  const subject = what === 'file' ? 'this policy file' : `its folder ${p}`;
  const could = what === 'file' ? 'change the policy' : 'replace the policy';
  if (st.uid !== 0) return `${subject} is owned by user id ${st.uid}, not root, so that account could ${could}; it is refused. Fix: ${fix}`;
  if ((st.mode & GROUP_OR_OTHER_WRITE) !== 0 && (what === 'file' || (st.mode & STICKY) === 0)) {
    return `${subject} is writable by its group or by everyone (mode ${octal(st.mode)}), so another account could ${could}; it is refused. Fix: ${fix}`;
  }
  return undefined;
}

const RECREATE = (file: string) => `sudo install -o root -m 644 <your policy.json> ${sh(file)}`;

/** The policy text, checked on the one handle it is read through; see the file comment for the rules. */
export async function readPosixPolicy(fs: PosixPolicyFs, policyPath: string): Promise<PolicyRead> {
  const file = path.posix.resolve(policyPath);
  for (const dir of foldersAbove(file)) {
    let st: PolicyStat;
    try {
      st = await fs.lstat(dir);
    } catch (e) {
      if (codeOf(e) === 'ENOENT') return { missing: true };
      return refused(file, `its folder ${dir} could not be checked (${codeOf(e)}); the kiosk user must be able to open every folder above the policy: sudo chmod a+rx ${sh(dir)}`);
    }
    if (st.isSymbolicLink()) {
      return refused(file, `its folder ${dir} is a symbolic link, which could be re-pointed; it is refused. Fix: keep the policy in real folders (sudo rm ${sh(dir)} && sudo mkdir -m 755 ${sh(dir)}, then ${RECREATE(file)})`);
    }
    if (!st.isDirectory()) return refused(file, `${dir} is not a folder; put the policy at the path Qiosk reads`);
    const problem = posixWriterProblem(st, dir, 'folder');
    // A bad folder with no policy in it is no policy (a developer's machine); with one, the policy is refused.
    if (problem) return (await exists(fs, file)) ? refused(file, problem) : { missing: true };
  }
  let handle: PolicyHandle;
  try {
    handle = await fs.openNoFollow(file);
  } catch (e) {
    const code = codeOf(e);
    if (code === 'ENOENT') return { missing: true };
    if (code === 'ELOOP' || code === 'EMLINK') {
      return refused(file, `this policy file is a symbolic link, which could be re-pointed; it is refused. Fix: put the file itself there (sudo rm ${sh(file)} && ${RECREATE(file)})`);
    }
    if (code === 'EACCES' || code === 'EPERM') return refused(file, `permission denied; the kiosk user must be able to read the policy: sudo chmod a+r ${sh(file)}`);
    return refused(file, `could not be read (${code})`);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return refused(file, `is not a regular file; put the policy file itself there (${RECREATE(file)})`);
    const problem = posixWriterProblem(st, file, 'file');
    if (problem) return refused(file, problem);
    return { text: await handle.readFile('utf8') };
  } finally {
    await handle.close();
  }
}

const exists = (fs: PosixPolicyFs, file: string) => fs.lstat(file).then(() => true, (e: unknown) => codeOf(e) !== 'ENOENT');

/** POSIX machines: a fixed, root-owned path. */
export function posixPolicyAccess(fs: PosixPolicyFs, platform: NodeJS.Platform): MachinePolicyAccess {
  return {
    defaultPath: async () => defaultPolicyPath(platform),
    read: (file) => readPosixPolicy(fs, file),
  };
}

/** Machine-wide policy location. Windows: `programData` is the ProgramData known folder as the OS gives it. */
export function defaultPolicyPath(platform: NodeJS.Platform, programData = 'C:\\ProgramData'): string {
  if (platform === 'win32') return path.win32.join(programData, 'Qiosk', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Qiosk/policy.json';
  return '/etc/qiosk/policy.json';
}

// ---- Windows ----

/** One access control entry, as the ACL reader reports it. */
export interface WindowsAce {
  sid: string;
  /** Allow (true) or deny. Deny entries only take rights away: they never make a policy unsafe. */
  allow: boolean;
  /** The access mask (FileSystemRights, generic bits included). */
  mask: number;
  /** Inherit-only entries do not apply to this object, only to what is created in it. */
  inheritOnly: boolean;
}

export interface WindowsAcl {
  owner: string;
  entries: WindowsAce[];
  /** A junction or symbolic link (FILE_ATTRIBUTE_REPARSE_POINT). */
  reparsePoint: boolean;
}

/** Reads what the Windows rules need. The adapter (adapters/machine-policy.ts) asks PowerShell. */
export interface WindowsPolicyPort {
  /** FOLDERID_ProgramData, from the known-folder API. */
  programDataFolder(): Promise<string>;
  /** The owner and ACL of a file or folder; rejects with code ENOENT when it does not exist. */
  readAcl(p: string): Promise<WindowsAcl>;
}

export const ADMINISTRATORS = 'S-1-5-32-544';
export const SYSTEM = 'S-1-5-18';
export const TRUSTED_INSTALLER = 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464';
const TRUSTED = new Set([ADMINISTRATORS, SYSTEM, TRUSTED_INSTALLER]);

/** Rights that let a holder change, replace or re-permission a file or folder (or add files to a folder). */
export const WRITE_RIGHTS = {
  FILE_WRITE_DATA: 0x2, // a folder: add a file
  FILE_APPEND_DATA: 0x4, // a folder: add a subfolder
  FILE_WRITE_EA: 0x10,
  FILE_DELETE_CHILD: 0x40,
  FILE_WRITE_ATTRIBUTES: 0x100,
  DELETE: 0x10000,
  WRITE_DAC: 0x40000,
  WRITE_OWNER: 0x80000,
  GENERIC_ALL: 0x10000000,
  GENERIC_WRITE: 0x40000000,
} as const;
const WRITE_MASK = Object.values(WRITE_RIGHTS).reduce((a, b) => a | b, 0);

const WELL_KNOWN: Record<string, string> = {
  [ADMINISTRATORS]: 'Administrators', [SYSTEM]: 'SYSTEM', [TRUSTED_INSTALLER]: 'TrustedInstaller',
  'S-1-5-32-545': 'Users', 'S-1-5-11': 'Authenticated Users', 'S-1-1-0': 'Everyone', 'S-1-3-0': 'CREATOR OWNER',
  'S-1-3-4': 'OWNER RIGHTS', 'S-1-5-4': 'INTERACTIVE', 'S-1-5-32-547': 'Power Users',
};
const nameOf = (sid: string) => (WELL_KNOWN[sid] ? `${WELL_KNOWN[sid]} (${sid})` : sid);
const rightsIn = (mask: number) => Object.entries(WRITE_RIGHTS).filter(([, bit]) => (mask & bit) !== 0).map(([name]) => name);

/** Why someone other than an administrator could change what `acl` protects, or undefined. Pure. */
export function windowsAclProblem(acl: WindowsAcl, subject: string): string | undefined {
  if (acl.reparsePoint) return `${subject} is a link (a junction or symbolic link), which could be re-pointed; it is refused`;
  if (!TRUSTED.has(acl.owner)) return `${subject} is owned by ${nameOf(acl.owner)}, not Administrators or SYSTEM, so that account could change its permissions; it is refused`;
  const writers = new Map<string, Set<string>>();
  for (const e of acl.entries) {
    if (!e.allow || e.inheritOnly || TRUSTED.has(e.sid) || (e.mask & WRITE_MASK) === 0) continue;
    const rights = writers.get(e.sid) ?? new Set<string>();
    for (const r of rightsIn(e.mask)) rights.add(r);
    writers.set(e.sid, rights);
  }
  if (writers.size === 0) return undefined;
  const who = [...writers].map(([sid, rights]) => `${nameOf(sid)}: ${[...rights].join(', ')}`).join('; ');
  return `${subject} can be changed by accounts other than Administrators and SYSTEM (${who}); it is refused`;
}

const icacls = (p: string) => `"${p}"`;
/** The administrator Command Prompt lines that give a folder the installer's permissions. */
const windowsFolderFix = (dir: string) =>
  `reinstall Qiosk (its installer sets this folder's permissions), or in an administrator Command Prompt: icacls ${icacls(dir)} /setowner *${ADMINISTRATORS} && icacls ${icacls(dir)} /reset && icacls ${icacls(dir)} /inheritance:r /grant:r *${ADMINISTRATORS}:(OI)(CI)F *${SYSTEM}:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX`;
const windowsFileFix = (file: string) =>
  `if you wrote this file, in an administrator Command Prompt: icacls ${icacls(file)} /setowner *${ADMINISTRATORS} && icacls ${icacls(file)} /reset (it then takes the Qiosk folder's permissions)`;

/** The policy text when the Qiosk folder and the file are an administrator's only. */
export async function readWindowsPolicy(port: WindowsPolicyPort, readFile: (p: string) => Promise<string> | string, policyPath: string): Promise<PolicyRead> {
  const file = path.win32.resolve(policyPath);
  const dir = path.win32.dirname(file);
  for (const [p, subject, fix] of [[dir, `its folder ${dir}`, windowsFolderFix(dir)], [file, 'this policy file', windowsFileFix(file)]] as const) {
    let acl: WindowsAcl;
    try {
      acl = await port.readAcl(p);
    } catch (e) {
      if (codeOf(e) === 'ENOENT') return { missing: true };
      return refused(file, `the permissions of ${p} could not be read (${e instanceof Error ? e.message : String(e)}), so the policy cannot be trusted; it is refused`);
    }
    const problem = windowsAclProblem(acl, subject);
    if (problem) return refused(file, `${problem}. Fix: ${fix}`);
  }
  try {
    return { text: await readFile(file) };
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return { missing: true };
    return refused(file, `could not be read (${codeOf(e)})`);
  }
}

/** Windows machines: the policy under the ProgramData known folder. */
export function windowsPolicyAccess(port: WindowsPolicyPort, readFile: (p: string) => Promise<string> | string): MachinePolicyAccess {
  return {
    defaultPath: async () => defaultPolicyPath('win32', await port.programDataFolder()),
    read: (file) => readWindowsPolicy(port, readFile, file),
  };
}
