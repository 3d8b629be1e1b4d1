/**
 * Scopes of Zoho products besides CRM, each group with the page its names were read from. Only names
 * a page shows are listed (no guessed `.CREATE` where a page shows only `.READ`); free text in the
 * picker covers the rest. Zoho's scope names are case-insensitive at the accounts server, but each is
 * written here as its page writes it.
 */
import type { ScopeInfo } from './catalog';

type Row = readonly [scope: string, description: string];

const rows = (product: ScopeInfo['product'], list: readonly Row[]): ScopeInfo[] =>
  list.map(([scope, description]) => ({ scope, product, description }));

// Zoho Books API v3 "OAuth" (zoho.com/books/api/v3/oauth: `ZohoBooks.fullaccess.all` as the example
// scope); the read scopes as Microsoft's Databricks "Zoho Books connector reference" lists them for a
// self client; invoices' CREATE/UPDATE/DELETE as github.com/ahsanaasim/zoho-books-js permissions.txt.
const BOOKS = rows('Books', [
  ['ZohoBooks.fullaccess.all', 'Full access to every Books module of the organizations'],
  ['ZohoBooks.invoices.READ', 'Read invoices'],
  ['ZohoBooks.invoices.CREATE', 'Create invoices (billing)'],
  ['ZohoBooks.invoices.UPDATE', 'Update, send and void invoices'],
  ['ZohoBooks.invoices.DELETE', 'Delete invoices'],
  ['ZohoBooks.contacts.READ', 'Read customers and vendors'],
  ['ZohoBooks.estimates.READ', 'Read estimates (quotes)'],
  ['ZohoBooks.customerpayments.READ', 'Read payments received from customers'],
  ['ZohoBooks.creditnotes.READ', 'Read credit notes'],
  ['ZohoBooks.bills.READ', 'Read vendor bills'],
  ['ZohoBooks.expenses.READ', 'Read expenses'],
  ['ZohoBooks.salesorders.READ', 'Read sales orders'],
  ['ZohoBooks.purchaseorders.READ', 'Read purchase orders'],
  ['ZohoBooks.banking.READ', 'Read bank accounts and transactions'],
  ['ZohoBooks.settings.READ', 'Read settings: organizations, taxes, currencies, users'],
]);

// Zoho Desk API documentation (desk.zoho.com/DeskAPIDocument: every call but /organizations needs the
// `orgId` header); the names as StackOne's Zoho Desk connector guide (Desk.contacts.READ, Desk.basic.READ,
// Desk.settings.READ) and Birdie's Zoho Desk setup (Desk.search.READ, Desk.tickets.ALL) request them,
// tickets' READ/CREATE/UPDATE as the Desk MCP server's README on glama.ai lists them.
const DESK = rows('Desk', [
  ['Desk.tickets.ALL', 'Full access to tickets (support requests)'],
  ['Desk.tickets.READ', 'Read tickets, threads and comments'],
  ['Desk.tickets.CREATE', 'Create tickets'],
  ['Desk.tickets.UPDATE', 'Update and reply to tickets'],
  ['Desk.contacts.READ', 'Read contacts and accounts (customers)'],
  ['Desk.basic.READ', 'Read organizations, departments and agents'],
  ['Desk.settings.READ', 'Read help desk settings and agents'],
  ['Desk.search.READ', 'Search across help desk modules'],
]);

// Zoho Analytics API v2 "Authentication" (zoho.com/analytics/api/v2/authentication.html) and its
// per-API "OAuth scope" lines.
const ANALYTICS = rows('Analytics', [
  ['ZohoAnalytics.fullaccess.all', 'Full access to Zoho Analytics'],
  ['ZohoAnalytics.metadata.read', 'Read workspaces and views metadata'],
  ['ZohoAnalytics.data.read', 'Read and export data (reports)'],
  ['ZohoAnalytics.data.all', 'Read and write data (import rows)'],
]);

// Zoho People "OAuth Scopes" (zoho.com/people/api/v3/scopes.html): service ZOHOPEOPLE.
const PEOPLE = rows('People', [
  ['ZOHOPEOPLE.forms.ALL', 'Full access to forms and their records (employees, HR data)'],
  ['ZOHOPEOPLE.forms.READ', 'Read forms and their records (employee directory)'],
  ['ZOHOPEOPLE.employee.ALL', 'Employee operations (HR)'],
  ['ZOHOPEOPLE.leave.ALL', 'Full access to leave (time off)'],
  ['ZOHOPEOPLE.leave.READ', 'Read leave (time off) records'],
  ['ZOHOPEOPLE.attendance.ALL', 'Attendance check-in and check-out'],
  ['ZOHOPEOPLE.timetracker.ALL', 'Time tracker: jobs and time logs (timesheets)'],
]);

// Zoho Projects API (projects.zoho.com/api-docs); the names as V3 API callers request them
// (github.com/Rakesh9742/ASI-dashboard ZOHO_OAUTH_SCOPE_FIX.md: portals/projects/tasks/tasklists/users
// .READ; github.com/dhruv-h-simform/AIProdigy AppConstants.ts: projects.ALL, tasks.ALL).
const PROJECTS = rows('Projects', [
  ['ZohoProjects.portals.READ', 'Read portals (the organization of Projects)'],
  ['ZohoProjects.projects.ALL', 'Full access to projects'],
  ['ZohoProjects.projects.READ', 'Read projects'],
  ['ZohoProjects.tasks.ALL', 'Full access to tasks'],
  ['ZohoProjects.tasks.READ', 'Read tasks'],
  ['ZohoProjects.tasklists.READ', 'Read task lists'],
  ['ZohoProjects.users.READ', 'Read portal and project users (members)'],
]);

// Zoho Creator API v2/v2.1, each API's "OAuth Scope" line (zoho.com/creator/help/api/v2.1/): Get
// Records (ZohoCreator.report.READ), Add Records (ZohoCreator.form.CREATE), Get Reports
// (ZohoCreator.meta.application.READ); ZohoCreator.meta.form.READ as Ibexa Connect's Creator app asks.
const CREATOR = rows('Creator', [
  ['ZohoCreator.report.READ', 'Read records of a report (an app’s data)'],
  ['ZohoCreator.form.CREATE', 'Add records through a form'],
  ['ZohoCreator.meta.application.READ', 'Read apps’ forms, reports and pages (metadata)'],
  ['ZohoCreator.meta.form.READ', 'Read a form’s fields (metadata)'],
]);

// Zoho Recruit API v2 (zoho.com/recruit/developer-guide/apiv2/modules-api.html): "Modules APIs" needs
// `ZohoRecruit.setup.operation.all` or `.READ`; records `ZohoRecruit.modules.ALL` (the authorization
// URL of an integration guide on mulerun.com's skills hub).
const RECRUIT = rows('Recruit', [
  ['ZohoRecruit.modules.ALL', 'Full access to candidates, job openings, interviews (hiring)'],
  ['ZohoRecruit.setup.operation.all', 'Full access to setup: modules, fields, layouts'],
  ['ZohoRecruit.setup.operation.READ', 'Read setup: modules, fields, layouts'],
]);

// Zoho Inventory API v1 "OAuth" (zoho.com/inventory/api/v1/oauth); the two scopes Pipedream's managed
// Zoho Inventory app requests (pipedream.com/apps/zoho-inventory).
const INVENTORY = rows('Inventory', [
  ['ZohoInventory.FullAccess.all', 'Full access to Inventory: items, orders, warehouses, stock'],
  ['ZohoInventory.settings.READ', 'Read settings: organizations, warehouses, taxes'],
]);

// Zoho WorkDrive API (workdrive.zoho.com/apidocs); the names as MCPGate's WorkDrive connector
// (files.ALL, team.READ) and github.com/bdstest/zohosync (workspace.READ) request them.
const WORKDRIVE = rows('WorkDrive', [
  ['WorkDrive.files.ALL', 'Full access to files and folders (documents, storage)'],
  ['WorkDrive.team.READ', 'Read teams and their members'],
  ['WorkDrive.workspace.READ', 'Read team folders (workspaces)'],
]);

// Zoho Mail API (zoho.com/mail/help/api/overview.html: each API has an "OAuth Scope" section); the
// names as Pipedream's managed Zoho Mail app, its community thread on ZohoMail.notes.ALL, and the
// zoho-mail-mcp README (messages.READ/CREATE, folders.READ, accounts.READ) request them.
const MAIL = rows('Mail', [
  ['ZohoMail.messages.ALL', 'Full access to email messages'],
  ['ZohoMail.messages.READ', 'Read email messages (inbox, search)'],
  ['ZohoMail.messages.CREATE', 'Send email'],
  ['ZohoMail.folders.READ', 'Read mail folders'],
  ['ZohoMail.accounts.READ', 'Read mail accounts (the accountId every call needs)'],
  ['ZohoMail.notes.ALL', 'Full access to notes'],
]);

export const OTHER_PRODUCT_SCOPES: readonly ScopeInfo[] = [
  ...BOOKS,
  ...DESK,
  ...ANALYTICS,
  ...PEOPLE,
  ...PROJECTS,
  ...CREATOR,
  ...RECRUIT,
  ...INVENTORY,
  ...WORKDRIVE,
  ...MAIL,
];
