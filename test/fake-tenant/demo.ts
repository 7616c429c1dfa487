// What `npm run demo` runs against: the fake tenant's demo OAuth client (listing exactly Qiosk's renderer
// origin, as IT would) and a Qiosk config pointing at it. Kept here so a test proves the pair works.
import { DEFAULT_CLIENT_SECRET, type FakeClient, type FakeTenantOverrides } from './index';
import type { RuntimeMode } from './options';

export const DEMO_CLIENT_ID = 'qiosk-demo';
export const DEMO_CLIENT_SECRET = DEFAULT_CLIENT_SECRET; // not a real secret: the fake tenant's published one
/** The fake tenant's user the demo shows content for (Alice). */
export const DEMO_USER_ID = 'u-1';

/** An OAuth client as IT creates it for Qiosk: M2M impersonation, user_default, exactly Qiosk's origin allowed. */
export function impersonationClient(clientId: string, clientSecret: string, rendererOrigin: string): FakeClient {
  return {
    clientId,
    clientSecret,
    allowedGrantTypes: ['urn:qlik:oauth:user-impersonation'],
    allowedScopes: ['user_default'],
    allowedOrigins: [rendererOrigin],
  } as FakeClient;
}

export const demoClient = (rendererOrigin: string) => impersonationClient(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, rendererOrigin);

/** The demo's tenant: its client, the stand-in runtime's mode, and a clock that moves with real time (so each
 * token the terminal reports expires its own lifetime after it was minted). */
export const demoTenantOptions = (rendererOrigin: string, runtimeMode: RuntimeMode = 'worst-case'): FakeTenantOverrides => ({
  clients: [demoClient(rendererOrigin)], runtimeMode, wallClock: true,
});

export function demoConfig(o: { tenantUrl: string; port: number; kiosk?: boolean }) {
  return {
    tenant: { host: o.tenantUrl, clientId: DEMO_CLIENT_ID },
    identity: { mode: 'device', lookupField: 'userId', value: DEMO_USER_ID },
    content: {
      embeds: [
        { ui: 'analytics/sheet', appId: 'app-1', sheetId: 'sheet-1' },
        { ui: 'analytics/chart', appId: 'app-1', objectId: 'obj-1' },
        { ui: 'analytics/chart', appId: 'app-1', objectId: 'obj-2' },
      ],
    },
    kiosk: { enabled: o.kiosk ?? false },
    renderer: { port: o.port },
  };
}
