import { isSecretName } from '../../../shared/workspace/secret-names';
import { fingerprint, type EnvVariable } from '../../../shared/workspace/model';
import type { VariablePatch } from '../store';
import type { WorkbenchContext } from './context';
import { secretText, variableAccount } from './environments';

export type NamedSecretsMove =
  | { readonly kind: 'done'; readonly moved: number }
  | { readonly kind: 'keychain-refused'; readonly left: number; readonly message: string };

/**
 * Once per workspace: variables whose names say they hold secrets (`password`, `api_key`, ...) but
 * that a version from before names counted (issue 8, item 2) kept in plain text in workspace.db go to
 * the keychain, as an import does today. Runs once, so a variable the user marked plain afterwards
 * stays plain. When the keychain refuses, nothing is marked done and the next start tries again; the
 * values already stored stay stored (the record then points at them), the rest stay where they were.
 */
export async function moveNamedSecrets(ctx: WorkbenchContext): Promise<NamedSecretsMove> {
  if (ctx.store.settings.get('namedSecretsMovedAt') !== undefined) return { kind: 'done', moved: 0 };
  const plain = ctx.store.environments
    .list()
    .map((env) => ({ env, variables: env.variables.flatMap(plainNamedSecret) }))
    .filter(({ variables }) => variables.length > 0);
  let moved = 0;
  for (const { env, variables } of plain) {
    const patches: Record<string, VariablePatch> = {};
    let refused: string | null = null;
    for (const { key, text } of variables) {
      const stored = await ctx.vault.set(variableAccount(env.id, key), text);
      if (!stored.ok) {
        refused = stored.message;
        break;
      }
      patches[key] = { value: null, secret: true, fingerprint: fingerprint(text) };
    }
    if (Object.keys(patches).length > 0) {
      ctx.store.scrubbing(() => ctx.store.environments.updateVariables(env.id, patches));
      moved += Object.keys(patches).length;
      ctx.emit('environments:changed', { environmentId: env.id });
    }
    if (refused !== null) {
      const left = plain.reduce((sum, entry) => sum + entry.variables.length, 0) - moved;
      return { kind: 'keychain-refused', left, message: refused };
    }
  }
  ctx.store.settings.set('namedSecretsMovedAt', ctx.now());
  return { kind: 'done', moved };
}

/** A plain variable named like a secret, with the text the keychain would hold; none when empty. */
function plainNamedSecret(variable: EnvVariable): { key: string; text: string }[] {
  if (variable.secret || !isSecretName(variable.key)) return [];
  const text = secretText(variable.value);
  return text === null ? [] : [{ key: variable.key, text }];
}
