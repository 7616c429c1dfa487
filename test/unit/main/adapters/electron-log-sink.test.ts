import log from 'electron-log/node';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

  it('tightens a rotated main.old.log an earlier version left world-readable, at the first write', async () => {
    const dir = path.join(root, 'old-rotated');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'main.old.log'), 'rotated line\n', { mode: 0o644 });
    createElectronLogSink(() => dir)('info', 'a line');
    await flushed(path.join(dir, 'main.log'), 'a line');
    expect(mode(path.join(dir, 'main.old.log'))).toBe(0o600);
  });

  it('keeps both files owner-only through a rotation, whatever mode the file had when it rotated', async () => {
    const dir = path.join(root, 'rotating');
    const file = path.join(dir, 'main.log');
    const sink = createElectronLogSink(() => dir);
    sink('info', 'before rotation');
    await flushed(file, 'before rotation');
    chmodSync(file, 0o644); // e.g. a copy or restore by hand while the kiosk ran
    const maxSize = log.transports.file.maxSize;
    log.transports.file.maxSize = 64; // the rotation hook at a size a test can reach
    try {
      sink('info', 'x'.repeat(100)); // past the limit: the next line rotates first
      sink('info', 'after rotation');
    } finally {
      log.transports.file.maxSize = maxSize;
    }
    await flushed(file, 'after rotation');
    const old = path.join(dir, 'main.old.log');
    expect(existsSync(old)).toBe(true);
    expect(readFileSync(old, 'utf8')).toContain('before rotation');
    expect(readFileSync(file, 'utf8')).not.toContain('before rotation');
    expect(mode(old)).toBe(0o600);
    expect(mode(file)).toBe(0o600);
  });
});
