import { describe, expect, it } from 'vitest';
import { startupProblemCode, startupProblemQuery } from '../../../../src/main/app/startup-problem';
import { ConfigError } from '../../../../src/main/config';
import { IdentityError } from '../../../../src/main/identity';
import { statusView } from '../../../../src/renderer/status-view';

// The start-up problem screen is read by whoever passes: it gets the kind of problem and two times, never the
// error's words (config and policy paths, OS user names, identity-map keys), which stay in the log.
const USER = 'CANARY-jdoe';
const PATH = `/home/${USER}/.config/qiosk/config.json`;

describe('the start-up problem screen', () => {
  it.each<[string, unknown, string]>([
    ['a broken config file', new ConfigError([{ source: PATH, path: 'tenant.host', message: 'must be an https:// URL' }]), 'configuration'],
    ['an unmapped OS user', new IdentityError(`OS user "${USER}" is not listed in identity.users; add "${USER}": "<Qlik userId>"`), 'identity'],
    ['anything else', new Error(`The renderer files are missing: /opt/${USER}/renderer is not a folder.`), 'startup'],
    ['a thrown string', `${PATH} is gone`, 'startup'],
  ])('%s → %s, and nothing of its message', (_name, err, code) => {
    expect(startupProblemCode(err)).toBe(code);
    const query = startupProblemQuery(err, 1_700_000_000_000, 1_700_000_015_000);
    expect(query).toEqual({ code, since: '1700000000000', retryAt: '1700000015000' });
    const v = statusView(`?${new URLSearchParams(query)}`);
    expect(v.selfHealing).toBe(false);
    expect(JSON.stringify(v)).not.toContain(USER);
  });
});
