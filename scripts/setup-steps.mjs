// Pure parts of scripts/setup.mjs (no I/O), unit-tested in test/unit/scripts/setup-steps.test.ts. Plain
// JavaScript with no dependencies: it runs before `npm ci` has installed anything.

/** Debian packages each job needs. keytar builds against libsecret with python3/make/g++ and Node's headers. */
const BUILD = ['python3', 'make', 'g++', 'libsecret-1-dev', 'ca-certificates'];
const KEYCHAIN = ['gnome-keyring', 'dbus-x11', 'libsecret-1-0'];
export const PACKAGES = {
  // The demo shows the real app where Electron can be had, else the Chromium preview; a throwaway keychain
  // stands in where there is no desktop one.
  demo: [...BUILD, ...KEYCHAIN, 'chromium'],
  start: [...BUILD, ...KEYCHAIN],
  // The harness and browser tests drive Debian's Chromium; xvfb/xauth for headed runs; libsecret-tools for
  // looking into the test keyring.
  test: [...BUILD, ...KEYCHAIN, 'chromium', 'xvfb', 'xauth', 'libsecret-tools'],
};

/** Packages of `wanted` that `dpkg-query -W -f='${Package} ${Status}\n'` output does not list as installed. */
export function missingPackages(wanted, dpkgOutput) {
  const installed = new Set(
    dpkgOutput
      .split('\n')
      .filter((l) => / install ok installed$/.test(l))
      .map((l) => l.split(' ')[0].replace(/:.*$/, '')),
  );
  return wanted.filter((p) => !installed.has(p));
}

export const MIN_NODE = [20, 19];
export const ELECTRON_TOOLING_NODE = [22, 12];
const atLeast = (v, [maj, min]) => v[0] > maj || (v[0] === maj && v[1] >= min);

/** One line on the Node version: refuse below what Qiosk's own tooling needs, say what an older one costs. */
export function nodeVerdict(version) {
  const v = version.replace(/^v/, '').split('.').map(Number);
  if (!atLeast(v, MIN_NODE)) {
    return { ok: false, line: `Node ${version} is too old: Qiosk's build and tests need Node >= ${MIN_NODE.join('.')} (22.12 or newer recommended).` };
  }
  if (!atLeast(v, ELECTRON_TOOLING_NODE)) {
    return {
      ok: true,
      line: `Node ${version}: builds, tests and the preview work; Electron 45's download and packaging tools declare Node >= ${ELECTRON_TOOLING_NODE.join('.')}, so use that for them.`,
    };
  }
  return { ok: true, line: `Node ${version}.` };
}

/**
 * What npm printed, made short: EBADENGINE warnings become one line naming the packages and what they want;
 * every other warning or error line is kept.
 */
export function summariseNpmOutput(text) {
  const engine = new Map();
  let pkg;
  const kept = [];
  for (const line of text.split('\n')) {
    if (line.includes('EBADENGINE')) {
      const p = /package: '([^']+)'/.exec(line);
      if (p) pkg = p[1];
      const r = /required: \{ node: '([^']+)'/.exec(line);
      if (r && pkg) engine.set(pkg, r[1].replace(/\s+/g, ''));
      continue;
    }
    if (/^npm (warn|error|ERR!)/i.test(line)) kept.push(line);
  }
  const wants = [...new Set(engine.values())];
  const engineLine =
    engine.size === 0 ? '' : `${engine.size} package(s) declare a newer Node (${wants.join(', ')}): ${[...engine.keys()].map((k) => k.replace(/@[^@]*$/, '')).join(', ')}`;
  return { engineLine, kept };
}

/** The first line worth showing of a failed download's output, without a stack trace. */
export function firstErrorLine(output) {
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('at '));
  const line = lines.find((l) => /error|failed|ENOTFOUND|ECONN|EAI_AGAIN|certificate|denied/i.test(l)) ?? lines[0] ?? 'no output';
  return line.replace(/^\w*Error: /, '').slice(0, 200);
}
