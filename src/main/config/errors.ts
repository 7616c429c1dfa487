// One error type for everything that can be wrong with configuration, listing every problem at once so IT
// fixes a file in one pass. Messages never carry config values that could be secrets.

export interface ConfigProblem {
  /** Where the value came from: a file path, or a layer description. */
  readonly source: string;
  /** Dotted path into the config, e.g. 'content.embeds[0].appId'; '' when the problem is the whole file. */
  readonly path: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
  /** The machine policy is missing, untrustworthy or incomplete for a packaged build: IT's to install or fix. */
  readonly machinePolicy?: true;
}

export function formatProblem(p: ConfigProblem): string {
  return p.path === '' ? `${p.source}: ${p.message}` : `${p.source}: ${p.path}: ${p.message}`;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], detail?: string) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((p) => `  - ${formatProblem(p)}`);
    super([`Qiosk configuration is invalid (${count}):`, ...lines, ...(detail ? [detail] : [])].join('\n'));
    this.problems = problems;
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** Renders ['content', 'embeds', 0, 'appId'] as content.embeds[0].appId; odd keys get ["quoted"]. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && IDENTIFIER.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}
