// Turns one configured embed into <qlik-embed> attributes. Pure, so the exact attribute set is unit-tested.
// Connection settings go on each element (the highest-priority source in qlik-embed's props resolver), so no
// other <meta> or <script data-*> on the page can override them.
import { BRIDGE_GLOBAL, type RendererConfig, type RendererEmbed } from '../shared/ipc-contract';

const CONTENT_ATTRIBUTES: ReadonlyArray<[keyof RendererEmbed, string]> = [
  ['ui', 'ui'],
  ['appId', 'app-id'],
  ['sheetId', 'sheet-id'],
  ['objectId', 'object-id'],
  ['fieldId', 'field-id'],
  ['theme', 'theme'],
  ['language', 'language'],
];

/** Never includes `access-token-storage`: the token lives in the runtime's memory only, never in web storage. */
export function embedAttributes(embed: RendererEmbed, config: Pick<RendererConfig, 'tenantHost' | 'clientId'>): [string, string][] {
  const attrs: [string, string][] = [
    ['host', config.tenantHost],
    ['client-id', config.clientId],
    ['auth-type', 'Oauth2'],
    ['get-access-token', BRIDGE_GLOBAL],
  ];
  for (const [key, name] of CONTENT_ATTRIBUTES) {
    const value = embed[key];
    if (typeof value === 'string' && value !== '') attrs.push([name, value]);
  }
  return attrs;
}

/** A short human label for a tile, shown while it loads or when it fails. */
export function embedLabel(embed: RendererEmbed): string {
  const what = embed.sheetId ? `sheet ${embed.sheetId}` : embed.objectId ? `object ${embed.objectId}` : embed.fieldId ? `field ${embed.fieldId}` : '';
  return [embed.ui, embed.appId ? `app ${embed.appId}` : '', what].filter(Boolean).join(' · ');
}
