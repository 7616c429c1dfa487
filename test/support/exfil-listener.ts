// A would-be exfiltration endpoint on loopback for the harness: an HTTP + websocket server, a TURN-like UDP and
// TCP responder that answers every request with 401 + REALM + NONCE (so a WebRTC client sends its USERNAME,
// the token, in the retry), and a DNS logger. It records every byte and every name it receives.
import dgram from 'node:dgram';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

const MAGIC = 0x2112a442;

/** A STUN/TURN error response (class 0x0110) to request `msg`: 401 Unauthorized with a realm and a nonce. */
export function turnChallenge(msg: Buffer): Buffer | undefined {
  if (msg.length < 20 || msg.readUInt32BE(4) !== MAGIC) return undefined;
  const attr = (type: number, value: Buffer) => {
    const pad = Buffer.alloc((4 - (value.length % 4)) % 4);
    const head = Buffer.alloc(4);
    head.writeUInt16BE(type, 0);
    head.writeUInt16BE(value.length, 2);
    return Buffer.concat([head, value, pad]);
  };
  const attrs = Buffer.concat([
    attr(0x0009, Buffer.concat([Buffer.from([0, 0, 4, 1]), Buffer.from('Unauthorized')])),
    attr(0x0014, Buffer.from('exfil.test')),
    attr(0x0015, Buffer.from('0123456789abcdef')),
  ]);
  const head = Buffer.alloc(20);
  head.writeUInt16BE((msg.readUInt16BE(0) & 0x3eef) | 0x0110, 0);
  head.writeUInt16BE(attrs.length, 2);
  msg.copy(head, 4, 4, 20);
  return Buffer.concat([head, attrs]);
}

/** The QNAME of a DNS query, or '' when it is not one. */
export function dnsQueryName(msg: Buffer): string {
  const labels: string[] = [];
  for (let i = 12; i < msg.length && msg[i] !== 0; ) {
    const n = msg[i]!;
    labels.push(msg.subarray(i + 1, i + 1 + n).toString('latin1'));
    i += n + 1;
  }
  return labels.join('.');
}

export interface ExfilListener {
  httpPort: number;
  turnPort: number;
  /** Everything received, as text (latin1), one entry per packet, request or query. */
  received: string[];
  close(): Promise<void>;
}

/** `dnsAddress`, when given, gets a DNS logger on port 53 answering NXDOMAIN (needs root). */
export async function startExfilListener(dnsAddress?: string): Promise<ExfilListener> {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('latin1')));
    req.on('end', () => {
      received.push(`HTTP ${req.method} ${req.url} ${JSON.stringify(req.headers)} ${body}`);
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/javascript' });
      res.end('/* nothing */');
    });
  });
  server.on('upgrade', (req, socket) => {
    received.push(`WS ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const httpPort = (server.address() as AddressInfo).port;

  const udp = dgram.createSocket('udp4');
  udp.on('message', (m, from) => {
    received.push(`TURN/UDP ${m.toString('latin1')}`);
    const reply = turnChallenge(m);
    if (reply) udp.send(reply, from.port, from.address);
  });
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
  const turnPort = udp.address().port;
  const tcp = net.createServer((c) => {
    c.on('error', () => {});
    c.on('data', (m: Buffer) => {
      received.push(`TURN/TCP ${m.toString('latin1')}`);
      const reply = turnChallenge(m);
      if (reply) c.write(reply);
    });
  });
  await new Promise<void>((r) => tcp.listen(turnPort, '127.0.0.1', r));

  let dns: dgram.Socket | undefined;
  if (dnsAddress) {
    dns = dgram.createSocket('udp4');
    dns.on('message', (m, from) => {
      received.push(`DNS ${dnsQueryName(m)}`);
      const r = Buffer.from(m);
      r[2] = 0x81;
      r[3] = 0x83; // NXDOMAIN
      dns!.send(r, from.port, from.address);
    });
    await new Promise<void>((r) => dns!.bind(53, dnsAddress, r));
  }
  return {
    httpPort, turnPort, received,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await new Promise((r) => tcp.close(r));
      udp.close();
      dns?.close();
    },
  };
}
