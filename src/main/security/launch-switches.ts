// Launch switches and environment a packaged Qiosk refuses to start with. Chromium, Electron and Node honour
// switches on the command line, and a shortcut, service or script can add them: each switch below undoes one
// of Qiosk's policies (the egress gate, the sandbox, TLS, the masking of its logs) for the whole run. A
// packaged build therefore exits before it reads its config or keychain, saying which switch to remove
// (src/main/index.ts). Development runs (`npm start`, the demo, the tests) keep them all. The Electron fuses
// (electron-builder.yml) already make a packaged build ignore Node's inspector switches and NODE_OPTIONS;
// the inspector switches are listed here as well, for a build made without those fuses.
//
// Pure: the command line is parsed the way Chromium parses it (base/command_line.cc), so what is refused
// here is what Chromium would honour.

/** Why each group is refused: shown to IT next to the switch. */
const DENIED: ReadonlyArray<{ why: string; names: readonly string[] }> = [
  // Whoever reaches the port or pipe drives the app: reads every page (and its token), runs code in main.
  {
    why: 'remote debugging',
    names: ['remote-debugging-port', 'remote-debugging-pipe', 'remote-debugging-address', 'remote-allow-origins',
      // Node's inspector (Electron hands exactly these to Node, unless the fuse is off).
      'inspect', 'inspect-brk', 'inspect-port', 'inspect-brk-node', 'inspect-publish-uid', 'inspect-wait',
      'debug', 'debug-brk', 'debug-port'],
  },
  // They route or resolve connections around the egress gate, or open ports Chromium keeps closed.
  {
    why: 'bypasses the egress gate',
    names: ['host-resolver-rules', 'host-rules', 'proxy-server', 'proxy-pac-url', 'proxy-bypass-list', 'no-proxy-server',
      'proxy-auto-detect', 'winhttp-proxy-resolver', 'explicitly-allowed-ports'],
  },
  // Any certificate, or weaker TLS: whoever sits on the path reads the client secret and the tokens.
  {
    why: 'weakens TLS',
    names: ['ignore-certificate-errors', 'ignore-certificate-errors-spki-list', 'ignore-ssl-errors',
      'ignore-urlfetcher-cert-requests', 'allow-insecure-localhost', 'ssl-version-min', 'ssl-version-max', 'cipher-suite-blacklist'],
  },
  // TLS session keys in a file: a capture of the traffic then reads the client secret and the tokens.
  { why: 'writes TLS keys to a file', names: ['ssl-key-log-file', 'tls-keylog'] },
  // Same-origin policy, mixed-content blocking and site isolation keep the token inside the tenant's pages.
  {
    why: 'turns off web security',
    names: ['disable-web-security', 'allow-running-insecure-content', 'unsafely-treat-insecure-origin-as-secure',
      'allow-file-access-from-files', 'disable-site-isolation-trials'],
  },
  // Unsandboxed renderers, or renderers started through a wrapper command: a page reaches the OS and keychain.
  {
    why: 'turns off the sandbox',
    names: ['no-sandbox', 'disable-gpu-sandbox', 'disable-setuid-sandbox', 'disable-namespace-sandbox',
      'disable-seccomp-filter-sandbox', 'no-zygote', 'single-process', 'renderer-cmd-prefix', 'gpu-launcher',
      'utility-cmd-prefix', 'browser-subprocess-path'],
  },
  // Any Chromium feature on or off: security features (site isolation, Local Network Access) included.
  {
    why: 'toggles Chromium features',
    names: ['enable-features', 'disable-features', 'force-fieldtrials', 'enable-blink-features', 'disable-blink-features'],
  },
  // Code of the launcher's choice: V8 flags (natives syntax and the like) or a browser extension.
  { why: 'injects code', names: ['js-flags', 'load-extension'] },
  // Overrides each window's WebRTC policy, so UDP could leave around the egress gate.
  { why: 'overrides the WebRTC policy', names: ['force-webrtc-ip-handling-policy', 'allow-loopback-in-peer-connection'] },
  // Moves sessions, preferences, the relaunch ledger (and on Linux and Windows the logs) to a folder of the
  // launcher's choice, which other accounts may read or have prepared.
  { why: 'moves Qiosk\'s data', names: ['user-data-dir', 'disk-cache-dir'] },
  // Chromium's verbose logs and its NetLog bypass Qiosk's masking: URLs, headers, the token. Plain
  // --enable-logging (Chromium's warnings and errors, which IT may need for display trouble) stays allowed.
  { why: 'verbose network logging', names: ['v', 'vmodule', 'log-net-log', 'net-log-capture-mode'] },
];

/** Environment variables with the same effect as a switch above. Chromium's network service reads
 * SSLKEYLOGFILE when no --ssl-key-log-file is given (content/browser/network_service_instance_impl.cc), so
 * Electron writes TLS keys there. NODE_OPTIONS, NODE_EXTRA_CA_CERTS and ELECTRON_RUN_AS_NODE are off by fuse. */
const DENIED_ENV: ReadonlyMap<string, string> = new Map([['SSLKEYLOGFILE', 'writes TLS keys to a file']]);

const REASON = new Map(DENIED.flatMap(({ why, names }) => names.map((n) => [n, why] as const)));

// Chromium: switch prefixes "--", "-" and, on Windows, "/"; tried in this order.
const prefixesFor = (platform: NodeJS.Platform) => (platform === 'win32' ? ['--', '-', '/'] : ['--', '-']);
// Chromium trims each argument first: Unicode white space on Windows, ASCII elsewhere.
const trimFor = (platform: NodeJS.Platform) => (platform === 'win32' ? (s: string) => s.trim() : (s: string) => s.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, ''));
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

interface Found {
  /** The switch as written on the command line, without its value (a value may hold a proxy password). */
  typed: string;
  name: string;
}

function found(argv: readonly string[], platform: NodeJS.Platform): Found[] {
  const prefixes = prefixesFor(platform);
  const trim = trimFor(platform);
  const out: Found[] = [];
  // argv[0] is the program; a packaged build's argv is [exe, ...switches and arguments].
  for (const raw of argv.slice(1)) {
    const arg = trim(raw);
    if (arg === '--') break; // everything after a bare `--` is an argument, never a switch
    const prefix = prefixes.find((p) => arg.startsWith(p));
    if (!prefix || arg.length === prefix.length) continue;
    const eq = arg.indexOf('=');
    const typed = eq === -1 ? arg : arg.slice(0, eq);
    // Switch names are case-sensitive, except on Windows, where Chromium lower-cases them (ASCII only).
    const name = platform === 'win32' ? asciiLower(typed.slice(prefix.length)) : typed.slice(prefix.length);
    if (REASON.has(name)) out.push({ typed, name });
  }
  return out;
}

/** The dangerous switches on `argv` (Electron's process.argv), each as written, without its value. */
export function dangerousSwitches(argv: readonly string[], platform: NodeJS.Platform): string[] {
  return found(argv, platform).map((f) => f.typed);
}

/** The dangerous environment variables that are set (non-empty), by the name they are set under. */
export function dangerousEnvironment(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string[] {
  // Windows environment names are case-insensitive; an empty SSLKEYLOGFILE writes nothing.
  return Object.entries(env)
    .filter(([name, value]) => value && DENIED_ENV.has(platform === 'win32' ? name.toUpperCase() : name))
    .map(([name]) => name);
}

/** One line for IT naming what a packaged build refuses and how to fix it, or undefined when nothing is. */
export function launchRefusal(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string | undefined {
  const switches = found(argv, platform).map((f) => `${f.typed} (${REASON.get(f.name) ?? ''})`);
  const vars = dangerousEnvironment(env, platform).map((n) => `the environment variable ${n} (${DENIED_ENV.get(platform === 'win32' ? n.toUpperCase() : n) ?? ''})`);
  if (switches.length + vars.length === 0) return undefined;
  const fixes = [
    ...(switches.length > 0 ? [`remove ${switches.length === 1 ? 'the switch' : 'the switches'} from the shortcut, service or script that starts Qiosk`] : []),
    ...(vars.length > 0 ? [`unset ${vars.length === 1 ? 'the variable' : 'the variables'} in the environment it starts in`] : []),
  ];
  return `Qiosk did not start: an installed Qiosk refuses ${[...switches, ...vars].join(', ')}, which would bypass its ` +
    `security policies. To fix it, ${fixes.join(' and ')}, then start Qiosk again.`;
}
