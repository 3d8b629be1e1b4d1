import { isLoopbackHost, ZOHO_DCS, type DataCenter } from '../../shared/dc/catalog';
import type { WorkbenchContext } from './workbench/context';

/** The DCs whose consent pages may be opened, each list from where it really comes. */
export interface OpenableDcs {
  /** DCs the user added (dcs:add, stored in the workspace). */
  readonly userAdded: readonly DataCenter[];
  /** The embedded sandbox's DCs, when it runs in this shell: loopback only. */
  readonly sandbox: readonly DataCenter[];
}

export type ExternalDecision = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** The only page Tokenbench opens in the system browser: the authorization endpoint (zoho-oauth.md). */
const CONSENT_PATH = '/oauth/v2/auth';
/** The sandbox's API console (self-client codes, sandbox/console-page.ts): at the running sandbox only. */
const SANDBOX_CONSOLE_PATH = '/api-console/self-client';

/**
 * Whether `shell.openExternal` (or the system browser) may open a URL: Zoho's consent page at one
 * of its nine accounts servers over https, at a DC the user added themselves, or at the running
 * sandbox on loopback, whose API console page may open too. A custom host nobody added (a DC that merely appears in an imported file or
 * a redirect), any other path, credentials in the URL or another scheme are refused with a reason.
 */
export function judgeExternalUrl(raw: string, dcs: OpenableDcs): ExternalDecision {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials in the URL' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: `scheme ${url.protocol}` };
  const at = (list: readonly DataCenter[]) => list.some((dc) => dc.accountsUrl === url.origin);
  const atSandbox = url.protocol === 'http:' && isLoopbackHost(url.hostname) && at(dcs.sandbox);
  if (url.pathname === SANDBOX_CONSOLE_PATH)
    return atSandbox ? { ok: true } : { ok: false, reason: 'an API console page not at the running sandbox' };
  if (url.pathname !== CONSENT_PATH) return { ok: false, reason: 'not a consent page' };
  if (url.protocol === 'https:' && at(ZOHO_DCS)) return { ok: true };
  if (at(dcs.userAdded)) return { ok: true };
  if (atSandbox) return { ok: true };
  return { ok: false, reason: 'a host that is neither Zoho’s nor a DC the user added' };
}

/** The decision against a workbench's own lists; no workbench, nothing opens. */
export function judgeExternalUrlFor(raw: string, ctx: WorkbenchContext | undefined): ExternalDecision {
  if (ctx === undefined) return { ok: false, reason: 'no workspace is open' };
  return judgeExternalUrl(raw, { userAdded: ctx.store.dcs.list(), sandbox: ctx.extraDcs() });
}

/** The boolean form browser mode uses. */
export function isAllowedExternalUrl(raw: string, ctx: WorkbenchContext | undefined): boolean {
  return judgeExternalUrlFor(raw, ctx).ok;
}
