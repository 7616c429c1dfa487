import { vi } from 'vitest';

// One shared Electron mock for every unit test (electron/fiddle's tests/setup.ts pattern). Requiring the
// real `electron` package from Node would try to download a binary, so no test may reach it.
vi.mock('electron', () => import('./electron'));
// electron-store needs a running Electron app (its userData path): a Map stands in for its file, per store.
vi.mock('electron-store', () => import('./electron-store'));
