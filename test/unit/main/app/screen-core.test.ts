import { describe, expect, it } from 'vitest';
import { createScreenCore, type ScreenCoreDeps, type ScreenWindow } from '../../../../src/main/app/screen-core';
import { createMemoryLog } from '../../../../src/main/log/logger';
import type { TokenRecovery } from '../../../../src/main/recovery/token-recovery';
import { supervisorOptions } from '../../../../src/main/supervisor/window-supervisor';
import { contentPath, OFF_PAGE_PATH, STATUS_PAGE_PATH, type StatusInfo } from '../../../../src/shared/ipc-contract';
import { FakeClock } from '../../../support/fake-clock';

const ORIGIN = 'http://localhost:47800';
const SLIDE = { embeds: [{ ui: 'analytics/chart', appId: 'app-1', objectId: 'obj-1' }] } as const;
const content = (slide: number) => `${ORIGIN}${contentPath('left', 'sales', slide)}`;

/** One screen with a window that records what main asks of it. */
function setup() {
  const clock = new FakeClock();
  const loads: string[] = [];
  const shown: number[] = [];
  const app: { status?: StatusInfo } = {};
  const win: ScreenWindow = {
    navigate: (url) => void loads.push(url),
    capture: async () => undefined,
    refit: () => {},
    recreate: (_o, url) => void (url && loads.push(`recreate ${url}`)),
    close: () => void loads.push('closed'),
    setKiosk: () => {},
    webContentsId: () => 7,
  };
  const recovery: TokenRecovery = { start: async () => {}, tokenFailed: () => {}, tenantDown: () => {}, contentWorks: () => {}, state: 'idle', stop: () => {} };
  const deps: ScreenCoreDeps = {
    origin: ORIGIN, demo: false, heartbeatMs: 5_000, playlists: { sales: [SLIDE, SLIDE, SLIDE] },
    clock, logFor: (scope) => createMemoryLog(scope), probe: async () => ({ ok: true }) as never, checkApp: async () => ({ verdict: 'ok' }),
    recovery, supervisorOptions: { ...supervisorOptions({ memoryCeilingMb: 1024, dailyRecycleAt: '04:00', maxSessionHours: 23 }), timezoneOffsetMinutes: () => 0 }, ledger: { read: () => [], write: () => {} }, relaunch: () => {},
    appStatus: () => app.status, slideShown: (_s, _p, slide) => void shown.push(slide), tokenPageStarted: () => {}, healed: () => {},
  };
  const screen = createScreenCore({ id: 'left', kiosk: true, bounds: { x: 0, y: 0, width: 800, height: 600 } }, () => win, deps);
  const report = (url: string, slide: number) => screen.report(url, { tiles: [], slide });
  return { screen, loads, shown, app, report };
}

describe('a screen as main keeps it (recording window)', () => {
  it('loads its playlist at the slide it was given, and the rotation moves the kept slide without a load', () => {
    const t = setup();
    t.screen.show({ playlist: 'sales', slide: 1 });
    expect(t.loads).toEqual([content(1)]);
    t.report(content(1), 2); // the page rotated to slide 2
    expect(t.shown).toEqual([2]);
    expect(t.screen.content).toEqual({ playlist: 'sales', slide: 2 });
    expect(t.loads).toEqual([content(1)]);
  });

  it('recovery confirming the content does not reload a page that has rotated since main loaded it', () => {
    const t = setup();
    t.screen.show({ playlist: 'sales', slide: 0 });
    t.report(content(0), 1); // a first tenant check slower than a dwell: the page moved on meanwhile
    t.screen.showContent();
    expect(t.loads).toEqual([content(0)]);
    t.report(content(0), 2); // and its reports are still heard (the page's URL is the one main loaded)
    expect(t.shown).toEqual([1, 2]);
  });

  it('after a status screen, the content comes back at the slide the page last showed', () => {
    const t = setup();
    t.screen.show({ playlist: 'sales', slide: 0 });
    t.report(content(0), 2);
    t.app.status = { code: 'network', message: 'down', since: 1 };
    t.screen.appStatusChanged(true);
    expect(t.loads.at(-1)).toMatch(new RegExp(`^${ORIGIN}${STATUS_PAGE_PATH}\\?code=network&since=1&screen=left$`));
    t.app.status = undefined;
    t.screen.showContent();
    expect(t.loads.at(-1)).toBe(content(2));
    expect(t.loads).toHaveLength(3);
  });

  it('shows black when off, ignores reports then, and loads nothing once closed', () => {
    const t = setup();
    t.screen.show('off');
    expect(t.loads).toEqual([`${ORIGIN}${OFF_PAGE_PATH}`]);
    expect(t.report(content(0), 1)).toEqual({ remount: [], unavailable: [] });
    expect(t.shown).toEqual([]);
    t.screen.close('display gone');
    t.screen.show({ playlist: 'sales', slide: 0 });
    t.screen.showContent();
    expect(t.loads).toEqual([`${ORIGIN}${OFF_PAGE_PATH}`, 'closed']);
  });
});
