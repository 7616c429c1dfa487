/** Text that is for IT only and must never be on a screen a passer-by reads: URLs, hosts, ports, user ids,
 * error codes (snake_case or Qlik's), exception words, paths and tooling names. */
export const FOR_IT_ONLY = /https?:|localhost|127\.0\.0\.1|[a-z\]]:\d{2,5}\b|\bu-\d|[a-z]+_[a-z]+|\bECONN|OAUTH-|Error\b|backoff|\/|keychain|secret set|npm run/i;
