/**
 * Common Zoho scopes, for a searchable picker. Free text stays allowed: Zoho has hundreds of
 * scopes, and its format is `Service.scope.OPERATION` (zoho-oauth.md, "Authorization request").
 */
export interface ScopeInfo {
  readonly scope: string;
  readonly service: 'CRM' | 'Accounts' | 'Analytics';
  readonly description: string;
}

const crm = (scope: string, description: string): ScopeInfo => ({ scope, service: 'CRM', description });
const analytics = (scope: string, description: string): ScopeInfo => ({
  scope,
  service: 'Analytics',
  description,
});

export const SCOPE_CATALOG: readonly ScopeInfo[] = [
  { scope: 'AaaServer.profile.Read', service: 'Accounts', description: "Read the user's profile (who am I)" },
  crm('ZohoCRM.modules.ALL', 'Full access to records of every module'),
  crm('ZohoCRM.modules.READ', 'Read records of every module'),
  crm('ZohoCRM.modules.leads.ALL', 'Full access to Leads'),
  crm('ZohoCRM.modules.contacts.ALL', 'Full access to Contacts'),
  crm('ZohoCRM.modules.deals.ALL', 'Full access to Deals'),
  crm('ZohoCRM.modules.accounts.ALL', 'Full access to Accounts'),
  crm('ZohoCRM.settings.ALL', 'Full access to settings (modules, fields, layouts)'),
  crm('ZohoCRM.settings.READ', 'Read settings'),
  crm('ZohoCRM.users.ALL', 'Full access to users'),
  crm('ZohoCRM.users.READ', 'Read users (needed for CurrentUser)'),
  crm('ZohoCRM.org.ALL', 'Full access to organization details'),
  crm('ZohoCRM.org.READ', 'Read organization details'),
  crm('ZohoCRM.coql.READ', 'Run COQL queries'),
  crm('ZohoCRM.bulk.ALL', 'Bulk read and write jobs'),
  crm('ZohoCRM.bulk.READ', 'Bulk read jobs'),
  analytics('ZohoAnalytics.fullaccess.all', 'Full access to Zoho Analytics'),
  analytics('ZohoAnalytics.metadata.read', 'Read workspaces and views metadata'),
  analytics('ZohoAnalytics.data.read', 'Read data'),
  analytics('ZohoAnalytics.data.all', 'Read and write data'),
];

/** `Service.scope.OPERATION` with optional sub-scopes (`ZohoCRM.modules.leads.ALL`). */
const SCOPE_SHAPE = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+){2,3}$/;

export function isWellFormedScope(scope: string): boolean {
  return SCOPE_SHAPE.test(scope);
}

/** Splits free text (commas, spaces or new lines) into distinct scopes, in the order typed. */
export function parseScopeList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((s) => s.length > 0))];
}

/** Case-insensitive search over scope names and descriptions, for the picker. */
export function searchScopes(query: string, catalog: readonly ScopeInfo[] = SCOPE_CATALOG): ScopeInfo[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return catalog.filter((s) => {
    const haystack = `${s.scope} ${s.service} ${s.description}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** Whether the scopes include AaaServer.profile.Read, which `/oauth/user/info` needs (zoho-oauth.md). */
export function grantsProfile(scopes: readonly string[]): boolean {
  return scopes.some((s) => s.toLowerCase() === 'aaaserver.profile.read');
}
