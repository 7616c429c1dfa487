// The admin escape bound to a running core: the escape gesture and the chord open the admin window (only when a
// PIN is configured), and the admin window's channels answer from the screens, the broker and the config. The
// window itself is behind AdminWindowPorts: a BrowserWindow with its own preload in the app, a page in the
// harness. Both binders call this, so the same rules hold in each.
import { Channels, type Diagnostics } from '../../shared/ipc-contract';
import type { Core } from '../app/start-core';
import type { Services } from '../app/services';
import type { Clock, Log } from '../core/ports';
import { createAdminSession, registerAdmin, type AdminSession } from './admin-session';
import { matchesChord, parseChord, type Chord } from './chord';
import { createPinGate } from './pin';

export interface AdminWindowPorts {
  /** Opens the admin window on its PIN prompt (or brings the open one forward), near the window asked from. */
  open(fromWebContentsId: number | undefined): void;
  /** Every screen out of kiosk mode (normal windows, the cursor shown) or back in it. */
  setKiosk(on: boolean): void;
  quit(): void;
}

export interface AdminWiringDeps {
  core: Core;
  services: Services;
  ports: AdminWindowPorts;
  version: string;
  logFile: string;
  /** Where the config came from (the user's file, the machine policy). */
  configSources: string[];
  /** The one masking implementation, for the status line IT reads in the admin view. */
  redact(text: string): string;
  clock: Clock;
  log: Log;
}

export interface AdminWiring {
  /** Undefined without a configured PIN: then nothing opens the admin window. */
  session: AdminSession | undefined;
  /** Whether a key press in a screen's window is the admin chord (and the escape is on). */
  isChord(input: Parameters<typeof matchesChord>[1]): boolean;
  /** The admin window closed: the next one asks for the PIN again. */
  closed(): void;
}

export function wireAdmin(d: AdminWiringDeps): AdminWiring {
  const { config } = d.services;
  const pinHash = config.admin.pinHash;
  const parsed = parseChord(config.admin.chord);
  const chord: Chord | undefined = parsed.ok ? parsed.chord : undefined;
  const session = pinHash === undefined ? undefined : createAdminSession({
    gate: createPinGate(pinHash, d.clock), clock: d.clock, log: d.log, leaveMinutesMax: config.admin.leaveMinutes,
    hooks: {
      diagnostics: () => diagnostics(d),
      leaveKiosk: () => d.ports.setKiosk(false),
      returnToKiosk: () => d.ports.setKiosk(true),
      reloadScreen: (id) => {
        const screen = d.core.screens.get(id);
        if (!screen) return false;
        d.log.info('admin: screen reloaded', { screen: id });
        screen.refresh();
        return true;
      },
      quit: () => {
        d.log.info('admin: quit');
        d.ports.quit();
      },
    },
  });
  if (!session) d.log.info('no admin PIN is configured (admin.pinHash in the machine policy): the admin escape is off');
  registerAdmin(d.core, session);
  // The gesture comes from a screen's preload (trusted taps only); without a PIN it opens nothing.
  d.core.handle(Channels.escapeGesture, async (caller) => {
    if (session) d.ports.open(caller.webContentsId);
  });
  return {
    session,
    isChord: (input) => session !== undefined && chord !== undefined && matchesChord(chord, input),
    closed: () => session?.lock(),
  };
}

function diagnostics(d: AdminWiringDeps): Diagnostics {
  const { core, services } = d;
  const screens = [...core.wall.snapshot()].map((s) => {
    const open = core.screens.get(s.id);
    const content = open?.content;
    return {
      id: s.id, open: s.open,
      ...(s.showing === undefined ? {} : { showing: s.showing }),
      ...(typeof content === 'object' ? { slide: content.slide } : {}),
      ...(s.bounds ? { display: `${s.bounds.width}×${s.bounds.height} at ${s.bounds.x},${s.bounds.y}` } : {}),
      ...(open ? { state: open.status()?.code ?? open.supervisor.health.state } : {}),
    };
  });
  const showing = [...core.screens.values()].map((s) => ({ screen: s.id, info: s.status() })).find((s) => s.info !== undefined);
  const token = services.broker.describe(services.identity);
  return {
    version: d.version,
    configSources: d.configSources,
    identity: services.identity.cacheKey,
    token,
    displays: core.displays().map((x) => `${x.label || 'display'} (id ${x.id}${x.primary ? ', primary' : ''}): ${x.bounds.width}×${x.bounds.height} at ${x.bounds.x},${x.bounds.y}`),
    screens,
    heals: core.heals(),
    logFile: d.logFile,
    leaveMinutesMax: services.config.admin.leaveMinutes,
    ...(showing?.info ? { status: { code: showing.info.code, message: d.redact(showing.info.message), screen: showing.screen, ...(showing.info.retryAt === undefined ? {} : { retryAt: showing.info.retryAt }) } } : {}),
  };
}
