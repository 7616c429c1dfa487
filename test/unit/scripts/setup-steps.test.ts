import { describe, expect, it } from 'vitest';
import { firstErrorLine, missingPackages, nodeVerdict, PACKAGES, summariseNpmOutput } from '../../../scripts/setup-steps.mjs';

describe('missingPackages', () => {
  it('lists only the packages dpkg does not report installed (arch suffixes and half-removed ones included)', () => {
    const dpkg = ['chromium install ok installed', 'xvfb deinstall ok config-files', 'libsecret-1-0:amd64 install ok installed', ''].join('\n');
    expect(missingPackages(['chromium', 'xvfb', 'libsecret-1-0', 'gnome-keyring'], dpkg)).toEqual(['xvfb', 'gnome-keyring']);
  });

  it('every job builds keytar and has a keychain; the demo and the tests have a Chromium', () => {
    for (const job of ['demo', 'start', 'test'] as const) expect(PACKAGES[job]).toEqual(expect.arrayContaining(['libsecret-1-dev', 'g++', 'gnome-keyring']));
    expect(PACKAGES.demo).toContain('chromium');
    expect(PACKAGES.test).toEqual(expect.arrayContaining(['chromium', 'xvfb']));
  });
});

describe('nodeVerdict', () => {
  it.each([
    ['v18.20.0', false, /too old: .*>= 20\.19/],
    ['v20.18.9', false, /too old/],
    ['v20.20.2', true, /builds, tests and the preview work; Electron 45's download and packaging tools declare Node >= 22\.12/],
    ['v22.12.0', true, /^Node v22\.12\.0\.$/],
    ['v24.1.0', true, /^Node v24\.1\.0\.$/],
  ])('%s', (version, ok, line) => {
    const v = nodeVerdict(version);
    expect(v.ok).toBe(ok);
    expect(v.line).toMatch(line);
  });
});

describe('summariseNpmOutput', () => {
  const engine = (pkg: string, node: string) => [
    'npm warn EBADENGINE Unsupported engine {',
    `npm warn EBADENGINE   package: '${pkg}',`,
    `npm warn EBADENGINE   required: { node: '${node}' },`,
    "npm warn EBADENGINE   current: { node: 'v20.20.2', npm: '11.19.1' }",
    'npm warn EBADENGINE }',
  ];
  it('folds the EBADENGINE flood into one line naming the packages, and keeps every other warning', () => {
    const text = [...engine('electron@45.4.1', '>= 22.12.0'), ...engine('@electron/get@5.1.0', '>=22.12.0'), 'npm warn deprecated foo@1: use bar', 'added 460 packages in 22s'].join('\n');
    const s = summariseNpmOutput(text);
    expect(s.engineLine).toBe('2 package(s) declare a newer Node (>=22.12.0): electron, @electron/get');
    expect(s.kept).toEqual(['npm warn deprecated foo@1: use bar']);
  });

  it('says nothing about engines when there were no such warnings', () => {
    expect(summariseNpmOutput('added 1 package').engineLine).toBe('');
  });
});

describe('firstErrorLine', () => {
  it('picks the error, not the stack', () => {
    const out = ['TypeError: fetch failed', '    at node:internal/deps/undici/undici:14976:13', '    at async downloadArtifact (file:///x.js:1:1)'].join('\n');
    expect(firstErrorLine(out)).toBe('fetch failed');
  });
  it('names a DNS failure when that is what was said', () => {
    expect(firstErrorLine('Downloading…\nError: getaddrinfo ENOTFOUND github.com\n    at x')).toBe('getaddrinfo ENOTFOUND github.com');
  });
});
