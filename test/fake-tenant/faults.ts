// Injected faults: a matching request is answered by the fault instead of the tenant, `times` times.
import { z } from 'zod';

export const faultSchema = z
  .strictObject({
    /** Exact method; absent matches every method except OPTIONS, so a browser preflight never eats it. */
    method: z.string().min(1).transform((m) => m.toUpperCase()).optional(),
    /** Exact path, or a prefix ending in "*" (e.g. "/api/v1/*"). Query strings are ignored. */
    path: z.string().startsWith('/'),
    status: z.number().int().min(100).max(599).optional(),
    /** An object is sent as JSON; a string is sent as-is (text/html unless headers say otherwise). */
    body: z.unknown().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    /** Real milliseconds to wait before answering. */
    delayMs: z.number().int().min(0).max(600_000).optional(),
    /** Never answer: the request stays open until the client gives up or the tenant closes. */
    hang: z.boolean().optional(),
    /** Answer with a Qlik error whose detail is the request body, as an echoing upstream or proxy would, and whose
     * title has it base64'd, as some proxies log payloads (the secret then sits at some offset inside). */
    echo: z.boolean().optional(),
    /** How many requests it answers (default 1). */
    times: z.number().int().positive().optional(),
  })
  .refine((f) => f.hang === true || f.status !== undefined, { message: 'a fault needs a "status" unless it has "hang": true' });

export type FaultSpec = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema> & { id: string; remaining: number };

export class FaultTable {
  private faults: Fault[] = [];
  private seq = 0;

  /** Validates and adds a fault; throws with the bad fields named. */
  add(spec: FaultSpec): Fault {
    const parsed = faultSchema.safeParse(spec);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'fault'}: ${i.message}`);
      throw new Error(`invalid fault: ${lines.join('; ')}`);
    }
    const fault: Fault = { ...parsed.data, id: `fault-${String(++this.seq)}`, remaining: parsed.data.times ?? 1 };
    this.faults.push(fault);
    return fault;
  }

  /** The first fault matching the request, with one use consumed. */
  take(method: string, path: string): Fault | undefined {
    const m = method.toUpperCase();
    const fault = this.faults.find((f) => matchesPath(f.path, path) && (f.method === undefined ? m !== 'OPTIONS' : f.method === m));
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  /** Ends a fault before its uses run out (e.g. an outage of so many seconds); false when it is gone already. */
  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}

function matchesPath(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}
