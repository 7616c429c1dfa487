// How qlik-embed's loader (@qlik/embed-web-components 1.6.0, dist/index.js: parsePropValue, attrToObj,
// resolveAllProps) turns a <qlik-embed>'s attributes into the props it hands the runtime, re-implemented here
// so tests can check Qiosk's attributes against Qlik's own prop types. Differences: JSON.parse instead of JSON5
// (Qiosk writes strict JSON), and no fallbacks from ancestors, <meta> or <script data-*> (Qiosk sets every
// connection attribute on the element itself).

/** The loader's attribute/type separator: `context___json` and `context:json` both mean JSON. */
const PROP_DELIMITER = /:|___/i;
/** The loader's built-in types for attributes written without a suffix. */
const PREDEFINED: Record<string, Record<string, string>> = {
  'analytics/chart': { measures: 'json', dimensions: 'json', properties: 'json', context: 'json' },
};
const camelCase = (s: string) => s.replace(/-([a-z])/g, (g) => g[1]!.toUpperCase());

function parsePropValue(ui: string | undefined, prop: string, value: string): [string, unknown] {
  const [name, type] = PROP_DELIMITER.test(prop) ? (prop.split(PROP_DELIMITER) as [string, string]) : [prop, ui ? PREDEFINED[ui]?.[prop] : undefined];
  switch (type) {
    case 'json':
      return [name, JSON.parse(value || '{}')];
    case 'number':
      return [name, Number(value)];
    case 'boolean':
      return [name, value === 'true'];
    default:
      return [name, value];
  }
}

/** attrToObj: every attribute as a camelCase prop (the `ui` attribute picks the predefined types). */
export function attrToObj(attributes: readonly (readonly [string, string])[]): Record<string, unknown> {
  const attrs = Object.fromEntries(attributes);
  const out: Record<string, unknown> = {};
  for (const [prop, value] of Object.entries(attrs)) {
    const [name, parsed] = parsePropValue(attrs['ui'], prop, value);
    out[camelCase(name)] = parsed;
  }
  return out;
}

const HOST_CONFIG_KEYS = ['accessTokenStorage', 'apiKey', 'authType', 'clientId', 'getAccessToken', 'embedRuntimeUrl', 'host', 'loginUri', 'redirectUri', 'webIntegrationId', 'accessCode'];

/** resolveAllProps: the connection props move into `hostConfig`; the rest are the UI's props. */
export function toQlikProps(attributes: readonly (readonly [string, string])[]): Record<string, unknown> {
  const all = attrToObj(attributes);
  const hostConfig: Record<string, unknown> = {};
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) {
    if (HOST_CONFIG_KEYS.includes(k)) hostConfig[k] = v;
    else props[k] = v;
  }
  return { hostConfig, ...props };
}

/** What the loader's <qlik-initial-selections> hands setInitialAppState (clear-all, bookmark-id, <field>s). */
export function toInitialAppState(attributes: readonly (readonly [string, string])[], fields: readonly { name: string; values: string }[]) {
  const attrs = new Map(attributes);
  const fieldSelections = fields.filter((f) => f.name !== '').map((f) => ({ name: f.name, values: f.values ? f.values.split(';').map((qText) => ({ qText })) : undefined }));
  return {
    clearSelections: attrs.has('clear-all') && attrs.get('clear-all') !== 'false',
    fieldSelections: fieldSelections.length > 0 ? fieldSelections : undefined,
    bookmarkId: attrs.get('bookmark-id') || undefined,
  };
}
