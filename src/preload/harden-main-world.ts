// Runs in the page's main world before any page script (contextBridge.executeInMainWorld). A script in the
// page can call the bridge and so hold a token; the CSP closes fetch, beacons, images, forms, frames,
// sockets and workers to other hosts, but nothing in the CSP covers WebRTC, whose TURN usernames and STUN host
// names can carry the token to any host. So WebRTC is taken away from page scripts: in this window and in
// every same-origin child window a script could reach (an about:blank iframe gets fresh globals).
// Self-contained on purpose: Electron serialises the function into the page, so it may use nothing outside it.
export function hardenMainWorld(): void {
  const RTC = [
    'RTCPeerConnection', 'webkitRTCPeerConnection', 'RTCDataChannel', 'RTCRtpSender', 'RTCRtpReceiver', 'RTCRtpTransceiver',
    'RTCIceCandidate', 'RTCSessionDescription', 'RTCCertificate', 'RTCDtlsTransport', 'RTCIceTransport', 'RTCSctpTransport',
    'RTCDTMFSender', 'RTCEncodedAudioFrame', 'RTCEncodedVideoFrame', 'RTCRtpScriptTransform',
  ];
  // The preload is typed without the DOM library: only what is used here.
  type Ctor = { prototype: object } | undefined;
  interface Win {
    [key: string]: unknown;
    [index: number]: unknown;
    length: number;
    Node: { prototype: object };
    Element: Ctor; Document: Ctor; DocumentFragment: Ctor; CharacterData: Ctor; Range: Ctor;
    HTMLIFrameElement: Ctor; HTMLFrameElement: Ctor; HTMLObjectElement: Ctor;
    document: unknown;
  }
  const hardened = new WeakSet<object>(); // per global (a navigated frame gets a new one behind the same proxy)

  function harden(w: Win): void {
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
        harden(w[i] as unknown as Win);
      } catch {
        /* gone meanwhile */
      }
    }
  }

  // Every way a script can put a frame into a document, or reach a child window, hardens the children first.
  function hook(w: Win): void {
    const after = (proto: object | undefined, name: string) => {
      const d = proto && Object.getOwnPropertyDescriptor(proto, name);
      if (!d || !d.configurable) return;
      if (typeof d.value === 'function') {
        const fn = d.value as (...a: unknown[]) => unknown;
        Object.defineProperty(proto, name, { ...d, value: function (this: unknown, ...a: unknown[]) {
          try {
            return fn.apply(this, a);
          } finally {
            children(w);
          }
        } });
      } else if (d.set) {
        const set = d.set;
        Object.defineProperty(proto, name, { ...d, set(this: unknown, v: unknown) {
          try {
            set.call(this, v);
          } finally {
            children(w);
          }
        } });
      }
    };
    const before = (proto: object | undefined, name: string) => {
      const d = proto && Object.getOwnPropertyDescriptor(proto, name);
      if (!d?.get || !d.configurable) return;
      const get = d.get;
      Object.defineProperty(proto, name, { ...d, get(this: unknown) {
        const v = get.call(this);
        children(w);
        return v;
      } });
    };
    for (const n of ['appendChild', 'insertBefore', 'replaceChild']) after(w.Node.prototype, n);
    for (const P of [w.Element, w.Document, w.DocumentFragment, w.CharacterData]) {
      for (const n of ['append', 'prepend', 'after', 'before', 'replaceWith', 'replaceChildren', 'insertAdjacentElement', 'insertAdjacentHTML', 'setHTMLUnsafe', 'innerHTML', 'outerHTML', 'write', 'writeln']) {
        after(P?.prototype, n);
      }
    }
    for (const n of ['insertNode', 'surroundContents']) after(w.Range?.prototype, n);
    for (const E of [w.HTMLIFrameElement, w.HTMLFrameElement, w.HTMLObjectElement]) {
      for (const n of ['contentWindow', 'contentDocument']) before(E?.prototype, n);
    }
    before(w, 'frames'); // window[0] itself cannot be hooked: the insertion hooks and the load listener cover it
    // An about:blank frame's load event fires during the insertion itself: harden before any handler runs. A
    // node's load event never reaches the window, so the capturing listener sits on the document, first.
    (w.document as { addEventListener(t: string, l: () => void, c: boolean): void }).addEventListener('load', () => children(w), true);
  }

  harden(globalThis as unknown as Win);
}
