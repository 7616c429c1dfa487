// Turns zod issues into sentences an IT admin can act on. Zod's defaults ("Invalid input: expected string,
// received number") name types, not fixes; here each field also gets a hint on what to write.
import type { z } from 'zod';
import { allowedKeys, IDENTITY_MODES } from './schema';
import { formatPath } from './errors';

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

const EXPECTED: Record<string, string> = {
  string: 'text in double quotes',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object { … }',
  record: 'an object { … }',
  array: 'a list [ … ]',
};

function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'string') return 'text';
  if (typeof input === 'number') return Number.isInteger(input) ? 'a number' : 'a fractional number';
  if (typeof input === 'boolean') return 'true/false';
  return `a ${typeof input}`;
}

const quoteAll = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** Per-parse error map: the generic part of each message. Values are never echoed (they may be sensitive). */
export const configErrorMap = (iss: RawIssue): string => {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'is missing';
      return `must be ${EXPECTED[iss.expected] ?? iss.expected}, not ${kindOf(iss.input)}`;
    case 'too_small':
      if (iss.origin === 'array') return `must have at least ${String(iss.minimum)} item(s)`;
      if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? 'must not be empty' : `must be at least ${String(iss.minimum)} characters`;
      return `must be at least ${String(iss.minimum)}`;
    case 'too_big':
      if (iss.origin === 'array') return `must have at most ${String(iss.maximum)} item(s)`;
      if (iss.origin === 'string') return `must be at most ${String(iss.maximum)} characters`;
      return `must be at most ${String(iss.maximum)}`;
    case 'invalid_value':
      return `must be one of ${quoteAll(iss.values)}`;
    case 'invalid_union':
      if (iss.discriminator === 'mode') return `must be one of ${quoteAll(IDENTITY_MODES)}`;
      return 'does not match any allowed form';
    case 'invalid_format':
      return `is not a valid ${iss.format}`;
    default:
      return 'is invalid';
  }
};

const INTERACTIONS_HINT = '"read-only" shows the content without selections, "select-only" allows selections but no editing, "full" is qlik-embed\'s default (analytics/* UIs only)';
const KEYBOARD_HINT = 'true lets people move through the content with the keyboard (analytics/* UIs only)';
const INITIAL_STATE_HINT = 'e.g. { "clearAll": true, "bookmark": "<bookmark id>", "fields": [{ "name": "Region", "values": ["Nordic"] }] }';
const CLOCK_HINT = '"to" at or before "from" runs past midnight into the next day';
const SHOW_HINT = 'the name of a playlist in "playlists", or "off" for a dark screen';

// Hints for common fields, keyed by path with list indexes replaced by '*'. Appended to generic messages.
const HINTS: Record<string, string> = {
  tenant: 'add "tenant": { "host": "https://<tenant>.<region>.qlikcloud.com", "clientId": "<OAuth client id>" }',
  'tenant.host': 'set it to the tenant address, e.g. "https://acme.eu.qlikcloud.com"',
  'tenant.clientId': 'set it to the client ID of the machine-to-machine impersonation OAuth client',
  'tenant.scope': 'e.g. "user_default"',
  identity: 'add "identity": { "mode": "os-user", "template": "{username}@corp.example" }',
  'identity.mode':
    '"os-user" builds the Qlik identity from the signed-in OS user, "map" looks it up in identity.users, "device" uses one fixed identity',
  'identity.template': 'e.g. "{username}@corp.example" or "CORP\\\\{username}"',
  'identity.lookupField': '"subject" matches the IdP subject, "userId" the Qlik user id',
  'identity.users': 'an object of "<OS user name>": "<Qlik user id or subject>" pairs',
  'identity.value': 'the Qlik user id or subject this device always shows content as',
  content: 'add "content": { "embeds": [ { "ui": "analytics/sheet", "appId": "…", "sheetId": "…" } ] }',
  'content.embeds': 'a list of 1 to 12 items like { "ui": "analytics/sheet", "appId": "…", "sheetId": "…" }',
  'content.embeds.*.interactions': INTERACTIONS_HINT,
  'content.defaults.interactions': INTERACTIONS_HINT,
  'content.embeds.*.keyboardNavigation': KEYBOARD_HINT,
  'content.defaults.keyboardNavigation': KEYBOARD_HINT,
  'content.embeds.*.initialState': INITIAL_STATE_HINT,
  'content.defaults.initialState': INITIAL_STATE_HINT,
  'content.defaults': 'an object of settings for every embed that does not set its own, e.g. { "theme": "breeze", "interactions": "read-only" }',
  'content.idleResetSeconds': 'seconds without input before the kiosk goes back to its start state, from 10 to 86400; remove it for no idle reset',
  'kiosk.enabled': 'true locks the screen into full-screen kiosk mode',
  'renderer.port':
    'a port from 1024 to 65535; Qlik\'s Allowed Origins must list http://localhost:<port> for it (default 47321)',
  'broker.timeoutMs': 'milliseconds to wait for the token endpoint, from 1000 to 120000 (default 15000)',
  'broker.refreshAheadSeconds': 'the least seconds before expiry a token is renewed, from 0 to 3600 (default 300; each token is renewed up to an eighth of its lifetime earlier still, at random, so a fleet does not renew in step)',
  'supervisor.memoryCeilingMb': 'megabytes a kiosk page may use before it is recycled, from 256 to 16384 (default 1536)',
  'supervisor.maxSessionHours': 'Qlik Cloud\'s maximum session length in hours, from 1 to 168 (default 24)',
  screens: 'a list of screens like { "id": "lobby", "display": "primary", "playlist": "sales" }, one per display',
  'screens.*.id': 'a name for the screen, unique in the file, e.g. "lobby-left"',
  'screens.*.display':
    'use "primary", { "id": <display id> }, { "label": "<display name, e.g. DELL U2720Q>" } or { "position": [x, y] } (the display\'s top-left corner in the desktop\'s coordinates, e.g. [1920, 0])',
  'screens.*.kiosk': 'true for full screen with the shortcuts blocked, false for a normal window (default: kiosk.enabled)',
  'screens.*.zoom': 'how much larger to draw the content, from 0.5 to 3 (default 1), e.g. 1.5 for a screen seen from across a room',
  'screens.*.hideCursor': 'true hides the mouse pointer on this screen (default: true for a kiosk screen)',
  'screens.*.playlist': 'the name of a playlist in "playlists"',
  'screens.*.schedule': 'the name of a schedule in "schedules"',
  playlists: 'an object of named playlists, e.g. { "sales": { "slides": [ { "embeds": [ … ], "dwellSeconds": 30 } ] } }',
  'playlists.*.slides': 'a list of slides like { "embeds": [ { "ui": "analytics/sheet", "appId": "…", "sheetId": "…" } ], "dwellSeconds": 30 }',
  'playlists.*.slides.*.dwellSeconds': 'seconds the slide shows before the next one, from 5 to 3600',
  schedules: 'an object of named schedules, e.g. { "lobby": { "rules": [ … ], "otherwise": "off" } }',
  'schedules.*.timeZone': 'an IANA time zone such as "Europe/Paris"; leave it out for the system\'s',
  'schedules.*.rules': 'a list of rules like { "days": ["mon", "tue", "wed", "thu", "fri"], "from": "07:00", "to": "19:00", "show": "sales" }; the first that matches wins',
  'schedules.*.rules.*.days': 'a list of "mon", "tue", "wed", "thu", "fri", "sat", "sun"',
  'schedules.*.rules.*.from': CLOCK_HINT,
  'schedules.*.rules.*.to': CLOCK_HINT,
  'schedules.*.rules.*.show': SHOW_HINT,
  'schedules.*.otherwise': `what shows when no rule matches: ${SHOW_HINT}`,
};

const NAMED = ['playlists', 'schedules'];
/** The path with list indexes and playlist/schedule names replaced by '*'; a playlist's embeds take the hints and
 * keys of content.embeds (same shape, same rules). */
const hintKey = (path: readonly PropertyKey[]) =>
  path
    .map((p, i) => (typeof p === 'number' || (i === 1 && NAMED.includes(String(path[0]))) ? '*' : String(p)))
    .join('.')
    .replace(/^playlists\.\*\.slides\.\*\.embeds(?=\.|$)/, 'content.embeds');

export interface LocatedMessage {
  path: readonly PropertyKey[];
  message: string;
}

/** One issue may name several unknown keys; each becomes its own located message. */
export function describeIssue(issue: z.core.$ZodIssue, data: unknown): LocatedMessage[] {
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeysAt(issue.path, data);
    return issue.keys.map((key) => ({
      path: [...issue.path, key],
      message: unknownKeyMessage(key, allowed, issue.path),
    }));
  }
  const hint = issue.code === 'custom' ? undefined : HINTS[hintKey(issue.path)];
  return [{ path: issue.path, message: hint ? `${issue.message}; ${hint}` : issue.message }];
}

function unknownKeyMessage(key: string, allowed: readonly string[] | undefined, parent: readonly PropertyKey[]): string {
  const where = parent.length === 0 ? 'at the top level' : `in ${formatPath(parent)}`;
  let text = `is not a known setting ${where}; remove it`;
  const guess = allowed ? suggest(key, allowed) : undefined;
  if (guess) text += ` or rename it to "${guess}"`;
  if (allowed) text += ` (allowed: ${allowed.join(', ')})`;
  return text;
}

function allowedKeysAt(path: readonly PropertyKey[], data: unknown): readonly string[] | undefined {
  const key = hintKey(path);
  switch (key) {
    case '':
      return allowedKeys.root;
    case 'tenant':
    case 'content':
    case 'kiosk':
    case 'renderer':
    case 'broker':
    case 'supervisor':
    case 'admin':
    case 'health':
    case 'log':
      return allowedKeys[key];
    case 'content.embeds.*':
      return allowedKeys.embed;
    case 'screens.*':
      return allowedKeys.screen;
    case 'playlists.*':
      return allowedKeys.playlist;
    case 'playlists.*.slides.*':
      return allowedKeys.slide;
    case 'schedules.*':
      return allowedKeys.schedule;
    case 'schedules.*.rules.*':
      return allowedKeys.rule;
    case 'content.defaults':
      return allowedKeys.defaults;
    case 'content.embeds.*.initialState':
    case 'content.defaults.initialState':
      return allowedKeys.initialState;
    case 'content.embeds.*.initialState.fields.*':
    case 'content.defaults.initialState.fields.*':
      return allowedKeys.initialField;
    case 'identity': {
      const mode = (data as { identity?: { mode?: unknown } } | undefined)?.identity?.mode;
      return typeof mode === 'string' && mode in allowedKeys.identity
        ? allowedKeys.identity[mode as keyof typeof allowedKeys.identity]
        : undefined;
    }
    default:
      return undefined;
  }
}

const fold = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');

/** A "did you mean" for typos and snake/kebab-case spellings (client_id -> clientId). */
function suggest(key: string, allowed: readonly string[]): string | undefined {
  const k = fold(key);
  let best: { name: string; d: number } | undefined;
  for (const name of allowed) {
    const d = distance(k, fold(name));
    if (d <= 2 && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
