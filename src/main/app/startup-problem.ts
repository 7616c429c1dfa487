// What the start-up problem screen is told: a status code and two times, nothing else. The error's message names
// config and policy files, OS user names and identity-map keys: it goes to the log (until-started.ts), never into
// the screen's URL, where anyone at the kiosk could read it. The screen has fixed words per code
// (src/renderer/status-view.ts).
import type { StatusCode } from '../../shared/status-codes';
import { ConfigError } from '../config';
import { IdentityError } from '../identity';

export function startupProblemCode(err: unknown): StatusCode {
  // A missing, untrusted or incomplete machine policy (config/policy-file.ts, policy.ts): IT installs or fixes it.
  if (err instanceof ConfigError) return err.problems.some((p) => p.machinePolicy) ? 'machine_policy' : 'configuration';
  if (err instanceof IdentityError) return 'identity';
  return 'startup';
}

/** The query of the start-up problem screen (status.html, loaded from the app's files). */
export function startupProblemQuery(err: unknown, since: number, retryAt: number): Record<string, string> {
  return { code: startupProblemCode(err), since: String(since), retryAt: String(retryAt) };
}
