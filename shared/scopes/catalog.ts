import { OTHER_PRODUCT_SCOPES } from './products';

/**
 * Common Zoho scopes, for a searchable picker. Free text stays allowed: Zoho has hundreds of
 * scopes, and its format is `Service.scope.OPERATION` (zoho-oauth.md, "Authorization request").
 * CRM's come from Zoho CRM's "Scopes" page (zoho.com/crm/developer/docs/api/v8/scopes.html), the
 * other products' from the pages named in ./products.ts.
 */
export const PRODUCTS = [
  'Accounts',
  'CRM',
  'Books',
  'Desk',
  'Analytics',
  'People',
  'Projects',
  'Creator',
  'Recruit',
  'Inventory',
  'WorkDrive',
  'Mail',
] as const;
export type Product = (typeof PRODUCTS)[number];

export interface ScopeInfo {
  readonly scope: string;
  readonly product: Product;
  /** What it is for, in the words someone searching would use ("invoices", "tickets", "send email"). */
  readonly description: string;
}

/** What people call a product besides its name, so "helpdesk" finds Desk and "hr" finds People. */
const PRODUCT_WORDS: Readonly<Record<Product, string>> = {
  Accounts: 'zoho accounts user profile who am i identity',
  CRM: 'zoho crm sales customer relationship',
  Books: 'zoho books accounting finance billing',
  Desk: 'zoho desk helpdesk help desk support customer service',
  Analytics: 'zoho analytics reports bi dashboards',
  People: 'zoho people hr human resources employees',
  Projects: 'zoho projects project management',
  Creator: 'zoho creator low-code apps',
  Recruit: 'zoho recruit recruiting hiring ats applicant tracking',
  Inventory: 'zoho inventory stock warehouse',
  WorkDrive: 'zoho workdrive files drive documents storage',
  Mail: 'zoho mail email',
};

const crm = (scope: string, description: string): ScopeInfo => ({ scope, product: 'CRM', description });

export const SCOPE_CATALOG: readonly ScopeInfo[] = [
  { scope: 'AaaServer.profile.Read', product: 'Accounts', description: "Read the user's profile (who am I)" },
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
  crm('ZohoCRM.org.READ', 'Read organization details (which org a token acts in)'),
  crm('ZohoCRM.coql.READ', 'Run COQL queries'),
  crm('ZohoCRM.bulk.ALL', 'Bulk read and write jobs'),
  crm('ZohoCRM.bulk.READ', 'Bulk read jobs'),
  ...OTHER_PRODUCT_SCOPES,
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

/**
 * Case-insensitive search over scope names, products (and what people call them) and purposes, for
 * the picker and `tokenbench scopes`: every word must match somewhere ("books invoice", "helpdesk
 * tickets", "send email"). Scopes whose name or product matches a word come first, in catalog order.
 */
export function searchScopes(query: string, catalog: readonly ScopeInfo[] = SCOPE_CATALOG): ScopeInfo[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const found = catalog.filter((s) => {
    const haystack = `${s.scope} ${s.product} ${PRODUCT_WORDS[s.product]} ${s.description}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
  const named = (s: ScopeInfo) =>
    words.some((w) => s.scope.toLowerCase().includes(w) || s.product.toLowerCase().includes(w));
  return [...found.filter(named), ...found.filter((s) => !named(s))];
}

/** Whether the scopes include AaaServer.profile.Read, which `/oauth/user/info` needs (zoho-oauth.md). */
export function grantsProfile(scopes: readonly string[]): boolean {
  return scopes.some((s) => s.toLowerCase() === 'aaaserver.profile.read');
}
