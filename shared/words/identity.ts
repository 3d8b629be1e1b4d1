import type { TokenIdentity, TokenOrg, Unknown } from '../workspace/identity';
import { UNKNOWN_USER } from '../workspace/model';

/**
 * Who a token acts for, in the words every shell uses (the inspector, the timeline's lanes, the
 * limits view, the CLI). Made from data only (shared/workspace/identity.ts).
 */
export interface WhoFacts {
  readonly userId: string;
  readonly userLabel: string | null;
  readonly identity?: TokenIdentity | undefined;
}

/** Why a part is unknown, as a clause: "the token lacks AaaServer.profile.Read". */
export function unknownReason(part: Unknown): string {
  switch (part.reason) {
    case 'scope_missing':
      return `the token lacks ${part.need ?? 'the scope the lookup needs'}`;
    case 'not_crm':
      return 'not a CRM token';
    case 'lookup_failed':
      return `Zoho did not tell (${part.code ?? 'no answer'})`;
  }
}

/** "ada@… (Ada Lovelace)", "ada@…", "user 6001…", or "unknown user (the token lacks …)". */
export function userWords(who: WhoFacts): string {
  const user = who.identity?.user;
  if (user?.state === 'known') {
    const { displayName, email, zuid } = user.value;
    if (displayName !== null && email !== null) return `${email} (${displayName})`;
    return email ?? displayName ?? `user ${zuid}`;
  }
  if (who.userLabel !== null) return who.userLabel;
  if (who.userId !== UNKNOWN_USER) return `user ${who.userId}`;
  return user === undefined ? 'unknown user' : `unknown user (${unknownReason(user)})`;
}

/** The org's name and kind: "Tokenbench Sandbox US (Production)". */
export function orgName(org: TokenOrg): string {
  const name = org.name ?? `org ${org.zgid ?? org.id}`;
  return org.type === null ? name : `${name} (${org.type})`;
}

/**
 * "Tokenbench Sandbox US (Production) · org 800123400…", "none (not a CRM token)", "unknown (the token
 * lacks ZohoCRM.org.READ)", or "not looked up" for a token issued before Tokenbench asked.
 */
export function orgWords(identity: TokenIdentity | undefined): string {
  if (identity === undefined) return 'not looked up';
  const org = identity.org;
  if (org.state === 'known') return `${orgName(org.value)} · id ${org.value.id}`;
  if (org.reason === 'not_crm') return 'none (not a CRM token)';
  return `unknown (${unknownReason(org)})`;
}

/** Short, for a lane label: the org's name, or null when there is none to show. */
export function orgShort(identity: TokenIdentity | undefined): string | null {
  const org = identity?.org;
  return org?.state === 'known' ? (org.value.name ?? `org ${org.value.id}`) : null;
}

/** Short, for a lane label or a table cell: the email, else the name, else the id. */
export function userShort(who: WhoFacts): string {
  const user = who.identity?.user;
  if (user?.state === 'known') return user.value.email ?? user.value.displayName ?? `user ${user.value.zuid}`;
  return who.userLabel ?? (who.userId === UNKNOWN_USER ? 'unknown user' : `user ${who.userId}`);
}

/** "ada@… · Tokenbench Sandbox US · SANDBOX-US": who, in which org, at which DC. */
export function laneWho(lane: WhoFacts & { readonly dcId: string }): string {
  const org = orgShort(lane.identity);
  return [userShort(lane), ...(org === null ? [] : [org]), lane.dcId.toUpperCase()].join(' · ');
}
