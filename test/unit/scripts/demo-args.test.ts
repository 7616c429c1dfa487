import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_PORT, parseDemoArgs } from '../../../scripts/demo-args';

describe('the demo\'s command line and environment', () => {
  it('reads the README\'s form: npm run demo -- --fault outage:5 --kiosk', () => {
    const a = parseDemoArgs(['--fault', 'outage:5', '--kiosk'], {});
    expect(a).toMatchObject({ faults: [{ kind: 'outage', seconds: 5 }], kiosk: true, port: DEFAULT_DEMO_PORT, runtime: 'worst-case' });
  });

  // What npm hands the demo when the "--" is left out, one row per way npm swallows an option.
  it.each([
    ['npm run demo --fault outage:30', ['outage:30'], { npm_config_fault: 'true' }, 'npm run demo -- --fault outage:30'],
    ['npm run demo --fault=outage:30', [], { npm_config_fault: 'outage:30' }, 'npm run demo -- --fault outage:30'],
    ['npm run demo --kiosk', [], { npm_config_kiosk: 'true' }, 'npm run demo -- --kiosk'],
  ])('%s: says npm kept the option and gives the command that works', (_typed, argv, env, fix) => {
    expect(() => parseDemoArgs(argv, env)).toThrow(`Run: ${fix}`);
    expect(() => parseDemoArgs(argv, env)).toThrow(/npm kept --\w+ for itself/);
  });

  it.each([
    ['abc', /QIOSK_DEMO_PORT must be a port number from 1024 to 65535 \(got "abc"\)/],
    ['80', /QIOSK_DEMO_PORT must be a port number/],
    ['70000', /QIOSK_DEMO_PORT must be a port number/],
  ])('QIOSK_DEMO_PORT=%s is refused, naming the variable', (value, message) => {
    expect(() => parseDemoArgs([], { QIOSK_DEMO_PORT: value })).toThrow(message);
  });

  it('QIOSK_DEMO_PORT=47400 is used', () => expect(parseDemoArgs([], { QIOSK_DEMO_PORT: '47400' }).port).toBe(47400));

  it.each([
    [['--fault', 'flood'], /use one of outage/],
    [['--runtime', 'fast'], /--runtime must be one of/],
    [['outage:5'], /unexpected argument "outage:5".*npm run demo -- --fault outage:5/],
    [['--nope'], /Unknown option '--nope'/],
  ])('%j: one line naming what to change', (argv, message) => {
    expect(() => parseDemoArgs(argv, {})).toThrow(message);
  });
});
