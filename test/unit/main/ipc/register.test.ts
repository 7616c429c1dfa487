import { describe, expect, it, vi } from 'vitest';
import { checkSender, type SenderFacts } from '../../../../src/main/ipc/sender-check';
import { createIpcRegistry, REFUSAL_LOG_INTERVAL_MS, REFUSED, type InvokeEventLike, type IpcMainLike } from '../../../../src/main/ipc/register';
import { IPC_RATE_LIMITS } from '../../../../src/main/ipc/rate-limit';
import { Channels } from '../../../../src/shared/ipc-contract';
import { createMemoryLog } from '../../../../src/main/log/logger';
import { FakeClock } from '../../../support/fake-clock';

const ORIGIN = 'http://localhost:47321';
const policy = { rendererOrigin: ORIGIN, isOurWebContents: (id: number) => id === 7 };
const main = (url: string) => ({ url, isMainFrame: true });

describe('checkSender', () => {
  it.each<[string, SenderFacts, boolean]>([
    ['our window, main frame, our origin', { webContentsId: 7, frame: main(`${ORIGIN}/`) }, true],
    ['our origin, status page with a query', { webContentsId: 7, frame: main(`${ORIGIN}/status.html?code=x`) }, true],
    ['a subframe at our origin', { webContentsId: 7, frame: { url: `${ORIGIN}/`, isMainFrame: false } }, false],
    ['a null sender frame', { webContentsId: 7, frame: null }, false],
    ['a window Qiosk did not create', { webContentsId: 8, frame: main(`${ORIGIN}/`) }, false],
    ['another origin', { webContentsId: 7, frame: main('https://evil.example/') }, false],
    ['the tenant origin', { webContentsId: 7, frame: main('https://acme.eu.qlikcloud.com/') }, false],
    ['a look-alike host', { webContentsId: 7, frame: main('http://localhost:47321.evil.example/') }, false],
    ['userinfo trick', { webContentsId: 7, frame: main('http://localhost:47321@evil.example/') }, false],
    ['another port', { webContentsId: 7, frame: main('http://localhost:47322/') }, false],
    ['127.0.0.1 instead of localhost', { webContentsId: 7, frame: main('http://127.0.0.1:47321/') }, false],
    ['file://', { webContentsId: 7, frame: main('file:///opt/qiosk/index.html') }, false],
    ['data:', { webContentsId: 7, frame: main('data:text/html,hi') }, false],
    ['about:blank', { webContentsId: 7, frame: main('about:blank') }, false],
    ['an unparseable URL', { webContentsId: 7, frame: main('not a url') }, false],
  ])('%s → %s', (_name, facts, ok) => {
    expect(checkSender(facts, policy).ok).toBe(ok);
  });
});

describe('createIpcRegistry', () => {
  function setup() {
    const handle = vi.fn<IpcMainLike['handle']>();
    const ipcMain: IpcMainLike = { handle, removeHandler: vi.fn() };
    const log = createMemoryLog();
    const clock = new FakeClock();
    const handler = vi.fn(async () => ({ ok: true as const, accessToken: 'tok' }));
    const reports = vi.fn(async () => ({ remount: [], unavailable: [] }));
    const registry = createIpcRegistry(ipcMain, { content: policy, admin: { rendererOrigin: policy.rendererOrigin, isOurWebContents: () => false } }, log, { clock });
    registry.handle(Channels.getAccessToken, handler);
    registry.handle(Channels.reportHealth, reports);
    const listener = handle.mock.calls[0]![1];
    const reportListener = handle.mock.calls[1]![1];
    const event = (id: number, frame: InvokeEventLike['senderFrame']): InvokeEventLike => ({ sender: { id }, senderFrame: frame });
    return { ipcMain, handler, reports, listener, reportListener, event, log, clock };
  }
  const ours = { url: `${ORIGIN}/`, parent: null };
  const refusedLines = (log: { lines: string[] }) => log.lines.filter((l) => l.includes('refused IPC call'));

  it('registers the contract channel once, replacing any earlier handler', () => {
    const { ipcMain } = setup();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith('qiosk:get-access-token');
    expect(vi.mocked(ipcMain.handle).mock.calls.map(([c]) => c)).toEqual(['qiosk:get-access-token', 'qiosk:report-health']);
  });

  it('answers the main frame of our window', async () => {
    const { listener, event, handler } = setup();
    await expect(listener(event(7, { url: `${ORIGIN}/`, parent: null }))).resolves.toEqual({ ok: true, accessToken: 'tok' });
    expect(handler).toHaveBeenCalledWith({ webContentsId: 7, url: `${ORIGIN}/` });
  });

  it.each<[string, number, InvokeEventLike['senderFrame'], unknown[]]>([
    ['a subframe', 7, { url: `${ORIGIN}/`, parent: {} }, []],
    ['another origin', 7, { url: 'https://evil.example/', parent: null }, []],
    ['a window we did not create', 99, { url: `${ORIGIN}/`, parent: null }, []],
    ['a null sender frame', 7, null, []],
    ['arguments (trying to pick a user)', 7, { url: `${ORIGIN}/`, parent: null }, [{ userId: 'u-2' }]],
    ['a string argument', 7, { url: `${ORIGIN}/`, parent: null }, ['u-2']],
  ])('refuses %s without calling the handler', async (_name, id, frame, args) => {
    const { listener, event, handler, log } = setup();
    await expect(listener(event(id, frame), ...args)).rejects.toThrow(REFUSED);
    expect(handler).not.toHaveBeenCalled();
    expect(log.lines.join('\n')).toContain('refused IPC call');
  });

  it('treats a disposed frame (senderFrame throws) as no frame', async () => {
    const { listener, handler } = setup();
    const disposed = { sender: { id: 7 }, get senderFrame(): never { throw new Error('Render frame was disposed'); } };
    await expect(listener(disposed)).rejects.toThrow(REFUSED);
    expect(handler).not.toHaveBeenCalled();
  });

  it('10,000 malformed calls: no handler work, one log line per channel and kind of refusal, the count with the next', async () => {
    const { listener, reportListener, event, handler, reports, log, clock } = setup();
    const tokenArgs: unknown[][] = [[{ userId: 'u-2' }], ['u-2'], [null, 1]];
    const reportArgs: unknown[][] = [[{ tiles: 'all fine' }], [{ tiles: [{ phase: 'hacked', mounted: true }] }], [], [{ tiles: [] }, 'extra']];
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 10_000; i++) {
      // Mostly from the main frame of our window; 1 in 5 from a subframe, 1 in 50 from a window Qiosk did not create.
      const frame = i % 10 >= 8 ? { url: `${ORIGIN}/`, parent: {} } : ours;
      const id = i % 100 >= 98 ? 99 : 7;
      const call = i % 2 === 0 ? listener(event(id, frame), ...tokenArgs[i % 3]!) : reportListener(event(id, frame), ...reportArgs[i % 4]!);
      calls.push(call as Promise<unknown>);
    }
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.every((o) => o.status === 'rejected' && (o.reason as Error).message === REFUSED)).toBe(true);
    expect(handler).not.toHaveBeenCalled();
    expect(reports).not.toHaveBeenCalled();
    const kinds = refusedLines(log).map((l) => /"channel":"([^"]+)","kind":"([^"]+)"/.exec(l)!.slice(1).join(' '));
    // 2 channels × 3 kinds met (arguments, subframe, not-ours): 6 lines for 10,000 calls.
    expect(kinds.sort()).toEqual([
      'qiosk:get-access-token arguments', 'qiosk:get-access-token not-ours', 'qiosk:get-access-token subframe',
      'qiosk:report-health arguments', 'qiosk:report-health not-ours', 'qiosk:report-health subframe',
    ]);
    expect(log.lines.join('\n')).not.toMatch(/u-2|hacked|all fine/); // never argument values
    // When the interval ends, each kind's count is logged once, even though the flood has stopped.
    clock.advance(REFUSAL_LOG_INTERVAL_MS);
    const counts = refusedLines(log).slice(6);
    expect(counts).toHaveLength(6);
    const args = counts.find((l) => l.includes('"kind":"arguments"'))!;
    expect(Number(/"repeated":(\d+)/.exec(args)![1])).toBeGreaterThan(3_000);
  });

  it('rate-limits a window per channel: over the limit refused with the same error and no handler work, refilled in time', async () => {
    const { listener, reportListener, event, handler, reports, log, clock } = setup();
    const { burst, perSecond } = IPC_RATE_LIMITS[Channels.getAccessToken];
    const tokenCalls = await Promise.allSettled(Array.from({ length: burst + 40 }, () => listener(event(7, ours)) as Promise<unknown>));
    expect(tokenCalls.filter((o) => o.status === 'fulfilled')).toHaveLength(burst);
    expect(tokenCalls.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.message)).toEqual(Array(40).fill(REFUSED));
    expect(handler).toHaveBeenCalledTimes(burst);
    expect(refusedLines(log)).toHaveLength(1);
    expect(refusedLines(log)[0]).toMatch(/"kind":"rate-limit"/);
    // Another channel of the same window has its own bucket.
    await expect(reportListener(event(7, ours), { tiles: [] })).resolves.toEqual({ remount: [], unavailable: [] });
    expect(reports).toHaveBeenCalledTimes(1);
    // The bucket refills at its rate: one call a second here.
    clock.advance(1000 / perSecond);
    await expect(listener(event(7, ours))).resolves.toEqual({ ok: true, accessToken: 'tok' });
    await expect(listener(event(7, ours))).rejects.toThrow(REFUSED);
    expect(handler).toHaveBeenCalledTimes(burst + 1);
  });

  it('malformed calls do not use up the window\'s budget: its real calls still go through', async () => {
    const { reportListener, event, reports } = setup();
    const { burst } = IPC_RATE_LIMITS[Channels.reportHealth];
    await Promise.allSettled(Array.from({ length: burst * 5 }, () => reportListener(event(7, ours), { tiles: 'garbage' }) as Promise<unknown>));
    await expect(reportListener(event(7, ours), { tiles: [{ phase: 'rendered', mounted: true }] })).resolves.toEqual({ remount: [], unavailable: [] });
    expect(reports).toHaveBeenCalledTimes(1);
  });
});
