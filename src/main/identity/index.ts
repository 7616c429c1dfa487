export { resolveIdentity, IdentityError } from './resolve-identity';
export type { OsUser, ResolvedIdentity } from './resolve-identity';
export { currentOsUser } from './os-user';
export type { OsUserDeps } from './os-user';
export { checkTemplate, renderTemplate, TEMPLATE_PLACEHOLDERS } from './template';
export type { TemplateCheck, TemplatePlaceholder } from './template';
export { lookupValueProblem, MAX_LOOKUP_VALUE_LENGTH } from './lookup-value';
