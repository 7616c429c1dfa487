// Every status code main can show, and the one decision made per code: does its cause pass by itself?
// Main and the status page both read this table, so the two never disagree:
// - only such a cause says "No action needed" on the screen (src/renderer/status-view.ts), and
// - only under such a cause does main show the window's last good picture behind the status, dimmed, with
//   "Data as of 10:42 — reconnecting" (src/main/app/start-core.ts). A cause IT must fix gets the plain screen:
//   a dashboard of old numbers left up for hours until someone fixes a file would mislead whoever reads it.
// A passing cause that outlasts its bound (`escalated`, src/main/recovery/token-recovery.ts) is IT's from then on:
// the screen asks for IT and the picture goes.

/** 'passes': the network, Qlik or a limit that ends by itself; 'it': someone has to fix something. */
export type StatusCause = 'passes' | 'it';

export const STATUS_CAUSES = {
  // The tenant or the network is down, slow or answering errors: main probes and brings the content back.
  network: 'passes',
  timeout: 'passes',
  server_error: 'passes',
  malformed_response: 'passes',
  rate_limited: 'passes',
  // Qlik refuses the kiosk's OAuth client, grant, origin or user (even a freshly minted token): IT's.
  bad_credentials: 'it',
  invalid_grant_or_scope: 'it',
  origin_rejected: 'it',
  unexpected_status: 'it',
  unknown_user: 'it',
  disabled_user: 'it',
  // The client secret is not in this computer's keychain (or the keychain is locked or missing).
  secret_unavailable: 'it',
  // Past the relaunch cap: the window kept failing; Qiosk retries every 5 minutes, but something is wrong.
  capped: 'it',
  // Start-up problems (shown before anything was ever on screen): the settings, the identity, anything else.
  configuration: 'it',
  // An installed Qiosk without a machine policy it can trust, or with one that is incomplete (policy-file.ts).
  machine_policy: 'it',
  identity: 'it',
  startup: 'it',
} as const satisfies Record<string, StatusCause>;

export type StatusCode = keyof typeof STATUS_CAUSES;

export const isStatusCode = (code: string): code is StatusCode => Object.hasOwn(STATUS_CAUSES, code);

/** Whether the cause of `code` passes by itself right now. A code outside the table (main never shows one) does
 * not: nothing is promised about it, and no picture stands in for the content. */
export function passesByItself(code: string, escalated = false): boolean {
  return !escalated && isStatusCode(code) && STATUS_CAUSES[code] === 'passes';
}

/** Whether main shows the last good picture behind the status screen for `info`. */
export const showsLastGoodPicture = (info: { code: string; escalated?: boolean | undefined }): boolean => passesByItself(info.code, info.escalated === true);
