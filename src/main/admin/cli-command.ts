// The one place that knows how IT runs Qiosk's admin CLI. An installed Qiosk is its own CLI: the app's executable
// given a command (`qiosk secret set …`) runs it in the main process, with no window and without the single-instance
// lock, and exits with its code. That keeps the runAsNode fuse off (no `ELECTRON_RUN_AS_NODE` back door into main)
// and needs no second binary: the CLI uses the same keytar, config loader and policy checks as the kiosk. From a
// source checkout the same commands run in plain Node (`npm run admin -- …`, src/main/admin-cli.ts).
import path from 'node:path';

/** The first arguments that make a launch a CLI run instead of the kiosk. */
export const ADMIN_COMMANDS = ['secret', 'key', 'config', 'pin', 'doctor', 'status', 'help'] as const;

const FROM_SOURCE = 'npm run admin --';
let installed: string | undefined;

/** How messages name the CLI: set once by the Electron entry of an installed Qiosk, else the source checkout's. */
export function adminCommand(): string {
  return installed ?? FROM_SOURCE;
}

/** The command as installed on each OS (README "IT deployment"): deb and rpm link /usr/bin/qiosk, an AppImage
 * is run by its own path, macOS by the executable inside the bundle, Windows through qiosk-admin.cmd beside
 * Qiosk.exe (it waits for the GUI-subsystem exe and passes its exit code on, which cmd.exe and PowerShell
 * otherwise do not). */
export function installedCommand(platform: NodeJS.Platform, execPath: string, env: Record<string, string | undefined>): string {
  if (platform === 'win32') return `"${path.win32.join(path.win32.dirname(execPath), 'qiosk-admin.cmd')}"`;
  if (platform === 'darwin') return `"${execPath}"`;
  return env['APPIMAGE'] ? `"${env['APPIMAGE']}"` : 'qiosk';
}

export function useInstalledCommand(command: string): void {
  installed = command;
}

/** The CLI's arguments when this launch is a CLI run, else undefined. A packaged app gets them right after its
 * executable; `electron .` (development) after the app path. macOS adds -psn_… when Finder starts an app. */
export function adminInvocation(argv: readonly string[], packaged: boolean): string[] | undefined {
  const args = argv.slice(packaged ? 1 : 2).filter((a) => !a.startsWith('-psn_'));
  const first = args[0];
  return first !== undefined && (ADMIN_COMMANDS as readonly string[]).includes(first) ? args : undefined;
}
