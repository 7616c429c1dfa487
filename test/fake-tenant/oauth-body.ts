// Parsing the /oauth/token body (JSON or form) into flat parameters, and the log summary of it.
// Form bodies may carry user_lookup as a JSON string or as user_lookup[field] / user_lookup[value]: fake
// leniency, since Qlik does not document a form encoding of the nested object.
import type { LogEntry } from './request-log';
import type { TenantState } from './state';

export interface TokenParams {
  contentType: 'json' | 'form';
  /** Field names exactly as received, in order. */
  fieldNames: string[];
  fields: Record<string, unknown>;
}

export type ParseResult = { ok: true; params: TokenParams } | { ok: false; detail: string; fieldNames?: string[] };

export function parseTokenBody(contentTypeHeader: string | undefined, raw: string): ParseResult {
  const type = (contentTypeHeader ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') return parseJson(raw);
  if (type === 'application/x-www-form-urlencoded') return parseForm(raw);
  return {
    ok: false,
    detail: `Content-Type must be application/json or application/x-www-form-urlencoded (got ${type === '' ? 'none' : JSON.stringify(type)}).`,
  };
}

function parseJson(raw: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, detail: 'The JSON body does not parse.' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, detail: 'The JSON body must be an object.' };
  }
  const fields = data as Record<string, unknown>;
  return { ok: true, params: { contentType: 'json', fieldNames: Object.keys(fields), fields } };
}

function parseForm(raw: string): ParseResult {
  const form = new URLSearchParams(raw);
  const fieldNames = [...form.keys()];
  const fields: Record<string, unknown> = {};
  const lookup: Record<string, string> = {};
  for (const [k, v] of form) {
    const nested = /^user_lookup\[(\w+)\]$/.exec(k);
    if (nested?.[1]) {
      lookup[nested[1]] = v;
    } else if (k === 'user_lookup') {
      try {
        fields[k] = JSON.parse(v);
      } catch {
        return { ok: false, detail: 'user_lookup in a form body must be a JSON object string or user_lookup[field]/user_lookup[value].', fieldNames };
      }
    } else {
      fields[k] = v;
    }
  }
  if (Object.keys(lookup).length > 0) {
    if (fields.user_lookup !== undefined) return { ok: false, detail: 'Send user_lookup once, not both as JSON and as user_lookup[…].', fieldNames };
    fields.user_lookup = lookup;
  }
  return { ok: true, params: { contentType: 'form', fieldNames, fields } };
}

/** A string field, or undefined when absent or not a string. */
export function str(params: TokenParams, name: string): string | undefined {
  const v = params.fields[name];
  return typeof v === 'string' ? v : undefined;
}

/** Copies the non-secret parameters into the log entry; secrets and tokens become flags and ids. */
export function summarizeTokenRequest(entry: LogEntry, params: TokenParams, state: TenantState): void {
  entry.contentType = params.contentType === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
  entry.bodyFields = params.fieldNames;
  entry.grantType = str(params, 'grant_type') ?? null;
  entry.clientId = str(params, 'client_id') ?? null;
  entry.scope = str(params, 'scope') ?? null;
  entry.secretPresent = (str(params, 'client_secret') ?? '') !== '';
  entry.assertionPresent = (str(params, 'client_assertion') ?? '') !== '';
  entry.subjectTokenType = str(params, 'subject_token_type') ?? null;
  const subject = str(params, 'subject_token');
  entry.subjectTokenId = subject === undefined ? null : (state.tokenIdOf(subject) ?? null);
  entry.purpose = str(params, 'purpose') ?? null;
  entry.redirectUri = str(params, 'redirect_uri') ?? null;
  const lookup = params.fields.user_lookup;
  if (typeof lookup === 'object' && lookup !== null) {
    const l = lookup as Record<string, unknown>;
    entry.userLookup = { field: String(l.field), value: String(l.value) };
  }
}
