import { SDK_NAMES, type FileStoreSdk } from '../../../../shared/filestore/dialects';
import type { EnvironmentRecord, EnvVariable, JsonValue } from '../../../../shared/workspace/model';
import { api, toUiError, type UiError } from '../../api';
import { openDialog, setTab, toast } from '../../stores/ui';
import {
  dcInViewOf,
  loadWorkspace,
  selectClient,
  selectEnvironment,
  useWorkspace,
} from '../../stores/workspace';
import { displayValue, importOutcomeSummary } from './env-variables';
import { download } from '../../download';

/**
 * The environment screens' calls to the main process. Components call these, never `api`.
 * Revealed values are returned to the caller (a component's own state), never put in a store.
 */

type Settings = Pick<EnvironmentRecord, 'name' | 'clientRef' | 'autoRefresh' | 'apiEnvironment'>;

/** A new environment following the selected client, in the DC in view, with its client id filled in. */
export async function createEnvironment(): Promise<UiError | null> {
  const state = useWorkspace.getState();
  const { clients, selectedClientId } = state;
  const client = clients.find((c) => c.id === selectedClientId) ?? null;
  const saved = await api.environments.save({
    name: client === null ? 'New environment' : `${client.name} environment`,
    clientRef: client?.id ?? null,
    dcId: dcInViewOf(state),
    autoRefresh: false,
  });
  if (!saved.ok) return toUiError(saved);
  const plain: [string, string | null][] = [
    ['client-id', client?.zohoClientId ?? null],
    ['redirect-uri', client?.redirectUri ?? null],
  ];
  for (const [key, value] of plain) {
    if (value === null) continue;
    const set = await api.environments.setVariable({
      environmentId: saved.value.id,
      key,
      value,
      secret: false,
    });
    if (!set.ok) return toUiError(set);
  }
  await loadWorkspace();
  selectEnvironment(saved.value.id);
  return null;
}

export async function saveSettings(
  env: EnvironmentRecord,
  patch: Partial<Settings>,
): Promise<UiError | null> {
  const saved = await api.environments.save({
    id: env.id,
    name: patch.name ?? env.name,
    clientRef: patch.clientRef === undefined ? env.clientRef : patch.clientRef,
    dcId: env.dcId,
    apiEnvironment: patch.apiEnvironment ?? env.apiEnvironment,
    autoRefresh: patch.autoRefresh ?? env.autoRefresh,
  });
  if (!saved.ok) return toUiError(saved);
  await loadWorkspace();
  return null;
}

/** The answer to a placement question: the whole token set goes into the environment. */
export async function placeTokens(environmentId: string, accessTokenId: string): Promise<UiError | null> {
  const placed = await api.environments.placeTokens({ environmentId, accessTokenId });
  if (!placed.ok) return toUiError(placed);
  await loadWorkspace();
  toast(
    'ok',
    `“${placed.value.name}” holds the new tokens`,
    'Its access and refresh token, API domain and expiry belong together.',
  );
  return null;
}

export async function setVariable(
  environmentId: string,
  key: string,
  value: JsonValue,
  secret: boolean,
  enabled = true,
): Promise<UiError | null> {
  const saved = await api.environments.setVariable({ environmentId, key, value, secret, enabled });
  if (!saved.ok) return toUiError(saved);
  await loadWorkspace();
  return null;
}

export type Revealed = { ok: true; value: string } | { ok: false; error: UiError };

export async function revealVariable(environmentId: string, key: string): Promise<Revealed> {
  const result = await api.secrets.reveal({ ref: { kind: 'env-variable', environmentId, key } });
  return result.ok ? { ok: true, value: result.value.value } : { ok: false, error: toUiError(result) };
}

/** Copies in the main process; the value does not pass through the page. */
export async function copyVariable(environmentId: string, key: string): Promise<UiError | null> {
  const result = await api.secrets.copy({ ref: { kind: 'env-variable', environmentId, key } });
  if (!result.ok) return toUiError(result);
  toast('ok', 'Copied', `${key} went straight from the keychain to the clipboard.`);
  return null;
}

/**
 * `environments:set-variable` always writes a value, so changing a secret's flags (enabled, or
 * secret → plain) needs its value: it is read from the keychain and written back in one step, and
 * held only in this function's scope.
 */
async function currentValue(environmentId: string, variable: EnvVariable): Promise<Revealed> {
  if (!variable.secret) return { ok: true, value: displayValue(variable.value) };
  if (variable.fingerprint === null) return { ok: true, value: '' };
  return revealVariable(environmentId, variable.key);
}

export async function setEnabled(
  environmentId: string,
  variable: EnvVariable,
  enabled: boolean,
): Promise<UiError | null> {
  if (!variable.secret) return setVariable(environmentId, variable.key, variable.value, false, enabled);
  const value = await currentValue(environmentId, variable);
  if (!value.ok) return value.error;
  return setVariable(environmentId, variable.key, value.value, true, enabled);
}

export async function setSecret(
  environmentId: string,
  variable: EnvVariable,
  secret: boolean,
): Promise<UiError | null> {
  if (variable.secret === secret) return null;
  const value = secret
    ? { ok: true as const, value: variable.value }
    : await currentValue(environmentId, variable);
  if (!value.ok) return value.error;
  return setVariable(environmentId, variable.key, value.value, secret, variable.enabled);
}

/** Postman v2.1 export. */
export async function exportPostman(environmentId: string, includeSecrets: boolean): Promise<UiError | null> {
  const file = await api.environments.exportPostman({ environmentId, includeSecrets });
  if (!file.ok) return toUiError(file);
  download(file.value.fileName, file.value.text, 'application/json');
  const secrets = includeSecrets ? 'secret values included' : 'secret values left blank';
  toast('ok', 'Exported', `${file.value.fileName} (${secrets}).`);
  return null;
}

/** A one-row FileStore for a Zoho SDK; the service refuses it without the secrets. */
export async function exportFileStore(
  environmentId: string,
  sdk: FileStoreSdk,
  includeSecrets: boolean,
): Promise<UiError | null> {
  const file = await api.environments.exportFilestore({ environmentId, sdk, includeSecrets });
  if (!file.ok) return toUiError(file);
  download(file.value.fileName, file.value.text, 'text/csv');
  toast(
    'ok',
    'Exported',
    `${file.value.fileName}, for the ${SDK_NAMES[sdk]}'s FileStore (it holds secrets).`,
  );
  return null;
}

/**
 * Imports a Postman environment or a Zoho SDK FileStore, then shows the (first) new environment on
 * the Environment tab. Notes (a kept client secret, a Self Client made) come as a warning toast.
 */
export async function importFile(text: string, name: string, dcId: string | null): Promise<UiError | null> {
  const trimmed = name.trim();
  const imported = await api.environments.importFile({
    text,
    ...(trimmed === '' ? {} : { name: trimmed }),
    ...(dcId === null ? {} : { dcId }),
  });
  if (!imported.ok) return toUiError(imported);
  const outcome = imported.value;
  const [first] = outcome.environments;
  await loadWorkspace();
  if (first?.clientRef != null) selectClient(first.clientRef);
  if (first !== undefined) selectEnvironment(first.id);
  setTab('environment');
  openDialog(null);
  toast('ok', 'Environment imported', `${importOutcomeSummary(outcome)}.`);
  for (const note of outcome.notes) toast('info', 'Worth knowing', note.message);
  return null;
}
