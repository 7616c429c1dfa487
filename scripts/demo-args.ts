// The demo's command line and environment, checked in one place before anything starts: every mistake gets
// one line naming the option or variable and what to write instead. Pure (argv and env passed in).
import { parseArgs } from 'node:util';
import { RUNTIME_MODES, type RuntimeMode } from '../test/fake-tenant/options';
import { FAULT_HELP, parseFault, type PlayedFault } from '../test/fake-tenant/demo-faults';

export const USAGE = `Usage: npm run demo -- [options]     (the "--" passes the options to the demo, not to npm)
  --preview              skip Electron: show the kiosk in the Chromium preview
  --headless             preview without a window (the default where there is no display)
  --kiosk                full screen, as a kiosk shows it (the Electron app, or the headed preview)
  --fault KIND[:SECONDS] play a fault as the demo starts (repeatable): outage, engine-drop, revoke, rate-limit
  --screenshot-dir DIR   where the preview writes its screenshots and main's log (default out/preview)
  --runtime MODE         how the stand-in Qlik runtime behaves: ${RUNTIME_MODES.join(', ')} (default worst-case)
Environment:
  QIOSK_DEMO_PORT        the kiosk's renderer port (default 47321)
Keys while it runs:
${FAULT_HELP}`;

const OPTIONS = {
  preview: { type: 'boolean' }, headless: { type: 'boolean' }, kiosk: { type: 'boolean' },
  fault: { type: 'string', multiple: true }, 'screenshot-dir': { type: 'string' }, runtime: { type: 'string' }, help: { type: 'boolean' },
} as const;

export interface DemoArgs {
  preview: boolean;
  headless: boolean;
  kiosk: boolean;
  faults: PlayedFault[];
  screenshotDir?: string;
  runtime: RuntimeMode;
  help: boolean;
  port: number;
}

export const DEFAULT_DEMO_PORT = 47321;

/** QIOSK_DEMO_PORT as a port the renderer origin can use; throws naming the variable. */
export function demoPort(env: NodeJS.ProcessEnv): number {
  const raw = env['QIOSK_DEMO_PORT'];
  if (raw === undefined || raw === '') return DEFAULT_DEMO_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port < 1024 || port > 65535) {
    throw new Error(`QIOSK_DEMO_PORT must be a port number from 1024 to 65535 (got "${raw.slice(0, 40)}"); unset it for ${DEFAULT_DEMO_PORT}`);
  }
  return port;
}

/** Options npm kept for itself: `npm run demo --fault outage:30` (no "--") gives npm `--fault` and the demo only
 * "outage:30". npm leaves them in the environment as npm_config_<name>, which is how they are recognised. */
function swallowedByNpm(env: NodeJS.ProcessEnv, positionals: readonly string[]): string | undefined {
  const taken = Object.keys(OPTIONS).filter((name) => env[`npm_config_${name.replace(/-/g, '_')}`] !== undefined);
  if (taken.length === 0) return undefined;
  const rebuilt = taken.map((name) => {
    const value = env[`npm_config_${name.replace(/-/g, '_')}`];
    return OPTIONS[name as keyof typeof OPTIONS].type === 'boolean' || value === 'true' ? `--${name}` : `--${name} ${value}`;
  });
  const suggestion = ['npm run demo --', ...rebuilt, ...positionals].join(' ');
  return `npm kept ${taken.map((n) => `--${n}`).join(', ')} for itself: options after "npm run demo" need a "--" first. Run: ${suggestion}`;
}

/** The demo's settings, or an Error whose message says what to change. */
export function parseDemoArgs(argv: readonly string[], env: NodeJS.ProcessEnv): DemoArgs {
  const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
  const npm = swallowedByNpm(env, positionals);
  if (npm) throw new Error(npm);
  if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}": options start with --, e.g. npm run demo -- --fault ${positionals[0]}`);
  if (values.runtime !== undefined && !(RUNTIME_MODES as readonly string[]).includes(values.runtime)) {
    throw new Error(`--runtime must be one of ${RUNTIME_MODES.join(', ')} (got "${values.runtime}")`);
  }
  return {
    preview: values.preview ?? false,
    headless: values.headless ?? false,
    kiosk: values.kiosk ?? false,
    faults: (values.fault ?? []).map(parseFault),
    ...(values['screenshot-dir'] === undefined ? {} : { screenshotDir: values['screenshot-dir'] }),
    runtime: (values.runtime ?? 'worst-case') as RuntimeMode,
    help: values.help ?? false,
    port: demoPort(env),
  };
}
