// The rules for a value sent as Qlik's `user_lookup.value`. Shared by config validation (map and device values)
// and by the resolver (template results), so both reject the same things with the same words.

export const MAX_LOOKUP_VALUE_LENGTH = 256;

// C0/C1 controls and Unicode line/paragraph separators: never part of a real user id, and they corrupt logs.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Returns what is wrong with a lookup value (completing "it …"), or undefined when it is usable. */
export function lookupValueProblem(value: string): string | undefined {
  if (value.trim() === '') return 'is empty';
  if (CONTROL.test(value)) return 'contains a control character (such as a newline or tab)';
  if (value.trim() !== value) return 'has leading or trailing whitespace';
  if (value.length > MAX_LOOKUP_VALUE_LENGTH) return `is longer than ${MAX_LOOKUP_VALUE_LENGTH} characters`;
  return undefined;
}
