// Whether a folder can take Qiosk's files: created if missing (owner-only), a probe file written and removed.
import { promises as fs } from 'node:fs';
import path from 'node:path';

export async function probeWritable(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const probe = path.join(dir, `.doctor-probe-${process.pid}`);
  await fs.writeFile(probe, 'probe', { mode: 0o600 });
  await fs.unlink(probe);
}
