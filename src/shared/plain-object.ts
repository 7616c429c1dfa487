// The one "is this a JSON object?" test, for every process: config layers, policies, IPC arguments, page config.

/** A non-null object that is not an array (what JSON calls an object). */
export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
