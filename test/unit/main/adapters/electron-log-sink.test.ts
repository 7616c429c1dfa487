import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createElectronLogSink } from '../../../../src/main/adapters/electron-log-sink';

const root = mkdtempSync(path.join(os.tmpdir(), 'qiosk-logsink-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const mode = (p: string) => statSync(p).mode & 0o777;
const flushed = async (file: string, text: string) => {
  for (let i = 0; i < 100 && !(readFileSync(file, 'utf8').includes(text)); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('the log file sink', () => {
  it('creates the file readable by its owner only, in a folder only its owner can enter', async () => {
    const dir = path.join(root, 'fresh', 'logs');
    createElectronLogSink(() => dir)('info', 'first line');
    const file = path.join(dir, 'main.log');
    await flushed(file, 'first line');
    expect(mode(file)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
  });

  it('tightens a log file an earlier version left world-readable', async () => {
    const dir = path.join(root, 'old');
    const file = path.join(dir, 'main.log');
    (await import('node:fs')).mkdirSync(dir, { recursive: true });
    writeFileSync(file, 'old line\n', { mode: 0o644 });
    expect(mode(file)).toBe(0o644);
    createElectronLogSink(() => dir)('warn', 'second line');
    await flushed(file, 'second line');
    expect(mode(file)).toBe(0o600);
  });
});
