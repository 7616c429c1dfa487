// Templates turn the signed-in OS user into a Qlik identity, e.g. 'CORP\{username}' or '{username}@corp.example'.
// The same checks run when the config is loaded (so a bad template stops startup with a config error) and when
// an identity is resolved (so the resolver never trusts that its input was validated).

export const TEMPLATE_PLACEHOLDERS = ['username', 'domain'] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

export type TemplateCheck =
  | { ok: true; placeholders: ReadonlySet<TemplatePlaceholder> }
  | { ok: false; problem: string };

const PLACEHOLDER = /\{([^{}]*)\}/g;

function isPlaceholder(name: string): name is TemplatePlaceholder {
  return (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name);
}

/** Checks a template's syntax. `problem` completes a sentence that starts with the field name. */
export function checkTemplate(template: string): TemplateCheck {
  const found = new Set<TemplatePlaceholder>();
  const unknown: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (isPlaceholder(name)) found.add(name);
    else unknown.push(`{${name}}`);
  }
  if (unknown.length > 0) {
    const list = [...new Set(unknown)].join(', ');
    return { ok: false, problem: `uses unknown placeholder ${list}; only {username} and {domain} are supported` };
  }
  if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) {
    return { ok: false, problem: 'has an unmatched "{" or "}"; placeholders are written {username} and {domain}' };
  }
  if (found.size === 0) {
    return {
      ok: false,
      problem:
        'contains no {username} or {domain} placeholder, so every OS user would get the same Qlik identity; ' +
        'add {username} (e.g. "{username}@corp.example"), or use identity mode "device" for one fixed identity',
    };
  }
  return { ok: true, placeholders: found };
}

/** Substitutes placeholders. Callers check the template and supply every value it needs first. */
export function renderTemplate(template: string, values: Readonly<Record<TemplatePlaceholder, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (isPlaceholder(name) ? values[name] : whole));
}
