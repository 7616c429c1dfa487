// Runs in the page's main world before any page script (contextBridge.executeInMainWorld). A script in the
// page can call the bridge and so hold a token; nothing in the CSP covers WebRTC, whose TURN usernames can carry
// it out. The network is the boundary (main's egress gate, security/egress.ts); this is the second layer: WebRTC
// is taken away from page scripts in this window and in every same-origin window a script can get a handle on —
// window[i], a frame's contentWindow or contentDocument.defaultView, window.open to a named target, frames in
// open, closed and nested shadow roots. It cannot be complete (a srcdoc frame's own script runs in a global we
// never see first), which is why the gate exists.
// Self-contained on purpose: Electron serialises the function into the page, so it may use nothing outside it.
export function hardenMainWorld(): void {
  const RTC = [
    'RTCPeerConnection', 'webkitRTCPeerConnection', 'RTCDataChannel', 'RTCRtpSender', 'RTCRtpReceiver', 'RTCRtpTransceiver',
    'RTCIceCandidate', 'RTCSessionDescription', 'RTCCertificate', 'RTCDtlsTransport', 'RTCIceTransport', 'RTCSctpTransport',
    'RTCDTMFSender', 'RTCEncodedAudioFrame', 'RTCEncodedVideoFrame', 'RTCRtpScriptTransform',
  ];
  // The preload is typed without the DOM library: only what is used here.
  type Ctor = { prototype: object } | undefined;
  type Getter = (this: unknown) => unknown;
  interface NodeLike {
    querySelectorAll?(s: string): ArrayLike<unknown>;
    defaultView?: unknown;
  }
  interface Win {
    [key: string]: unknown;
    [index: number]: unknown;
    length: number;
    Node: { prototype: object };
    Element: Ctor; Document: Ctor; DocumentFragment: Ctor; CharacterData: Ctor; Range: Ctor; ShadowRoot: Ctor;
    HTMLIFrameElement: Ctor; HTMLFrameElement: Ctor; HTMLObjectElement: Ctor; HTMLEmbedElement: Ctor;
    document: unknown;
    open: (...a: unknown[]) => unknown;
  }
  const hardened = new WeakSet<object>(); // per global (a navigated frame gets a new one behind the same proxy)
  const FRAMES = 'iframe,frame,object,embed';
  const desc = Object.getOwnPropertyDescriptor;
  const nativeWindowOf: Getter[] = []; // the original contentWindow getters, for the subtree walk

  function harden(w: Win | null | undefined): void {
    if (!w) return;
    let proto: object;
    try {
      proto = w.Node.prototype; // throws for a cross-origin window: unreachable for page scripts too
    } catch {
      return;
    }
    if (!hardened.has(proto)) {
      hardened.add(proto);
      for (const name of RTC) {
        try {
          delete w[name];
          Object.defineProperty(w, name, { value: undefined, writable: false, configurable: false });
        } catch {
          /* not present in this build */
        }
      }
      hook(w);
    }
    children(w);
  }

  function children(w: Win): void {
    for (let i = 0; i < w.length; i++) {
      try {
        harden(w[i] as Win);
      } catch {
        /* gone meanwhile */
      }
    }
  }

  /** The window of a frame element, hardened (any kind: the native getter that fits). */
  function hardenFrame(el: unknown): void {
    for (const get of nativeWindowOf) {
      try {
        harden(get.call(el) as Win);
        return;
      } catch {
        /* not this element kind */
      }
    }
  }

  /**
   * Frames in what was just inserted, when it is in a document (only then does a frame have a window), the node
   * itself included. window[i] lists no frame inside a shadow root; those are also caught as they load (below).
   */
  function framesUnder(node: unknown): void {
    const n = node as (NodeLike & { isConnected?: boolean; firstElementChild?: unknown; matches?(s: string): boolean }) | null;
    if (!n || n.isConnected !== true || typeof n.querySelectorAll !== 'function') return;
    if (n.firstElementChild) {
      const found = n.querySelectorAll(FRAMES);
      for (let i = 0; i < found.length; i++) hardenFrame(found[i]);
    }
    if (typeof n.matches === 'function' && n.matches(FRAMES)) hardenFrame(n);
  }

  // Every way a script can put a frame into a document, or get a child window, hardens what it reaches first.
  function hook(w: Win): void {
    const after = (proto: object | undefined, name: string, walkThis: boolean) => {
      const d = proto && desc(proto, name);
      if (!d || !d.configurable) return;
      const walk = (self: unknown, args: unknown[]) => {
        children(w);
        for (const a of args) framesUnder(a);
        if (walkThis) framesUnder((self as { parentNode?: unknown }).parentNode ?? self);
      };
      if (typeof d.value === 'function') {
        const fn = d.value as (...a: unknown[]) => unknown;
        Object.defineProperty(proto, name, { ...d, value: function (this: unknown, ...a: unknown[]) {
          try {
            return fn.apply(this, a);
          } finally {
            walk(this, a);
          }
        } });
      } else if (d.set) {
        const set = d.set;
        Object.defineProperty(proto, name, { ...d, set(this: unknown, v: unknown) {
          try {
            set.call(this, v);
          } finally {
            walk(this, []);
          }
        } });
      }
    };
    // A getter whose result is a child window (or its document): harden that window before the caller has it.
    const returning = (proto: object | undefined, name: string, windowOf: (v: unknown) => unknown) => {
      const d = proto && desc(proto, name);
      if (!d?.get || !d.configurable) return;
      const get = d.get as Getter;
      if (name === 'contentWindow') nativeWindowOf.push(get);
      Object.defineProperty(proto, name, { ...d, get(this: unknown) {
        const v = get.call(this);
        try {
          harden(windowOf(v) as Win);
        } catch {
          /* cross-origin */
        }
        children(w);
        return v;
      } });
    };
    const node = w.Node.prototype;
    for (const n of ['appendChild', 'insertBefore', 'replaceChild']) after(node, n, false);
    for (const P of [w.Element, w.Document, w.DocumentFragment, w.CharacterData, w.ShadowRoot]) {
      for (const n of ['append', 'prepend', 'after', 'before', 'replaceWith', 'replaceChildren', 'insertAdjacentElement', 'moveBefore']) after(P?.prototype, n, false);
      for (const n of ['insertAdjacentHTML', 'setHTMLUnsafe', 'setHTML', 'innerHTML', 'outerHTML', 'write', 'writeln']) after(P?.prototype, n, true);
    }
    for (const n of ['insertNode', 'surroundContents']) after(w.Range?.prototype, n, false);
    for (const E of [w.HTMLIFrameElement, w.HTMLFrameElement, w.HTMLObjectElement, w.HTMLEmbedElement]) {
      returning(E?.prototype, 'contentWindow', (v) => v);
      returning(E?.prototype, 'contentDocument', (v) => (v as NodeLike | null)?.defaultView);
      returning(E?.prototype, 'getSVGDocument', (v) => v);
    }
    returning(w, 'frames', (v) => v);
    // A frame's load event never leaves its shadow root (and an about:blank frame loads during its insertion,
    // before any handler of the page): each root gets a capturing listener that hardens the frame first.
    const elementProto = w.Element?.prototype;
    const attach = elementProto && desc(elementProto, 'attachShadow');
    if (elementProto && attach && typeof attach.value === 'function' && attach.configurable) {
      const fn = attach.value as (this: object, init: unknown) => { addEventListener(t: string, l: (e: { target: unknown }) => void, c: boolean): void };
      Object.defineProperty(elementProto, 'attachShadow', { ...attach, value: function (this: object, init: unknown) {
        const root = fn.call(this, init);
        root.addEventListener('load', (e: { target: unknown }) => hardenFrame(e.target), true);
        return root;
      } });
    }
    // window.open to a named target returns that frame's window, wherever the frame sits.
    const open = desc(w, 'open');
    if (open && typeof open.value === 'function' && open.configurable) {
      const fn = open.value as (...a: unknown[]) => unknown;
      Object.defineProperty(w, 'open', { ...open, value: function (this: unknown, ...a: unknown[]) {
        const v = fn.apply(this, a);
        try {
          harden(v as Win);
        } catch {
          /* cross-origin or closed */
        }
        return v;
      } });
    }
    // An about:blank frame's load event fires during the insertion itself: harden before any handler runs. A
    // node's load event never reaches the window, so the capturing listener sits on the document, first.
    (w.document as { addEventListener(t: string, l: () => void, c: boolean): void }).addEventListener('load', () => children(w), true);
  }

  harden(globalThis as unknown as Win);
}
