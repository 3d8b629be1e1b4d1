import type { EnvironmentRecord } from '../workspace/model';

/** Something about an import the user should know; the environments were made regardless. */
export interface ImportNote {
  readonly code: 'client_secret_differs' | 'redirect_not_usable' | 'no_client' | 'line_ends_break_node_sdk';
  readonly message: string;
}

/** What `environments:import-file` did with a Postman environment or a Zoho SDK FileStore. */
export interface ImportOutcome {
  readonly format: 'postman' | 'filestore';
  /** What the file was read as, e.g. "the Python SDK's FileStore (10 columns, CRLF)". */
  readonly readAs: string;
  /** One for a Postman file; one per row for a FileStore. */
  readonly environments: readonly EnvironmentRecord[];
  /** The clients the rows belong to: made by this import, or found by Zoho client id and DC. */
  readonly clients: readonly { readonly id: string; readonly name: string; readonly created: boolean }[];
  /** Tokens now in the ledger, and those the workspace knew already (same value). */
  readonly tokens: { readonly recorded: number; readonly known: number };
  readonly notes: readonly ImportNote[];
}
