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

  it('tightens rotated files an earlier version left world-readable (main.old.log, main.2.log), at the first write', async () => {
    const dir = path.join(root, 'old-rotated');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'main.old.log'), 'rotated line\n', { mode: 0o644 });
    writeFileSync(path.join(dir, 'main.2.log'), 'rotated line\n', { mode: 0o644 });
    createElectronLogSink(() => dir)('info', 'a line');
    await flushed(path.join(dir, 'main.log'), 'a line');
    expect(mode(path.join(dir, 'main.old.log'))).toBe(0o600);
    expect(mode(path.join(dir, 'main.2.log'))).toBe(0o600);
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
    const old = path.join(dir, 'main.1.log');
    expect(existsSync(old)).toBe(true);
    expect(readFileSync(old, 'utf8')).toContain('before rotation');
    expect(readFileSync(file, 'utf8')).not.toContain('before rotation');
    expect(mode(old)).toBe(0o600);
    expect(mode(file)).toBe(0o600);
  });

  it('keeps log.maxFiles rotated files, newest as main.1.log, the oldest beyond the count removed', async () => {
    const dir = path.join(root, 'counted');
    const file = path.join(dir, 'main.log');
    const sink = createElectronLogSink(() => dir);
    sink.configure({ format: 'text', maxSizeMb: 1, maxFiles: 2 });
    log.transports.file.maxSize = 64; // the rotation hook at a size a test can reach
    try {
      for (const n of [1, 2, 3, 4]) {
        sink('info', `generation ${n} ${'x'.repeat(80)}`);
        await flushed(file, `generation ${n}`);
      }
      sink('info', 'last');
      await flushed(file, 'last');
    } finally {
      sink.configure({ format: 'text', maxSizeMb: 5, maxFiles: 3 });
    }
    expect(readFileSync(path.join(dir, 'main.1.log'), 'utf8')).toContain('generation 4');
    expect(readFileSync(path.join(dir, 'main.2.log'), 'utf8')).toContain('generation 3');
    expect(existsSync(path.join(dir, 'main.3.log'))).toBe(false);
    for (const f of ['main.log', 'main.1.log', 'main.2.log']) expect(mode(path.join(dir, f))).toBe(0o600);
  });
});
