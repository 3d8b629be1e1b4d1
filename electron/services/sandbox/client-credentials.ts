import { parseScopes } from './grants';
import { jsonReply, type Reply, type RequestContext } from './http';
import { ACCESS_DENIED_BODY, grantKey } from './limits';
import type { SandboxClient, SandboxOrganization } from './model';
import { SANDBOX_ORGANIZATIONS } from './seed';
import { authenticate, err } from './token-endpoint';
import { createAccessToken, tokenBody } from './tokens';

/**
 * grant_type=client_credentials (Zoho, "Self Client - Client credentials flow"): a self client's id
 * and secret, `scope`, and `soid={service}.{zsoid}` for a product where the client's owner has
 * several organizations. The answer is one access token (an hour) and `api_domain`, never a refresh
 * token. Every error is HTTP 200 with an `error` key, like the rest of /oauth/v2/token. The readings
 * of what Zoho leaves open (which clients, which owner, which limits) are in the README.
 */
export function clientCredentials(ctx: RequestContext, params: URLSearchParams): Reply {
  const client = authenticate(ctx, params);
  if ('status' in client) return client;
  if (client.type !== 'self') {
    return described(
      'unauthorized_client',
      'Client credentials are for Self Clients only; this client is registered with another type.',
      client,
    );
  }
  const scope = parseScopes(params.get('scope') ?? '');
  if (scope === undefined) return err('invalid_scope', client.clientId);
  const org = organizationFor(scope, params.get('soid'), ctx.dc.id);
  if (org.kind === 'missing') return described('missing_org_info', org.description, client);
  const { state } = ctx;
  const now = state.clock.now();
  // Reading: a client-credentials token is a grant and its token in one request, so it takes one of
  // the client's grants (10 per 10 minutes, shared with self-client codes). No refresh token, so no
  // per-refresh-token rule or cap applies, as for an online consent's token.
  const key = grantKey(client.clientId);
  if (!state.limiter.check(key, state.profile.grant, now).allowed)
    return jsonReply(ACCESS_DENIED_BODY, 'Access Denied', 200, client.clientId);
  state.limiter.record(key, now);
  state.prune(now);
  const owner = state.users.find((u) => u.homeDc === client.homeDc) ?? state.users[0];
  if (owner === undefined) return err('server_error', client.clientId);
  const subject = { clientId: client.clientId, zuid: owner.zuid, dcId: ctx.dc.id, scope };
  const access = createAccessToken(state, subject, undefined, false, now, org.soid);
  const body = tokenBody(state, client, ctx.dc, access, undefined, scope);
  return jsonReply(body, 'success (client credentials)', 200, client.clientId);
}

const described = (error: string, description: string, client: SandboxClient): Reply =>
  jsonReply({ error, error_description: description }, error, 200, client.clientId);

type OrgChoice =
  | { readonly kind: 'chosen'; readonly soid: string | undefined }
  | { readonly kind: 'missing'; readonly description: string };

const serviceOf = (scope: string): string => scope.slice(0, scope.indexOf('.')).toLowerCase();

/**
 * Which organization the token acts in. A product whose owner has several organizations at this DC
 * needs `soid`; with one, the sandbox takes it (Zoho: "required only for certain Zoho apps that allow
 * creating multiple portals/organizations"). An `soid` that names no organization of a requested
 * product here answers missing_org_info too: the only error Zoho's page names for org information.
 */
function organizationFor(scope: readonly string[], soid: string | null, dcId: string): OrgChoice {
  const services = [...new Set(scope.map(serviceOf))];
  const orgsOf = (service: string): SandboxOrganization[] =>
    SANDBOX_ORGANIZATIONS.filter((o) => o.dcId === dcId && o.service.toLowerCase() === service);
  if (soid !== null && soid !== '') {
    const match = /^([A-Za-z][A-Za-z0-9]*)\.(\d+)$/.exec(soid.trim());
    const org = match ? orgsOf(match[1]?.toLowerCase() ?? '').find((o) => o.zsoid === match[2]) : undefined;
    if (org === undefined || !services.includes(org.service.toLowerCase())) {
      return {
        kind: 'missing',
        description: `soid ${soid} names no organization of a requested product at this data center; send {service}.{zsoid}, e.g. ZohoCRM.80012340.`,
      };
    }
    return { kind: 'chosen', soid: `${org.service}.${org.zsoid}` };
  }
  const several = services.find((service) => orgsOf(service).length > 1);
  if (several !== undefined) {
    const example = orgsOf(several)[0];
    return {
      kind: 'missing',
      description: `This product has several organizations: send soid={service}.{zsoid}, e.g. ${example?.service ?? ''}.${example?.zsoid ?? ''}.`,
    };
  }
  const single = services.map((service) => orgsOf(service)[0]).find((o) => o !== undefined);
  return { kind: 'chosen', soid: single === undefined ? undefined : `${single.service}.${single.zsoid}` };
}
