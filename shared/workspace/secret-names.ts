/**
 * Which variables hold secrets, by their Postman type or by their name. Postman marks a secret only
 * by `"type": "secret"`, and newman writes every variable back as `"type": "any"` (postman-collection
 * knows no `secret` type; docs/zoho-formats.md), so a name is often the only sign left: `access_token`,
 * `client_secret`, `password`, `api_key`, `Authorization`, `cookie`.
 */

/** The words that make a name secret, compared without case and separators. */
export const SECRET_NAME_WORDS = ['token', 'secret', 'password', 'key', 'authorization', 'cookie'] as const;

/**
 * Whether a variable's name says it holds a secret: `access_token`, `AccessToken`, `ACCESS-TOKEN`
 * and `access.token` all do. A word inside a longer one counts too (`apikey`, `x-api-key`), so a
 * name like `keyboard` is masked as well: a false alarm costs one click (the user can mark it plain),
 * a miss would leave a secret in the workspace file and in every export.
 */
export function isSecretName(name: string): boolean {
  const flat = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_NAME_WORDS.some((word) => flat.includes(word));
}

/** A variable is secret when Postman typed it `secret` or when its name says so. */
export function isSecretVariable(variable: { readonly key: string; readonly type: string }): boolean {
  return variable.type.toLowerCase() === 'secret' || isSecretName(variable.key);
}
