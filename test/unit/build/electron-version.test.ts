import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

// The security floor: the latest 45.x when issue 15 landed (45.5.0 had fixed what 45.4.1 shipped with). The
// lock file is what npm ci installs.
it('installs Electron 45.6.1 or a later 45.x release', () => {
  const lock = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
  const [major, minor, patch] = lock.packages['node_modules/electron']!.version.split('.').map(Number) as [number, number, number];
  expect(major).toBe(45);
  expect(minor * 1000 + patch).toBeGreaterThanOrEqual(6001);
});
