import type { WorkbenchContext } from './workbench/context';
import { dcCatalog } from './workbench/context';
import { isLoopbackHost } from '../../shared/dc/catalog';

/**
 * The only URLs the app opens in the system browser: https pages of a known DC's accounts server,
 * and the loopback sandbox. Anything else a page or a redirect might ask for is refused.
 */
export function isAllowedExternalUrl(raw: string, ctx: WorkbenchContext | undefined): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  const known = ctx === undefined ? undefined : dcCatalog(ctx).byAccountsServer(url.origin);
  if (url.protocol === 'https:') return known !== undefined;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname) && known !== undefined;
}
