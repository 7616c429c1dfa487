// The config's `admin` section: the admin escape behind a PIN (issue 16). Without admin.pinHash there is no
// escape at all: the corner taps and the chord do nothing. The hash comes only from the machine policy
// (policy.ts refuses it in the user's own file: whoever could write it there would choose the PIN).
import { z } from 'zod';
import { adminCommand } from '../admin/cli-command';
import { isPinHash } from '../admin/pin';
import { DEFAULT_ADMIN_CHORD, parseChord } from '../admin/chord';
import { MAX_LEAVE_MINUTES } from '../../shared/ipc-contract';

export const DEFAULT_LEAVE_MINUTES = 15;

export const adminSchema = z.strictObject({
  pinHash: z
    .string()
    .refine(isPinHash, { error: () => `is not a PIN hash made by Qiosk; make one with ${adminCommand()} pin set (it reads the PIN from standard input and prints the line to put here), never the PIN itself` })
    .optional(),
  /** Opens the PIN prompt from a keyboard (the touch gesture is five taps in the top-right corner). */
  chord: z
    .string()
    .superRefine((text, ctx) => {
      const parsed = parseChord(text);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problem });
    })
    .default(DEFAULT_ADMIN_CHORD),
  /** The longest the admin view may leave kiosk mode for; it comes back by itself after that. */
  leaveMinutes: z
    .number()
    .int('must be whole minutes')
    .min(1, 'must be at least 1 minute')
    .max(MAX_LEAVE_MINUTES, `must be at most ${MAX_LEAVE_MINUTES} minutes (${MAX_LEAVE_MINUTES / 60} hours): kiosk mode always comes back by itself`)
    .default(DEFAULT_LEAVE_MINUTES),
});

export type AdminConfig = z.output<typeof adminSchema>;
