// The relaunch ledger on disk (userData/relaunches.json), so the relaunch cap holds across relaunches. A file
// that is missing or unreadable counts as no relaunches: the cap can only err towards trying again.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { RelaunchLedger } from '../supervisor/window-supervisor';

export function fileLedger(file: string): RelaunchLedger {
  return {
    read() {
      try {
        const times: unknown = JSON.parse(readFileSync(file, 'utf8'));
        return Array.isArray(times) ? times.filter((t): t is number => typeof t === 'number' && Number.isFinite(t)) : [];
      } catch {
        return [];
      }
    },
    write(times) {
      writeFileSync(`${file}.tmp`, JSON.stringify(times), { mode: 0o600 });
      renameSync(`${file}.tmp`, file); // whole or not at all
    },
  };
}
