import type { OptionSpec } from './args';
import { UsageError } from './exit';

/** Options several commands share, worded once. */
export const JSON_OPTION: Readonly<Record<'json', OptionSpec>> = {
  json: { type: 'boolean', help: 'print one JSON document on standard output (never a secret value)' },
};

export const CLIENT_OPTION: OptionSpec = {
  type: 'string',
  value: 'NAME',
  required: true,
  help: 'the client, by name (or id)',
};

export const ENV_OPTION: OptionSpec = {
  type: 'string',
  value: 'NAME',
  help: "also write the tokens into this environment's variables (access-token, refresh-token, ...)",
};

export const FORCE_OPTION: OptionSpec = {
  type: 'boolean',
  help: 'do it even though the limit guard refuses (Zoho may answer Access Denied or evict a token)',
};

/** --scope's comma-separated list; `example` is what the usage error suggests for this command. */
export function scopesOf(raw: string, example = 'AaaServer.profile.Read,ZohoCRM.users.READ'): string[] {
  const scopes = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (scopes.length === 0) throw new UsageError(`--scope needs at least one scope, e.g. ${example}`);
  return scopes;
}
