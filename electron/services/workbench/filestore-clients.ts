import type { DataCenter } from '../../../shared/dc/catalog';
import type { SdkTokenRow } from '../../../shared/filestore';
import type { ImportNote } from '../../../shared/ipc/import-outcome';
import { ok, type Failure, type Ok } from '../../../shared/result';
import type { ClientRecord } from '../../../shared/workspace/model';
import { secretAccount } from '../vault/account';
import { saveClient } from './clients';
import type { WorkbenchContext } from './context';

/** The row's client: by Zoho client id and DC, else a new one with the row's secret. */
export async function clientFor(
  ctx: WorkbenchContext,
  { row, line, dc }: { readonly row: SdkTokenRow; readonly line: number; readonly dc: DataCenter },
  notes: ImportNote[],
): Promise<Ok<{ record: ClientRecord; created: boolean } | null> | Failure> {
  if (row.clientId === null || row.clientSecret === null) {
    notes.push({
      code: 'no_client',
      message: `Line ${line} has no ${row.clientId === null ? 'client_id' : 'client_secret'} (an access-token-only row): its environment follows no client, and its tokens are not in the ledger, which counts per client.`,
    });
    return ok(null);
  }
  const existing = ctx.store.clients.list().find((c) => c.zohoClientId === row.clientId && c.dcId === dc.id);
  if (existing !== undefined) {
    const stored = await ctx.vault.get(secretAccount({ kind: 'client-secret', clientRef: existing.id }));
    if (!stored.ok) return stored;
    if (stored.value !== null && stored.value !== row.clientSecret) {
      notes.push({
        code: 'client_secret_differs',
        message: `Line ${line}: the client secret differs from the one stored for client "${existing.name}"; the stored one was kept. If the SDK's is newer, edit the client and paste it.`,
      });
    }
    return ok({ record: existing, created: false });
  }
  const usable = usableRedirect(row.redirectUrl);
  if (row.redirectUrl !== null && usable === null) {
    notes.push({
      code: 'redirect_not_usable',
      message: `Line ${line}: the redirect URL ${row.redirectUrl} is neither https nor loopback http, so Tokenbench cannot run a consent on it; the client was added as a Self Client (refresh works). Edit it if you need a consent.`,
    });
  }
  const saved = await saveClient(ctx, {
    name: clientName(ctx, row.clientId, dc),
    dcId: dc.id,
    zohoClientId: row.clientId,
    type: usable === null ? 'self' : 'server',
    redirectUri: usable,
    multiDc: false,
    pkce: false,
    // The SDKs revoke with POST /oauth/v2/token/revoke?token= (zoho-oauth.md, "Revoke").
    revokeEndpoint: 'sdk',
    clientSecret: row.clientSecret,
  });
  return saved.ok ? ok({ record: saved.value, created: true }) : saved;
}

function usableRedirect(raw: string | null): string | null {
  if (raw === null) return null;
  try {
    const url = new URL(raw);
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    return url.protocol === 'https:' || (url.protocol === 'http:' && loopback) ? raw : null;
  } catch {
    return null;
  }
}

/** "SDK client 1000.8CZ4…XXXX (eu)", numbered if the name is taken. */
function clientName(ctx: WorkbenchContext, clientId: string, dc: DataCenter): string {
  const short = clientId.length > 16 ? `${clientId.slice(0, 9)}…${clientId.slice(-4)}` : clientId;
  const base = `SDK client ${short} (${dc.id})`;
  const taken = new Set(ctx.store.clients.list().map((c) => c.name.toLowerCase()));
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`;
  return name;
}
