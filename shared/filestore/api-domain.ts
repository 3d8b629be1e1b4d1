import { apiEnvironmentOf, type ApiEnvironment, type DataCenter } from '../dc/catalog';

/**
 * The DC and API environment an SDK's `api_domain` names, as the 8.0 SDKs find them
 * (`DataCenter.get(api_domain)`, routes/dc/data_center.js): each DC's production, developer and
 * sandbox API domains (`https://sandbox.zohoapis.eu` is the EU DC's CRM sandbox), all on the DC's one
 * accounts server. Only the origin counts; anything unknown is unknown, never guessed.
 */
export function dcOfApiDomain(
  dcs: readonly DataCenter[],
  apiDomain: string,
): { readonly dc: DataCenter; readonly environment: ApiEnvironment } | undefined {
  const origin = originOf(apiDomain);
  if (origin === null) return undefined;
  for (const dc of dcs) {
    const environment = apiEnvironmentOf(dc, origin);
    if (environment !== undefined) return { dc, environment };
  }
  return undefined;
}

function originOf(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    return url.username || url.password ? null : url.origin;
  } catch {
    return null;
  }
}
