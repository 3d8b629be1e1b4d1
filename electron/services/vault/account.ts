/**
 * The one place keychain account names are made (architecture.md, "Secrets": one entry per secret,
 * the account name comes from one function). The name says what the secret is and whose it is, so a
 * person looking in Keychain Access or Seahorse can tell the entries apart, and no caller can build
 * a name by hand that collides with another kind.
 */

export type SecretRef =
  | { readonly kind: 'client-secret'; readonly clientRef: string }
  | { readonly kind: 'refresh-token'; readonly tokenId: string }
  | { readonly kind: 'access-token'; readonly tokenId: string }
  | { readonly kind: 'env-variable'; readonly environmentId: string; readonly key: string };

export type SecretKind = SecretRef['kind'];

declare const accountBrand: unique symbol;
/** An account name made by `secretAccount`: the vault accepts no other string. */
export type SecretAccount = string & { readonly [accountBrand]: true };

/** Tokenbench's own ids (`cl_…`, `rt_…`, `env_…`): no separator, no control characters. */
const ID_PATTERN = /^[^:\s\p{Cc}]+$/u;

function checkId(label: string, id: string): string {
  // A bad id is a bug in the caller, not a condition a user can meet, so it throws.
  if (!ID_PATTERN.test(id)) throw new TypeError(`${label} must be a non-empty id without ':' or spaces`);
  return id;
}

function join(...parts: readonly string[]): SecretAccount {
  return parts.join(':') as SecretAccount;
}

/** `client-secret:cl_1`, `refresh-token:rt_1`, `access-token:at_1`, `env-variable:env_1:api-key`. */
export function secretAccount(ref: SecretRef): SecretAccount {
  switch (ref.kind) {
    case 'client-secret':
      return join(ref.kind, checkId('clientRef', ref.clientRef));
    case 'refresh-token':
    case 'access-token':
      return join(ref.kind, checkId('tokenId', ref.tokenId));
    case 'env-variable':
      // The key is last and may hold ':' (Postman allows any key); the id before it never does.
      if (ref.key.length === 0) throw new TypeError('key must not be empty');
      return join(ref.kind, checkId('environmentId', ref.environmentId), ref.key);
  }
}

/** The reverse of `secretAccount`, for sweeping entries; null for a name it did not make. */
export function parseSecretAccount(account: string): SecretRef | null {
  const first = account.indexOf(':');
  if (first < 0) return null;
  const kind = account.slice(0, first);
  const rest = account.slice(first + 1);
  const valid = (id: string) => ID_PATTERN.test(id);
  switch (kind) {
    case 'client-secret':
      return valid(rest) ? { kind, clientRef: rest } : null;
    case 'refresh-token':
    case 'access-token':
      return valid(rest) ? { kind, tokenId: rest } : null;
    case 'env-variable': {
      const second = rest.indexOf(':');
      const environmentId = rest.slice(0, second);
      const key = rest.slice(second + 1);
      return second > 0 && valid(environmentId) && key.length > 0 ? { kind, environmentId, key } : null;
    }
    default:
      return null;
  }
}

/**
 * An entry for one `probe()` to write and remove: a kind of its own, so it never meets a real secret,
 * and a name of its own per call (`nonce`), so probes of parallel processes never meet each other
 * (with one shared name, one process read back another's value and called the keychain broken).
 */
export function probeAccount(nonce: string): SecretAccount {
  return join('probe', `tokenbench-${checkId('nonce', nonce)}`);
}
