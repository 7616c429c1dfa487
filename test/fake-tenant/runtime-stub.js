// Fake Qlik runtime ("stub" mode, reference §6.5), served by the fake tenant as /qlik-embed/main.js after
// runtime-visuals.js (the drawing).
// Not Qlik's code: a stand-in that does what the real runtime does on the wire for auth-type Oauth2 with a
// get-access-token function, so tests can see the bridge, Bearer REST, the token exchange and the websocket.
// The real loader (@qlik/embed-web-components) appends this as a classic script, then calls
// QlikMain.import('embed-vanilla@v1') and mountVanillaEmbedComponent({ target, props }), where props are
// { hostConfig: { authType, clientId, getAccessToken, host, ... }, exposeRefApi, ui, appId, sheetId, ... }.
(() => {
  'use strict';
  const BASE_URL = __FAKE_TENANT_BASE_URL__; // replaced with a JSON string when served
  // { mode, resumeDelayMs, drawDelayMs }: test/fake-tenant/options.ts RUNTIME_MODES says what each mode does.
  const RUNTIME = __FAKE_RUNTIME_MODE__;
  const REAL = RUNTIME.mode !== 'worst-case'; // ref APIs, events and statuses as the real package has them
  const RESUMES = RUNTIME.mode === 'self-resuming';
  if (window.QlikMain) return;

  const GRANT_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
  const TOKEN_TYPE_ACCESS = 'urn:ietf:params:oauth:token-type:access_token';
  const stats = { bridgeCalls: 0, mounts: 0, resumes: 0 };
  /** QIX error codes as HTTP statuses: 2 not found, 5 access denied. */
  const QIX_STATUS = { 2: 404, 5: 403 };

  class EmbedError extends Error {
    /** `status`: a number in the worst case; in the real modes a string, as Qlik's REST errors carry it. */
    constructor(name, message, fatal, status) {
      super(message);
      Object.assign(this, { name, fatal, status: status === undefined ? undefined : REAL ? String(status) : status });
    }
  }
  const configError = (message) => new EmbedError('InvalidHostConfigError', message, true);

  // ---- access token: like @qlik/api in the browser (reference §2) ----
  // One promise per clientId_scope, shared by every embed on the page, and every acquisition chained on one
  // global promise. A rejection is cached, and it poisons the chain: later acquisitions, for any clientId,
  // fail without calling the function until the page reloads.
  const tokenCache = new Map();
  let lastOauthTokensCall = Promise.resolve();
  const tokenKey = (hc) => `${hc.clientId}_${hc.scope || 'user_default'}`;

  function tokenFunction(hc) {
    const g = hc.getAccessToken;
    if (typeof g === 'function') return g;
    if (typeof g !== 'string') throw configError('the fake runtime needs hostConfig.getAccessToken (a global function name)');
    if (typeof globalThis[g] !== 'function') throw configError(`getAccessToken function "${g}" not found on globalThis`);
    return globalThis[g];
  }

  function checkHostConfig(hc) {
    if (hc.authType && String(hc.authType).toLowerCase() !== 'oauth2') throw configError(`the fake runtime supports auth-type Oauth2 only (got ${hc.authType})`);
    if (!hc.clientId) throw configError('A clientId is required with getAccessToken');
    tokenFunction(hc);
  }

  function getAccessToken(hc) {
    const key = tokenKey(hc);
    if (tokenCache.has(key)) return tokenCache.get(key);
    const fn = tokenFunction(hc);
    const p = lastOauthTokensCall
      .then(() => {
        stats.bridgeCalls++;
        return fn();
      })
      .then((token) => {
        if (typeof token !== 'string' || token === '') throw new Error('not a token');
        return token;
      })
      .catch(() => {
        throw new EmbedError('AuthorizationError', 'Could not fetch access token using custom function (Status: 401)', true, 401);
      });
    p.catch(() => {}); // the rejection is kept and handed out; don't report it as unhandled
    lastOauthTokensCall = p;
    tokenCache.set(key, p);
    return p;
  }

  // ---- REST: Bearer, no cookies, CORS with a custom header (so a preflight happens), cached per URL ----
  function hostUrl(hc) {
    const url = hc.host || BASE_URL;
    return (/^https?:\/\//i.test(url) ? url : `https://${url}`).replace(/\/+$/, '');
  }

  const authedGet = async (hc, url) =>
    fetch(url, {
      method: 'GET',
      mode: 'cors',
      credentials: 'omit',
      cache: 'no-store',
      headers: { Authorization: `Bearer ${await getAccessToken(hc)}`, 'qlik-api-version': '2026-08' },
    });

  const getCache = new Map();
  function restGet(hc, path) {
    const url = hostUrl(hc) + path;
    if (getCache.has(url)) return getCache.get(url);
    const p = (async () => {
      let res = await authedGet(hc, url);
      if (res.status === 401) {
        // As @qlik/api: clear the token, ask the function again once, retry once.
        tokenCache.delete(tokenKey(hc));
        res = await authedGet(hc, url);
        if (res.status === 401) throw new EmbedError('AuthorizationError', `GET ${path} answered 401 after a fresh token`, true, 401);
      }
      if (!res.ok) throw new EmbedError('HttpError', `GET ${path} answered ${res.status}`, false, res.status);
      return res.json();
    })();
    getCache.set(url, p);
    p.catch(() => getCache.delete(url));
    return p;
  }

  // ---- websocket token exchange, retried once with a fresh access token when refused ----
  async function exchangeOnce(hc, purpose) {
    const token = await getAccessToken(hc);
    const res = await fetch(`${hostUrl(hc)}/oauth/token`, {
      method: 'POST',
      mode: 'cors',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        subject_token: token,
        subject_token_type: TOKEN_TYPE_ACCESS,
        grant_type: GRANT_EXCHANGE,
        purpose,
        redirect_uri: location.href,
        client_id: hc.clientId,
      }),
    });
    if (res.status !== 200) {
      const code = await res.json().then((b) => b.errors?.[0]?.code ?? '', () => '');
      throw new EmbedError('AuthorizationError', `token exchange answered ${res.status} ${code}`.trim(), true, res.status);
    }
    return (await res.json()).access_token;
  }

  async function exchange(hc, purpose) {
    try {
      return await exchangeOnce(hc, purpose);
    } catch (e) {
      if (!(e instanceof EmbedError)) throw e; // network/CORS failure: no retry
      tokenCache.delete(tokenKey(hc));
      return exchangeOnce(hc, purpose);
    }
  }

  // ---- engine sessions: one websocket per host + app + identity, shared by the embeds showing it ----
  const sessions = new Map();

  class Session {
    constructor(hc, appId, identity, key) {
      Object.assign(this, { hc, appId, identity, key, refs: 0, state: 'connecting', closeCode: null, title: '', error: null, ws: null, stopped: false, resuming: null });
      this.listeners = new Set();
      this.wsListeners = new Set(); // @qlik/api's onWebSocketEvent (real modes, through qix@v1)
      this.calls = new Map(); // JSON-RPC requests made through the ref API's doc, by id
      this.nextId = 100;
      this.ready = new Promise((resolve, reject) => Object.assign(this, { markReady: resolve, markFailed: reject }));
      this.ready.catch(() => {});
    }

    /** A QIX call on the open doc, as enigma makes it: rejects when the socket is not open or the engine errs.
     * A suspended session (self-resuming mode) resumes first; otherwise a closed one never reconnects. */
    async call(method, params = [], handle = 1) {
      if (RESUMES && (this.state === 'suspended' || this.state === 'resuming')) await this.resume();
      if (this.state !== 'connected' || !this.ws || this.ws.readyState !== WebSocket.OPEN) {
        throw new EmbedError('EngineError', 'Socket closed', false);
      }
      const id = this.nextId++;
      return new Promise((resolve, reject) => {
        this.calls.set(id, { resolve, reject });
        this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, handle, params }));
      });
    }

    settleCalls() {
      for (const c of this.calls.values()) c.reject(new EmbedError('EngineError', 'Socket closed', false));
      this.calls.clear();
    }

    set(state, error) {
      this.state = state;
      if (error) this.error = error;
      this.listeners.forEach((fn) => fn());
    }

    emitWs(eventType, extra = {}) {
      const event = { eventType, ...extra, appId: this.appId, identity: this.identity || undefined };
      this.wsListeners.forEach((fn) => {
        try {
          fn(event);
        } catch {
          // a listener's failure is its own
        }
      });
    }

    async start() {
      try {
        await this.connect();
        this.markReady();
        if (REAL) this.emitWs('opened');
      } catch (e) {
        const err = e instanceof EmbedError ? e : new EmbedError('NetworkError', `token exchange failed: ${e.message}`, false);
        this.markFailed(err);
        this.set('error', err);
      }
    }

    /** Exchange a token, open the websocket and the doc: resolves once the app is open. */
    async connect() {
      const token = await exchange(this.hc, 'websocket');
      if (this.stopped) return;
      const wsBase = hostUrl(this.hc).replace(/^http/i, 'ws'); // http -> ws, https -> wss
      const app = encodeURIComponent(this.appId);
      const path = `/app/${app}${this.identity ? `/identity/${encodeURIComponent(this.identity)}` : ''}`;
      const reloadUri = encodeURIComponent(`${wsBase}/sense/app/${app}`);
      const ws = new WebSocket(`${wsBase}${path}?reloadUri=${reloadUri}&accessToken=${encodeURIComponent(token)}`);
      this.ws = ws;
      const send = (id, method, handle, params) => ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, handle, params }));
      await new Promise((resolve, reject) => {
        let opened = false;
        // A refused app (deleted, forbidden): the browser sees only a failed websocket. The real runtime reports it
        // as a fatal error without a status (known-real); the worst case as a plain error.
        const openFailed = () => reject(new EmbedError(REAL ? 'AppOpenError' : 'WebSocketError', 'engine websocket failed to open', REAL));
        ws.onmessage = (ev) => {
          let msg;
          try {
            msg = JSON.parse(ev.data);
          } catch {
            return;
          }
          const call = this.calls.get(msg.id);
          if (call) {
            this.calls.delete(msg.id);
            if (msg.error) call.reject(new EmbedError('EngineError', msg.error.message || 'engine error', false, QIX_STATUS[msg.error.code]));
            else call.resolve(msg.result);
            return;
          }
          if (msg.method === 'OnConnected') {
            send(1, 'OpenDoc', -1, [this.appId]);
            this.set('connected');
          } else if (msg.id === 1 && msg.result) {
            send(2, 'GetAppLayout', 1, []);
          } else if (msg.id === 2 && msg.result) {
            this.title = msg.result.qLayout.qTitle;
            opened = true;
            this.set('connected');
            resolve();
          }
        };
        ws.onerror = () => {
          if (!opened) openFailed();
        };
        ws.onclose = (ev) => {
          this.closeCode = ev.code;
          this.settleCalls();
          if (!opened) return openFailed();
          if (this.ws === ws) this.dropped(ev);
        };
      });
    }

    /** The engine closed an open socket: the worst case and known-real never come back; self-resuming marks
     * the session suspended and resumes on the next engine call (or at once for close codes 4003/4004/4007). */
    dropped(ev) {
      if (this.stopped) return;
      if (!RESUMES) {
        if (this.state !== 'error') this.set('closed');
        if (REAL) this.emitWs('closed', { code: ev.code, reason: ev.reason });
        return;
      }
      this.set('suspended');
      this.emitWs('suspended', { code: ev.code, reason: ev.reason, initiator: 'network' });
      if ([4003, 4004, 4007].includes(ev.code)) this.resume().catch(() => {});
    }

    /** Reconnects a suspended session once (calls made meanwhile wait for it); a failed resume closes it. */
    resume() {
      if (this.state !== 'suspended' && this.state !== 'resuming') return Promise.resolve();
      this.resuming ||= (async () => {
        stats.resumes++;
        this.set('resuming');
        this.emitWs('resuming');
        try {
          if (RUNTIME.resumeDelayMs > 0) await new Promise((r) => setTimeout(r, RUNTIME.resumeDelayMs));
          await this.connect();
          this.emitWs('resumed');
        } catch (e) {
          this.set('closed');
          this.emitWs('closed', { code: this.closeCode ?? 1006, reason: 'resume failed' });
          throw e;
        } finally {
          this.resuming = null;
        }
      })();
      return this.resuming;
    }

    stop() {
      this.stopped = true;
      if (sessions.get(this.key) === this) sessions.delete(this.key);
      this.ws?.close(1000);
    }
  }

  function acquireSession(hc, appId, identity) {
    const key = `${hostUrl(hc)}|${appId}|${identity || ''}`;
    let s = sessions.get(key);
    const fresh = !s || s.state === 'closed' || s.state === 'error';
    if (fresh) {
      s = new Session(hc, appId, identity, key);
      sessions.set(key, s);
    }
    s.refs++;
    if (fresh) s.start();
    return s;
  }

  // ---- the embed ----
  const mounted = new Set();

  function render(embed) {
    const { props: p, div, session: s } = embed;
    const described = embed.layout?.key === `${p.appId}|${shownId(p)}` ? embed.layout : null;
    const attrs = {
      'data-ui': p.ui,
      'data-app-id': p.appId,
      'data-object-id': p.objectId,
      'data-sheet-id': p.sheetId,
      'data-user-id': embed.userId,
      'data-ws-state': s ? s.state : p.appId ? 'idle' : 'none',
      'data-ws-close-code': s?.closeCode == null ? undefined : String(s.closeCode),
      'data-status': embed.status,
      'data-error': embed.error?.message,
      'data-layout': described ? 'loaded' : undefined, // the engine told the picture what the object is
    };
    div.setAttribute('data-fake-qlik-embed', '');
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === '') div.removeAttribute(k);
      else div.setAttribute(k, v);
    }
    window.__fakeQlikVisuals.draw(div, {
      ui: p.ui,
      layout: described?.layout,
      cells: described?.cells,
      appId: p.appId,
      sheetId: p.sheetId,
      objectId: p.objectId,
      appTitle: s?.title || '',
      userName: embed.userName,
      status: embed.status,
      wsState: attrs['data-ws-state'],
      error: embed.error?.message,
    });
    describeShown(embed);
  }

  function fail(embed, e) {
    const err = e instanceof EmbedError ? e : new EmbedError('NetworkError', `request failed: ${e?.message}`, false);
    embed.status = 'error';
    embed.error = err;
    render(embed);
    const detail = err.status === undefined ? { name: err.name, message: err.message } : { name: err.name, message: err.message, status: err.status };
    embed.target.dispatchEvent(new CustomEvent(err.fatal ? 'fatalerror' : 'error', { detail }));
  }

  function releaseSession(embed) {
    const s = embed.session;
    if (!s) return;
    s.listeners.delete(embed.onSession);
    embed.session = null;
    if (--s.refs <= 0) s.stop();
  }

  async function run(embed) {
    const gen = ++embed.generation;
    const stale = () => embed.destroyed || gen !== embed.generation;
    releaseSession(embed);
    Object.assign(embed, { status: 'loading', error: null });
    render(embed);
    try {
      const hc = embed.props.hostConfig || {};
      checkHostConfig(hc);
      const me = await restGet(hc, '/api/v1/users/me');
      if (stale()) return;
      embed.userId = me.id;
      embed.userName = me.name || '';
      if (embed.props.appId) {
        embed.session = acquireSession(hc, embed.props.appId, embed.props.identity);
        embed.session.listeners.add(embed.onSession);
      }
      if (RUNTIME.drawDelayMs > 0) await new Promise((r) => setTimeout(r, RUNTIME.drawDelayMs)); // still "Loading…"
      if (stale()) return;
      embed.status = 'ready';
      embed.onSession();
      // The object this embed shows (a chart, a sheet) is fetched from the engine: section access can refuse it.
      const objectId = embed.props.objectId || embed.props.sheetId || embed.props.sheet;
      if (embed.session && objectId) {
        const s = embed.session;
        const opened = await s.ready.then(() => true, () => false); // a failed open is reported by onSession
        if (opened && !stale()) await s.call('GetObject', [objectId]);
      }
    } catch (e) {
      if (!stale()) fail(embed, e);
    }
  }

  /** What the picture needs to know of the object shown (title, chart type, a sheet's cells with theirs), as the
   * real runtime learns it: GetObject, GetLayout on its handle, then each cell's. Asked once per object while the
   * embed is ready on a connected session (never resumes one); a failure is no embed error: the picture keeps its
   * guesses, and asks again at its next render. */
  const shownId = (p) => p.objectId || p.sheetId || p.sheet;
  function describeShown(embed) {
    const s = embed.session;
    const id = shownId(embed.props);
    const key = `${embed.props.appId}|${id}`;
    if (!id || !s || s.state !== 'connected' || embed.status !== 'ready' || embed.layout?.key === key || embed.describing === key) return;
    embed.describing = key;
    const ask = (method, params, handle) => (s.state === 'connected' ? s.call(method, params, handle) : Promise.reject(new Error('not connected')));
    const layoutOf = async (objectId) => (await ask('GetLayout', [], (await ask('GetObject', [objectId])).qReturn.qHandle)).qLayout;
    (async () => {
      const layout = await layoutOf(id);
      const cells = await Promise.all((layout.cells || []).map((c) => layoutOf(c.name).catch((e) => ({ qInfo: { qId: c.name, qType: c.type }, error: e.message }))));
      if (embed.destroyed || embed.session !== s || `${embed.props.appId}|${shownId(embed.props)}` !== key) return;
      embed.layout = { key, layout, cells };
      render(embed);
    })()
      .catch(() => {})
      .finally(() => {
        if (embed.describing === key) embed.describing = null;
      });
  }

  const docOf = (s) => ({ getAppProperties: () => s.call('GetAppProperties'), clearAll: () => s.call('ClearAll') });
  function sessionOf(embed) {
    const s = embed.session;
    if (!s) throw new EmbedError('EngineError', 'no app on this embed', false);
    return s;
  }

  /** The ref API: in the worst case every embed has getDoc (the part Qlik's sample probes); in the real modes
   * what @qlik/embed-runtime's types give each UI: getDoc only for chart, field and selections, a bare object
   * for a sheet and classic/*, and nothing for ai/* (whether it hands one over is unknown). */
  function refApiFor(embed) {
    const getDoc = async () => {
      const s = sessionOf(embed);
      await s.ready;
      return docOf(s);
    };
    if (!REAL) return { fake: true, state: () => ({ status: embed.status, userId: embed.userId }), getDoc };
    switch (embed.props.ui) {
      case 'analytics/chart':
        return {
          getDoc,
          // The enigma model of the rendered object: a probe of that very object.
          getObject: async () => {
            const s = sessionOf(embed);
            await s.ready;
            const r = await s.call('GetObject', [embed.props.objectId]);
            return { id: embed.props.objectId, getLayout: () => s.call('GetLayout', [], r?.qReturn?.qHandle ?? 2) };
          },
          getChartRefApi: async () => ({}),
        };
      case 'analytics/field':
        return { getDoc, getField: async () => ({}) };
      case 'analytics/selections':
        return { getDoc };
      case 'analytics/sheet':
      case 'classic/app':
      case 'classic/chart':
        return {};
      default:
        return undefined;
    }
  }

  function mountVanillaEmbedComponent({ target, props }) {
    stats.mounts++;
    const embed = { target, props: props || {}, div: document.createElement('div'), userId: '', status: 'loading', error: null, session: null, generation: 0, destroyed: false };
    embed.onSession = () => (embed.session?.state === 'error' ? fail(embed, embed.session.error) : render(embed));
    target.appendChild(embed.div);
    mounted.add(embed);
    const refApi = refApiFor(embed);
    if (refApi && typeof embed.props.exposeRefApi === 'function') embed.props.exposeRefApi(refApi);
    run(embed);
    return {
      $set(next) {
        const before = embed.props;
        embed.props = next || {};
        const same = (k) => JSON.stringify(before[k] ?? null) === JSON.stringify(embed.props[k] ?? null);
        if (same('appId') && same('identity') && same('hostConfig')) render(embed);
        else run(embed);
      },
      $destroy() {
        embed.destroyed = true;
        mounted.delete(embed);
        releaseSession(embed);
        embed.div.remove();
      },
    };
  }

  function openAppSession({ appId, identity, hostConfig }) {
    const s = acquireSession(hostConfig || {}, appId, identity);
    let open = true;
    return {
      getDoc: async () => (await s.ready, docOf(s)),
      onWebSocketEvent: (fn) => (s.wsListeners.add(fn), () => s.wsListeners.delete(fn)),
      resume: () => s.resume(),
      close: async () => {
        if (open && --s.refs <= 0) s.stop();
        open = false;
      },
    };
  }

  const modules = {
    'embed-vanilla@v1': { mountVanillaEmbedComponent },
    'auth@v1': { getAccessToken },
    'invoke-fetch@v1': {},
    // @qlik/api's openAppSession shares the embeds' websocket for the same app (real modes only).
    'qix@v1': REAL ? { openAppSession } : {},
    'initial-app-state@v1': { addOnAppOpenCallback() {}, setInitialAppState() {} },
  };

  window.QlikMain = {
    getRootUrl: () => `${BASE_URL}/`,
    resourceNeedsCredentials: () => false,
    PRODUCT_INFO: { composition: { deploymentType: 'qlikcloudservices', productName: 'Fake Qlik Cloud' }, externalUrls: {} },
    INTERNAL__DO_NOT_USE: {},
    import: (name) =>
      Object.hasOwn(modules, name) ? Promise.resolve(modules[name]) : Promise.reject(new Error(`The fake Qlik runtime has no module "${name}"`)),
  };

  // Test hooks: counts, and a way to make the page fetch again (e.g. after the fake clock moved).
  window.__fakeQlikRuntime = {
    stats,
    /** Drops cached REST responses and re-runs every embed (new users/me, new exchange, new websocket). */
    refresh() {
      getCache.clear();
      sessions.forEach((s) => s.stop());
      mounted.forEach((embed) => run(embed));
    },
  };
})();
