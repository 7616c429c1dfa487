// What each embed ends up with once content.defaults fill what it does not set: main sends exactly this to the
// page (RendererEmbed). A default applies only to the UIs that take it (src/shared/embeds.ts), so one
// `defaults.interactions` can serve analytics and classic embeds alike. Pure; the schema checks with it too.
import { EMBED_ID_FIELDS, EMBED_KINDS, type EmbedUi, type InitialState, type InteractionMode } from '../../shared/embeds';
import type { RendererEmbed } from '../../shared/ipc-contract';

interface StateInput {
  clearAll?: boolean | undefined;
  bookmark?: string | undefined;
  fields?: readonly { name: string; values: readonly string[] }[] | undefined;
}
interface EmbedSettings {
  theme?: string | undefined;
  language?: string | undefined;
  interactions?: InteractionMode | undefined;
  keyboardNavigation?: boolean | undefined;
  initialState?: StateInput | undefined;
}
type EmbedInput = EmbedSettings & { ui: EmbedUi } & { [K in (typeof EMBED_ID_FIELDS)[number]]?: string | undefined };

export function resolveEmbed(embed: EmbedInput, defaults: EmbedSettings = {}): RendererEmbed {
  const kind = EMBED_KINDS[embed.ui];
  const out: RendererEmbed = { ui: embed.ui };
  for (const id of EMBED_ID_FIELDS) {
    const v = embed[id];
    if (v !== undefined) out[id] = v;
  }
  if (kind.look !== 'none') {
    const theme = embed.theme ?? defaults.theme;
    const language = embed.language ?? defaults.language;
    if (theme !== undefined) out.theme = theme;
    if (language !== undefined) out.language = language;
  }
  if (kind.interactions) {
    const interactions = embed.interactions ?? defaults.interactions;
    const keyboardNavigation = embed.keyboardNavigation ?? defaults.keyboardNavigation;
    if (interactions !== undefined) out.interactions = interactions;
    if (keyboardNavigation !== undefined) out.keyboardNavigation = keyboardNavigation;
  }
  if (kind.initialState !== 'none') {
    // An embed's own initialState replaces the default whole ({} means: none).
    const state = startState(embed.initialState ?? defaults.initialState);
    if (state) out.initialState = state;
  }
  return out;
}

/** The state as the page applies it: clearAll only when true, nothing empty; undefined when it does nothing. */
function startState(s: StateInput | undefined): InitialState | undefined {
  if (!s) return undefined;
  const out: InitialState = {};
  if (s.clearAll === true) out.clearAll = true;
  if (s.bookmark !== undefined) out.bookmark = s.bookmark;
  if (s.fields && s.fields.length > 0) out.fields = s.fields.map((f) => ({ name: f.name, values: [...f.values] }));
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Selections live in the app's engine session, which every embed of that app shares: embeds of one app that
 * would start from different states are a config problem (one per differing embed, naming the first one).
 */
export function sameStartPerApp(
  embeds: readonly EmbedInput[],
  defaults?: EmbedSettings,
  /** How a message names embed `i` (a playlist's embeds are in slides). */
  nameOf: (i: number) => string = (i) => `content.embeds[${i}]`,
): { path: PropertyKey[]; message: string }[] {
  const first = new Map<string, { index: number; key: string }>();
  const problems: { path: PropertyKey[]; message: string }[] = [];
  embeds.forEach((embed, index) => {
    if (embed.appId === undefined || EMBED_KINDS[embed.ui].initialState === 'none') return;
    const key = JSON.stringify(resolveEmbed(embed, defaults).initialState ?? null);
    const seen = first.get(embed.appId);
    if (!seen) {
      first.set(embed.appId, { index, key });
      return;
    }
    if (seen.key === key) return;
    problems.push({
      path: ['embeds', index, 'initialState'],
      message: `differs from ${nameOf(seen.index)}'s for app "${embed.appId}": selections live in the app's engine session, so every embed of one app starts from the same state; set it once in content.defaults.initialState, or make them equal`,
    });
  });
  return problems;
}

/** Every embed as the page gets it. */
export function resolveEmbeds(content: { embeds: readonly EmbedInput[]; defaults?: EmbedSettings | undefined }): RendererEmbed[] {
  return content.embeds.map((e) => resolveEmbed(e, content.defaults));
}
