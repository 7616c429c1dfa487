// The admin escape in the harness: real preloads (the content window's and the admin window's), the real
// admin page and main's checked registry. Five trusted taps in a screen's top-right corner open the PIN prompt
// only when the machine policy sets a PIN; wrong PINs lock out; the admin channels answer only the admin window
// (and the admin window gets no token); leaving kiosk mode comes back by itself.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { hashPin } from '../../src/main/admin/pin';
import { REFUSED } from '../../src/main/ipc/register';
import { ADMIN_GLOBAL, BRIDGE_GLOBAL, Channels } from '../../src/shared/ipc-contract';
import { makeCanary } from '../support/canary';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { contentWorks, startHarness, transportCall, until, type Harness } from './qiosk-harness';

const PIN = '246813';
/** Screenshots to look at, when QIOSK_SHOTS names a folder. */
const shot = async (page: Page, name: string) => {
  if (process.env['QIOSK_SHOTS']) await page.screenshot({ path: path.join(process.env['QIOSK_SHOTS'], `${name}.png`) });
};
const ADMIN_CHANNELS = [Channels.adminUnlock, Channels.adminDiagnostics, Channels.adminLeaveKiosk, Channels.adminReloadScreen, Channels.adminQuit];
const ARGS: Record<string, unknown[]> = { [Channels.adminUnlock]: [PIN], [Channels.adminLeaveKiosk]: [5], [Channels.adminReloadScreen]: ['main'] };

/** Five taps in the top-right corner, as a finger makes them (trusted input, through the browser). */
async function tapCorner(h: Harness): Promise<void> {
  const { width } = h.page.viewportSize()!;
  for (let i = 0; i < 5; i++) await h.page.mouse.click(width - 20, 20);
}

/** Calls the admin page's API in its own world, as its buttons do. */
const adminCall = (h: Harness, method: string, ...args: unknown[]) =>
  h.adminPage()!.evaluate(([g, m, a]) => (window as unknown as Record<string, Record<string, (...x: unknown[]) => Promise<unknown>>>)[g as string]![m as string]!(...(a as unknown[])).then((v) => v, (e: Error) => `refused: ${e.message}`), [ADMIN_GLOBAL, method, args] as const);

describeWithKeyring('the admin escape behind a PIN', () => {
  const secret = makeCanary();
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('without a PIN the gesture opens nothing, and every admin channel refuses', async () => {
    h = await startHarness({ secret });
    await contentWorks(h);
    await tapCorner(h);
    await new Promise((r) => setTimeout(r, 1_500)); // what a prompt would need to appear
    expect(h.adminPage()).toBeUndefined();
    for (const channel of ADMIN_CHANNELS) {
      expect(await h.evaluateInPreloadWorld(h.page.mainFrame(), transportCall(channel, ...(ARGS[channel] ?? []))), channel).toBe(REFUSED);
    }
  });

  it('with a PIN: the gesture opens the prompt; wrong PINs lock out; the admin channels answer only the admin window; leaving kiosk mode comes back by itself', async () => {
    const pinHash = await hashPin(PIN);
    h = await startHarness({ secret, policy: (c) => ({ enforced: { tenant: c['tenant'], identity: c['identity'], content: c['content'], admin: { pinHash, leaveMinutes: 1 } } }) });
    const x = h;
    await contentWorks(x);
    // A page script's synthetic taps are not a finger: nothing opens.
    await x.page.evaluate(() => {
      for (let i = 0; i < 5; i++) {
        for (const type of ['pointerdown', 'pointerup', 'click']) window.dispatchEvent(new PointerEvent(type, { clientX: innerWidth - 20, clientY: 20, bubbles: true }));
      }
    });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(x.adminPage(), 'synthetic taps open nothing').toBeUndefined();

    await tapCorner(x);
    await until(() => x.adminPage() !== undefined, 5_000, 'the admin window');
    const admin = x.adminPage()!;
    await admin.waitForSelector('text=Enter the admin PIN.', { timeout: 10_000 });
    await shot(admin, 'admin-pin-prompt');

    // A content window calls none of the admin channels, even from its preload's world (a compromised renderer).
    for (const channel of ADMIN_CHANNELS) {
      expect(await x.evaluateInPreloadWorld(x.page.mainFrame(), transportCall(channel, ...(ARGS[channel] ?? []))), channel).toBe(REFUSED);
    }
    // The admin window gets no token and sends no health report.
    expect(await x.evaluateInPreloadWorld(admin.mainFrame(), transportCall(Channels.getAccessToken))).toBe(REFUSED);
    // Locked: nothing but the PIN is answered.
    expect(await adminCall(x, 'diagnostics')).toMatch(/^refused: .*locked/);
    const pause = () => new Promise((r) => setTimeout(r, 1_100)); // unlock calls are rate-limited too (one a second)

    // IT types the PIN on the prompt: the admin view.
    for (const digit of PIN) await admin.keyboard.press(digit);
    await admin.keyboard.press('Enter');
    await admin.waitForSelector('#diag-title:visible', { timeout: 5_000 });
    await shot(admin, 'admin-view');
    const diagnostics = await adminCall(x, 'diagnostics') as Record<string, unknown>;
    expect(diagnostics).toMatchObject({ identity: expect.any(String), token: { state: 'valid', expiresAt: expect.any(Number) }, screens: [expect.objectContaining({ id: 'main', open: true, showing: 'main', slide: 0 })] });
    const text = JSON.stringify(diagnostics);
    // The token the page holds (its bridge hands out the cached one) and the client secret are nowhere in it.
    const token = await x.page.evaluate((g) => (window as unknown as Record<string, () => Promise<string>>)[g]!(), BRIDGE_GLOBAL);
    expect(token.length).toBeGreaterThan(16);
    expect(text).not.toContain(token);
    expect(text).not.toContain(secret);

    // Three wrong PINs are free (and each locks the view); the fourth locks out for 30 s, and then even the right
    // PIN waits.
    for (let i = 0; i < 3; i++) {
      await pause();
      expect(await adminCall(x, 'unlock', '111111')).toEqual({ ok: false });
    }
    expect(await adminCall(x, 'diagnostics')).toMatch(/^refused: .*locked/);
    await pause();
    const at = Date.now();
    const locked = (await adminCall(x, 'unlock', '111111')) as { ok: false; retryAt: number };
    expect(locked.ok).toBe(false);
    expect(locked.retryAt - at).toBeGreaterThan(29_000);
    expect(locked.retryAt - at).toBeLessThanOrEqual(31_000);
    await pause();
    const waiting = (await adminCall(x, 'unlock', PIN)) as { ok: boolean; retryAt: number };
    expect(waiting.ok).toBe(false);
    expect(Math.abs(waiting.retryAt - locked.retryAt)).toBeLessThanOrEqual(5); // the same lockout (ms rounding)
    // The prompt as a person sees it then.
    await admin.reload();
    await admin.waitForSelector('text=Enter the admin PIN.', { timeout: 10_000 });
    await pause();
    for (const digit of '999999') await admin.keyboard.press(digit);
    await admin.keyboard.press('Enter');
    await admin.waitForSelector('text=/Try again in/', { timeout: 5_000 });
    await shot(admin, 'admin-locked');
    x.advanceMainClock(31_000); // past the lockout
    expect(await adminCall(x, 'unlock', PIN)).toEqual({ ok: true });

    // Leave kiosk mode for a minute (the policy's longest): every screen leaves, and comes back by itself, even
    // with the admin window closed meanwhile.
    const left = (await adminCall(x, 'leaveKiosk', 1)) as { until: number };
    expect(left.until - Date.now()).toBeGreaterThan(55_000);
    expect(x.kioskOf('main')).toBe(false);
    await admin.close();
    expect(await x.evaluateInPreloadWorld(x.page.mainFrame(), transportCall(Channels.adminLeaveKiosk, 1))).toBe(REFUSED);
    await until(() => x.kioskOf('main') === true, 75_000, 'kiosk mode back by itself');
    expect(Date.now() - at).toBeGreaterThanOrEqual(59_000);
  }, 150_000);
});
