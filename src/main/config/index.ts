export {
  qioskConfigSchema,
  EMBED_UIS,
  IDENTITY_MODES,
  LOOKUP_FIELDS,
  MAX_EMBEDS,
  DEFAULT_RENDERER_PORT,
  foldUsername,
} from './schema';
export type {
  QioskConfig,
  QioskConfigInput,
  TenantConfig,
  IdentityConfig,
  EmbedConfig,
  ScreenConfig,
  PlaylistConfig,
  SlideConfig,
  EmbedUi,
  LookupField,
} from './schema';
export { ConfigError, formatProblem } from './errors';
export type { ConfigProblem } from './errors';
export { resolveConfig, parseConfigText, EXAMPLE_CONFIG } from './resolve';
export type { ConfigLayer, ConfigLayerName } from './resolve';
export { loadConfig, configPathFromArgv, defaultUserConfigPath, defaultPolicyPath } from './load';
export type { LoadConfigDeps, LoadedConfig, Env } from './load';
export { SECRET_KEY_PATTERN } from './secrets';
export { isLoopbackHostname, normaliseTenantHost } from './tenant-host';
export { resolveEmbeds } from './embed-defaults';
export { createUserPrefs, createMemoryPrefsBackend, prefsPositions, userPrefsSchema, UserPrefsError } from './user-prefs';
export type { UserPrefs, UserPrefKey, UserPrefValues, PrefsBackend } from './user-prefs';
export { createElectronUserPrefs } from './electron-user-prefs';
export type { ElectronUserPrefsOptions } from './electron-user-prefs';
