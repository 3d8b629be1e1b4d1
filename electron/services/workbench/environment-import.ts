import { looksLikeFileStore } from '../../../shared/filestore';
import type { ImportOutcome } from '../../../shared/ipc/import-outcome';
import { withoutBom } from '../../../shared/postman';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { WorkbenchContext } from './context';
import { importPostman } from './environment-postman';
import { importFileStore } from './filestore-import';

export interface EnvironmentFileInput {
  readonly text: string;
  readonly name?: string | undefined;
  /** For FileStore rows without api_domain (9 columns). */
  readonly dcId?: string | undefined;
}

/**
 * Imports an environment file of either kind, told apart by its content, not its name: a Postman
 * environment is a JSON object, a Zoho SDK FileStore a CSV whose first cell is `id`. A UTF-8 byte
 * order mark in front of either is ignored (Windows editors write one).
 */
export async function importEnvironmentFile(
  ctx: WorkbenchContext,
  input: EnvironmentFileInput,
): Promise<Ok<ImportOutcome> | Failure> {
  const text = withoutBom(input.text);
  if (looksLikeFileStore(text)) return importFileStore(ctx, { ...input, text });
  if (text.trimStart().startsWith('{')) {
    const env = await importPostman(ctx, { text, name: input.name });
    if (!env.ok) return env;
    const client = env.value.clientRef === null ? undefined : ctx.store.clients.get(env.value.clientRef);
    return ok({
      format: 'postman',
      readAs: 'a Postman environment',
      environments: [env.value],
      clients: client === undefined ? [] : [{ id: client.id, name: client.name, created: false }],
      tokens: { recorded: 0, known: 0 },
      notes: [],
    });
  }
  return fail(
    'unknown_file_format',
    'This file is neither a Postman environment (JSON, starting with {) nor a Zoho SDK FileStore (a CSV whose first line is id,user_name,client_id,client_secret,…). Export the environment from Postman, or import the file your SDK’s FileStore writes.',
  );
}
