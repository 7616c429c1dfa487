// A private X display for headed-window tests (Xvfb, installed by `node scripts/setup.mjs test`): the
// display number is Xvfb's own pick (-displayfd), so parallel runs never collide.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Display {
  /** ":N", for $DISPLAY. */
  name: string;
  stop(): Promise<void>;
}

export async function startXvfb(size = '1920x1080x24', timeoutMs = 10_000): Promise<Display> {
  const child: ChildProcess = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', size, '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not start within the bound')), timeoutMs);
    child.once('error', (e) => reject(new Error(`Xvfb could not start (${e.message}): install xvfb`)));
    child.stdio[3]!.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(text.trim());
      }
    });
  });
  return {
    name: `:${number}`,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
