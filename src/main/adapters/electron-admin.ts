// The admin window in Electron: its own preload (admin.js: the admin channels only, no token bridge), the admin
// page of the renderer origin, above the kiosk windows on the display it was asked from. One at a time; closing it
// locks the admin session. Which windows are admin windows is what the 'admin' sender policy asks.
import { BrowserWindow, screen } from 'electron';
import { ADMIN_PAGE_PATH } from '../../shared/ipc-contract';
import type { Log } from '../core/ports';
import { kioskWindowOptions } from '../security/window-options';

const ADMIN_SIZE = { width: 900, height: 760 };

export function electronAdminWindow(d: { preloadPath: string; packaged: boolean; origin: () => string | undefined; log: Log; closed(): void }) {
  let win: BrowserWindow | undefined;
  return {
    isAdmin: (webContentsId: number) => win !== undefined && !win.isDestroyed() && win.webContents.id === webContentsId,
    open(fromWebContentsId: number | undefined): void {
      if (win && !win.isDestroyed()) {
        win.focus();
        return;
      }
      const origin = d.origin();
      if (!origin) return;
      const from = BrowserWindow.getAllWindows().find((w) => w.webContents.id === fromWebContentsId);
      const area = (from ? screen.getDisplayMatching(from.getBounds()) : screen.getPrimaryDisplay()).workArea;
      const x = Math.round(area.x + Math.max(0, (area.width - ADMIN_SIZE.width) / 2));
      const y = Math.round(area.y + Math.max(0, (area.height - ADMIN_SIZE.height) / 2));
      const options = kioskWindowOptions({ preloadPath: d.preloadPath, kiosk: false, packaged: d.packaged });
      win = new BrowserWindow({ ...options, ...ADMIN_SIZE, x, y, title: 'Qiosk admin', alwaysOnTop: true, show: true, minimizable: false, fullscreenable: false });
      // Above kiosk windows, which are full screen.
      win.setAlwaysOnTop(true, 'screen-saver');
      win.on('closed', () => {
        win = undefined;
        d.closed();
      });
      d.log.info('admin window opened');
      void win.loadURL(`${origin}${ADMIN_PAGE_PATH}`).catch((err: unknown) => d.log.warn('admin page failed to load', { err: String(err) }));
    },
  };
}
