// The Windows ACL reader's two testable halves without Windows: the PowerShell script it sends (the path cannot
// be read as code; no cmdlet, so nothing is loaded from PSModulePath) and the parser of what it prints (anything
// unexpected is an error, and the policy is then refused).
import { describe, expect, it } from 'vitest';
import { aclScript, parseAclReport } from '../../../../src/main/adapters/machine-policy';

const P = 'C:\\ProgramData\\Qiosk';

describe('the Windows ACL report', () => {
  it('parses owner, link flag and entries; masks with the top bit set come out unsigned', () => {
    const report = [
      'owner S-1-5-32-544', 'reparse 0',
      'ace S-1-5-32-544 allow 2032127 0', 'ace S-1-5-18 allow 268435456 1', 'ace S-1-1-0 allow -2147483648 0', 'ace S-1-5-32-545 deny 2 0', '',
    ].join('\r\n');
    expect(parseAclReport(report, P)).toEqual({
      owner: 'S-1-5-32-544', reparsePoint: false,
      entries: [
        { sid: 'S-1-5-32-544', allow: true, mask: 0x1f01ff, inheritOnly: false },
        { sid: 'S-1-5-18', allow: true, mask: 0x10000000, inheritOnly: true },
        { sid: 'S-1-1-0', allow: true, mask: 0x80000000, inheritOnly: false },
        { sid: 'S-1-5-32-545', allow: false, mask: 2, inheritOnly: false },
      ],
    });
  });

  it('a path that is not there', () => expect(parseAclReport('missing\r\n', P)).toBe('missing'));

  it.each([
    ['an account name instead of a SID', 'owner BUILTIN\\Administrators\nreparse 0'],
    ['no owner', 'reparse 0\nace S-1-5-18 allow 1 0'],
    ['no link flag', 'owner S-1-5-18'],
    ['a line it does not know', 'owner S-1-5-18\nreparse 0\nWARNING: something'],
    ['an entry with a bad mask', 'owner S-1-5-18\nreparse 0\nace S-1-5-18 allow FullControl 0'],
  ])('%s: an error, so the policy is refused', (_what, text) => {
    expect(() => parseAclReport(text, P)).toThrow(/ACL report/);
  });

  it('the script carries the path as base64, never as code, and calls .NET only (no cmdlet)', () => {
    const evil = "C:\\ProgramData\\Qiosk'; Remove-Item C:\\ -Recurse; '";
    const script = aclScript(evil);
    expect(script).not.toContain('Remove-Item');
    expect(script).toContain(Buffer.from(evil, 'utf8').toString('base64'));
    expect(script).not.toMatch(/\b(Get|Set|ConvertTo|Test|Import)-[A-Z]/);
  });
});
