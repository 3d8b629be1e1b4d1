import { isLoopbackHost, type DataCenter } from './catalog';

/**
 * The DC whose servers a request URL goes to, or null when it is no known DC's. A Zoho DC owns its
 * accounts and API domains (production, developer, sandbox) and their subdomains (`zohoapis.eu` covers `www.`, `sandbox.` and
 * `developer.zohoapis.eu`; `zoho.eu` covers `desk.zoho.eu`), since an access token works on its own
 * DC's services only (zoho-oauth.md, "Calling APIs"). A loopback DC (the sandbox, a private test
 * server) owns exactly its origins: several share 127.0.0.1 and differ by port.
 */
export function dcOfUrl(dcs: readonly DataCenter[], url: URL): DataCenter | null {
  let best: { dc: DataCenter; score: number } | null = null;
  for (const dc of dcs) {
    const score = matchScore(dc, url);
    if (score > 0 && (best === null || score > best.score)) best = { dc, score };
  }
  return best?.dc ?? null;
}

/** 0: not this DC's; else the longer the matched name, the surer (an exact origin beats all). */
function matchScore(dc: DataCenter, url: URL): number {
  let score = 0;
  for (const raw of [dc.accountsUrl, dc.apiDomain, dc.developerApiDomain, dc.sandboxApiDomain]) {
    if (raw === null) continue;
    let origin: URL;
    try {
      origin = new URL(raw);
    } catch {
      continue;
    }
    if (origin.origin === url.origin) return Number.MAX_SAFE_INTEGER;
    if (isLoopbackHost(origin.hostname) || origin.protocol !== url.protocol) continue;
    const zone = zoneOf(origin.hostname);
    const host = url.hostname.toLowerCase();
    if (host === zone || host.endsWith(`.${zone}`)) score = Math.max(score, zone.length);
  }
  return score;
}

/** `accounts.zoho.com.au` → `zoho.com.au`, `www.zohoapis.eu` → `zohoapis.eu`; two labels stay whole. */
function zoneOf(hostname: string): string {
  const labels = hostname.toLowerCase().split('.');
  return labels.length > 2 ? labels.slice(1).join('.') : labels.join('.');
}
