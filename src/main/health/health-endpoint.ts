// The optional health endpoint (config health.port): HTTP on 127.0.0.1 only, on its own port, never the renderer
// origin. GET /health answers the status as JSON, GET /metrics in Prometheus's text format; nothing else. Pages
// cannot use it to learn anything: it sends no CORS headers, and a Host other than the loopback address and port
// (a DNS-rebinding page) is refused.
import http from 'node:http';
import type { Log } from '../core/ports';
import type { HealthStatus } from './health-status';
import { prometheusText } from './prometheus';

export interface HealthEndpoint {
  port: number;
  close(): Promise<void>;
}

export function startHealthEndpoint(o: { port: number; build(): HealthStatus; log: Log }): Promise<HealthEndpoint> {
  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(body);
    };
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${o.port}` && host !== `localhost:${o.port}`) return send(421, 'text/plain; charset=utf-8', 'misdirected request\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'only GET\n');
    const path = (req.url ?? '').split('?')[0];
    if (path === '/health') return send(200, 'application/json; charset=utf-8', `${JSON.stringify(o.build())}\n`);
    if (path === '/metrics') return send(200, 'text/plain; version=0.0.4; charset=utf-8', prometheusText(o.build()));
    return send(404, 'text/plain; charset=utf-8', 'not found: /health or /metrics\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e) => reject(new Error(`the health endpoint cannot listen on 127.0.0.1:${o.port} (${e.message}); choose another health.port`)));
    server.listen(o.port, '127.0.0.1', () => {
      o.log.info('health endpoint listening', { url: `http://127.0.0.1:${o.port}/health` });
      resolve({ port: o.port, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
