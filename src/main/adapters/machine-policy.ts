// The machine policy's file access on this OS (rules: config/policy-file.ts). POSIX: Node's lstat and an open
// with O_NOFOLLOW whose handle is checked and read. Windows: the ProgramData known folder and the ACLs, from
// Windows PowerShell 5.1 run with a fixed environment and .NET calls only (no cmdlet, so no module a user could
// put first on PSModulePath is ever loaded), reporting one line per fact for parseAclReport.
import { execFile } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import { posixPolicyAccess, windowsPolicyAccess, type MachinePolicyAccess, type WindowsAcl, type WindowsPolicyPort } from '../config/policy-file';

export function nodeMachinePolicy(platform: NodeJS.Platform = process.platform): MachinePolicyAccess {
  if (platform === 'win32') return windowsPolicyAccess(powershellPolicyPort(), (p) => fs.readFile(p, 'utf8'));
  return posixPolicyAccess({
    lstat: (p) => fs.lstat(p),
    openNoFollow: (p) => fs.open(p, constants.O_RDONLY | constants.O_NOFOLLOW),
  }, platform);
}

// A fixed path, not %SystemRoot% or %windir%: those come from the environment, which the kiosk user sets. A
// Windows installed elsewhere than C:\Windows makes the check fail, and the policy is then refused (fail closed).
const WINDOWS = 'C:\\Windows';
const POWERSHELL = `${WINDOWS}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;
const ENV = { SystemRoot: WINDOWS, windir: WINDOWS, SystemDrive: WINDOWS.slice(0, 2) };

function powershell(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(POWERSHELL, ['-NoLogo', '-NoProfile', '-NonInteractive', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')],
      { env: ENV, windowsHide: true, timeout: 20_000, maxBuffer: 1 << 20 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

/** A path as a PowerShell expression that cannot be read as code, whatever characters it has. */
const literal = (p: string) => `[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${Buffer.from(p, 'utf8').toString('base64')}'))`;

/** The script printing `owner <sid>`, `reparse 0|1` and `ace <sid> allow|deny <mask> <inheritOnly 0|1>` lines. */
export function aclScript(p: string): string {
  return [
    `$p = ${literal(p)}`,
    "if ([IO.Directory]::Exists($p)) { $s = [IO.Directory]::GetAccessControl($p) } elseif ([IO.File]::Exists($p)) { $s = [IO.File]::GetAccessControl($p) } else { 'missing'; exit 0 }",
    "$sid = [Security.Principal.SecurityIdentifier]",
    "'owner ' + $s.GetOwner($sid).Value",
    "'reparse ' + [int](([IO.File]::GetAttributes($p) -band [IO.FileAttributes]::ReparsePoint) -ne 0)",
    "foreach ($r in $s.GetAccessRules($true, $true, $sid)) { 'ace ' + $r.IdentityReference.Value + ' ' + $r.AccessControlType.ToString().ToLower() + ' ' + [int]$r.FileSystemRights + ' ' + [int](($r.PropagationFlags -band [Security.AccessControl.PropagationFlags]::InheritOnly) -ne 0) }",
  ].join('\n');
}

const SID = /^S-\d+(-\d+)+$/;

/** Parses aclScript's output; anything unexpected is an error (the policy is then refused). */
export function parseAclReport(text: string, p: string): WindowsAcl | 'missing' {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length === 1 && lines[0] === 'missing') return 'missing';
  const acl: Partial<WindowsAcl> & { entries: WindowsAcl['entries'] } = { entries: [] };
  for (const line of lines) {
    const [kind, ...f] = line.split(' ');
    if (kind === 'owner' && f.length === 1 && SID.test(f[0]!)) acl.owner = f[0]!;
    else if (kind === 'reparse' && f.length === 1 && /^[01]$/.test(f[0]!)) acl.reparsePoint = f[0] === '1';
    else if (kind === 'ace' && f.length === 4 && SID.test(f[0]!) && /^(allow|deny)$/.test(f[1]!) && /^-?\d+$/.test(f[2]!) && /^[01]$/.test(f[3]!)) {
      acl.entries.push({ sid: f[0]!, allow: f[1] === 'allow', mask: Number(f[2]) >>> 0, inheritOnly: f[3] === '1' });
    } else throw new Error(`unexpected ACL report line for ${p}: ${line.slice(0, 200)}`);
  }
  if (acl.owner === undefined || acl.reparsePoint === undefined) throw new Error(`incomplete ACL report for ${p}`);
  return acl as WindowsAcl;
}

function powershellPolicyPort(): WindowsPolicyPort {
  return {
    async programDataFolder() {
      // .NET asks the shell's known-folder API (FOLDERID_ProgramData), which reads HKLM, not the environment.
      const folder = (await powershell("[Environment]::GetFolderPath('CommonApplicationData')")).trim();
      if (!/^[A-Za-z]:\\/.test(folder)) throw new Error(`the ProgramData known folder is not a local path: "${folder.slice(0, 200)}"`);
      return folder;
    },
    async readAcl(p) {
      const report = parseAclReport(await powershell(aclScript(p)), p);
      if (report === 'missing') throw Object.assign(new Error(`${p} does not exist`), { code: 'ENOENT' });
      return report;
    },
  };
}
