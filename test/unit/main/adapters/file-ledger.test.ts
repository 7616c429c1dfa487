import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { fileLedger } from '../../../../src/main/adapters/file-ledger';

const dir = mkdtempSync(path.join(os.tmpdir(), 'qiosk-ledger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('keeps relaunch times in a file a relaunched process reads back (owner-only), and treats a missing or corrupt file as none', () => {
  const file = path.join(dir, 'relaunches.json');
  expect(fileLedger(file).read()).toEqual([]);
  fileLedger(file).write([1, 2, 3]);
  expect(fileLedger(file).read()).toEqual([1, 2, 3]); // a new instance: as after a relaunch
  expect(statSync(file).mode & 0o777).toBe(0o600);
  writeFileSync(file, '{ not json');
  expect(fileLedger(file).read()).toEqual([]);
  writeFileSync(file, '[1, "x", null, 4]');
  expect(fileLedger(file).read()).toEqual([1, 4]);
  expect(readFileSync(file, 'utf8')).toBe('[1, "x", null, 4]');
});
