import type { Database } from 'better-sqlite3';

/**
 * The workspace schema, one migration per version. `PRAGMA user_version` holds the number of
 * migrations applied; a migration is never edited once released, only followed by another one.
 */
export interface Migration {
  readonly description: string;
  readonly up: (db: Database) => void;
  /** Every table and the columns it must have once this migration ran: how a damaged file is told apart. */
  readonly shapeAfter: Readonly<Record<string, readonly string[]>>;
}

// STRICT tables make SQLite refuse a value of the wrong type instead of storing it quietly.
const V1_SQL = `
CREATE TABLE clients (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  dc_id TEXT NOT NULL,
  zoho_client_id TEXT NOT NULL,
  type TEXT NOT NULL,
  redirect_uri TEXT,
  multi_dc INTEGER NOT NULL,
  pkce INTEGER NOT NULL,
  revoke_endpoint TEXT NOT NULL,
  secret_fingerprint TEXT,
  created_at INTEGER NOT NULL,
  removed_at INTEGER
) STRICT;

CREATE TABLE custom_dcs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  accounts_url TEXT NOT NULL,
  api_domain TEXT NOT NULL,
  position INTEGER NOT NULL
) STRICT;

CREATE TABLE environments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  client_ref TEXT REFERENCES clients(id),
  dc_id TEXT,
  auto_refresh INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE env_variables (
  env_id TEXT NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  key TEXT NOT NULL,
  value_json TEXT NOT NULL,
  secret INTEGER NOT NULL,
  type TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  fingerprint TEXT,
  PRIMARY KEY (env_id, position),
  UNIQUE (env_id, key)
) STRICT;

CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  client_ref TEXT NOT NULL REFERENCES clients(id),
  dc_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_label TEXT,
  scopes_json TEXT NOT NULL,
  api_domain TEXT,
  fingerprint TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  last_error_json TEXT,
  last_checked_at INTEGER
) STRICT;
CREATE INDEX tokens_by_client ON tokens(client_ref, created_at);

CREATE TABLE ledger_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  payload_json TEXT NOT NULL
) STRICT;
CREATE INDEX ledger_events_by_at ON ledger_events(at);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value_json TEXT NOT NULL
) STRICT;
`;

const V1_SHAPE = {
  clients: [
    'id',
    'name',
    'dc_id',
    'zoho_client_id',
    'type',
    'redirect_uri',
    'multi_dc',
    'pkce',
    'revoke_endpoint',
    'secret_fingerprint',
    'created_at',
    'removed_at',
  ],
  custom_dcs: ['id', 'name', 'accounts_url', 'api_domain', 'position'],
  environments: ['id', 'name', 'client_ref', 'dc_id', 'auto_refresh', 'updated_at'],
  env_variables: ['env_id', 'position', 'key', 'value_json', 'secret', 'type', 'enabled', 'fingerprint'],
  tokens: [
    'id',
    'kind',
    'client_ref',
    'dc_id',
    'user_id',
    'user_label',
    'scopes_json',
    'api_domain',
    'fingerprint',
    'created_at',
    'expires_at',
    'last_error_json',
    'last_checked_at',
  ],
  ledger_events: ['seq', 'type', 'at', 'payload_json'],
  settings: ['key', 'value_json'],
} as const;

// A DC's developer and sandbox API domains (Zoho's SDKs: PRODUCTION(), DEVELOPER(), SANDBOX()) and
// which of the three an environment calls. Existing rows keep production, what they called before.
const V2_SQL = `
ALTER TABLE custom_dcs ADD COLUMN developer_api_domain TEXT;
ALTER TABLE custom_dcs ADD COLUMN sandbox_api_domain TEXT;
ALTER TABLE environments ADD COLUMN api_environment TEXT NOT NULL DEFAULT 'production';
`;

const V2_SHAPE = {
  ...V1_SHAPE,
  custom_dcs: [...V1_SHAPE.custom_dcs, 'developer_api_domain', 'sandbox_api_domain'],
  environments: [...V1_SHAPE.environments, 'api_environment'],
} as const;

/**
 * Formats (docs/zoho-formats.md): an environment keeps the id Postman gave it, so exports carry it
 * back; a token records where it came from when Tokenbench did not see it issued (a Zoho SDK's
 * FileStore row), with what is and is not known about its creation.
 */
const V3_SQL = `
ALTER TABLE environments ADD COLUMN postman_id TEXT;
ALTER TABLE tokens ADD COLUMN origin_json TEXT;
`;

const V3_SHAPE = {
  ...V2_SHAPE,
  environments: [...V2_SHAPE.environments, 'postman_id'],
  tokens: [...V2_SHAPE.tokens, 'origin_json'],
};

/**
 * What the limit guard and the single-flight share across processes (architecture.md, "One
 * workspace, many processes, one truth"): one row per request that may create tokens, taken in the
 * same IMMEDIATE transaction as the guard's check, so parallel processes at 9 of 10 cannot both pass.
 * `flight` names what the request does (a refresh of one refresh token); at most one such request is
 * in flight, and later callers wait for its answer instead of sending their own.
 */
const V4_SQL = `
CREATE TABLE reservations (
  id TEXT PRIMARY KEY,
  flight TEXT NOT NULL,
  keys_json TEXT NOT NULL,
  at INTEGER NOT NULL,
  owner TEXT NOT NULL,
  taken_wall INTEGER NOT NULL,
  deadline_wall INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'answered', 'done', 'failed')),
  prepared_json TEXT,
  result_json TEXT,
  finished_wall INTEGER
) STRICT;
CREATE UNIQUE INDEX reservations_one_flight ON reservations(flight) WHERE state IN ('pending', 'answered');
CREATE INDEX reservations_by_state ON reservations(state, finished_wall);
`;

const V4_SHAPE = {
  ...V3_SHAPE,
  reservations: [
    'id',
    'flight',
    'keys_json',
    'at',
    'owner',
    'taken_wall',
    'deadline_wall',
    'state',
    'prepared_json',
    'result_json',
    'finished_wall',
  ],
};

/**
 * Client names are unique among the clients in view (case-insensitive, as the CLI picks clients by
 * name). Two processes adding the same name at once both passed the form's check before; only a
 * constraint holds across processes. Duplicates such a race left behind get " (2)", " (3)"...
 */
function uniqueClientNames(db: Database): void {
  const rows = db
    .prepare<[], { id: string; name: string }>(
      'SELECT id, name FROM clients WHERE removed_at IS NULL ORDER BY created_at, id',
    )
    .all();
  const taken = new Set<string>();
  const rename = db.prepare<[string, string]>('UPDATE clients SET name = ? WHERE id = ?');
  for (const row of rows) {
    let name = row.name;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${row.name} (${n})`;
    taken.add(name.toLowerCase());
    if (name !== row.name) rename.run(name, row.id);
  }
  db.exec(
    'CREATE UNIQUE INDEX clients_unique_live_name ON clients(name COLLATE NOCASE) WHERE removed_at IS NULL',
  );
}

/**
 * Which tokens each environment holds, as one lineage (one user, one refresh token, one DC), so a
 * refresh or consent never mixes two users' tokens in one environment; and what auto-refresh decided
 * for an environment's current access token (waiting, stopped), so a restart or a second process
 * takes the same decision instead of retrying into Zoho's Access Denied.
 */
const V6_SQL = `
CREATE TABLE env_tokens (
  env_id TEXT PRIMARY KEY REFERENCES environments(id) ON DELETE CASCADE,
  client_ref TEXT NOT NULL,
  dc_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  access_token_id TEXT NOT NULL,
  refresh_token_id TEXT,
  written_at INTEGER NOT NULL
) STRICT;

CREATE TABLE auto_refresh_state (
  env_id TEXT PRIMARY KEY REFERENCES environments(id) ON DELETE CASCADE,
  access_token_id TEXT NOT NULL,
  decision_json TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
`;

const V6_SHAPE = {
  ...V4_SHAPE,
  env_tokens: [
    'env_id',
    'client_ref',
    'dc_id',
    'user_id',
    'access_token_id',
    'refresh_token_id',
    'written_at',
  ],
  auto_refresh_state: ['env_id', 'access_token_id', 'decision_json', 'updated_at'],
} as const;

/**
 * Token stores (a server's Zoho SDK DBStore, read beside the workspace's own tokens): where each is,
 * never its password (keychain). Names are unique by a constraint, not a check before an await. The
 * fingerprint index lets a page of store rows find the workspace's tokens without a full scan.
 */
const V7_SQL = `
CREATE TABLE token_stores (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  host TEXT NOT NULL,
  port INTEGER NOT NULL,
  database_name TEXT NOT NULL,
  table_name TEXT NOT NULL,
  user_name TEXT NOT NULL,
  has_password INTEGER NOT NULL,
  writable INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX tokens_by_fingerprint ON tokens(fingerprint);
`;

/**
 * How a token was granted when no user consented: client credentials (Zoho, "Self Client - Client
 * credentials flow") carry the organization (`soid`) instead, and no refresh token. Null for the rest.
 */
const V8_SQL = `
ALTER TABLE tokens ADD COLUMN grant_json TEXT;
`;

const V7_SHAPE = {
  ...V6_SHAPE,
  token_stores: [
    'id',
    'name',
    'host',
    'port',
    'database_name',
    'table_name',
    'user_name',
    'has_password',
    'writable',
    'created_at',
  ],
} as const;

const V8_SHAPE = {
  ...V7_SHAPE,
  tokens: [...V7_SHAPE.tokens, 'grant_json'],
} as const;

/**
 * The traffic console (issue 10 part 5): every exchange with Zoho, redacted, newest kept. The list's
 * columns are columns (indexes serve each filter with the newest first); headers and bodies are one
 * JSON column read only when an exchange is opened. `exchange_totals` keeps the count and bytes, so
 * the cap is enforced without summing the table on every write.
 */
const V9_SQL = `
CREATE TABLE exchanges (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  kind TEXT NOT NULL,
  outcome TEXT NOT NULL,
  client_ref TEXT,
  method TEXT NOT NULL,
  url TEXT NOT NULL,
  status INTEGER,
  zoho_error TEXT,
  detail_json TEXT NOT NULL,
  bytes INTEGER NOT NULL
) STRICT;
CREATE INDEX exchanges_by_client ON exchanges(client_ref, seq);
CREATE INDEX exchanges_by_kind ON exchanges(kind, seq);
CREATE INDEX exchanges_by_outcome ON exchanges(outcome, seq);
CREATE TABLE exchange_totals (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  count INTEGER NOT NULL,
  bytes INTEGER NOT NULL
) STRICT;
INSERT INTO exchange_totals (id, count, bytes) VALUES (1, 0, 0);
`;

const V9_SHAPE = {
  ...V8_SHAPE,
  exchanges: [
    'seq',
    'at',
    'duration_ms',
    'kind',
    'outcome',
    'client_ref',
    'method',
    'url',
    'status',
    'zoho_error',
    'detail_json',
    'bytes',
  ],
  exchange_totals: ['id', 'count', 'bytes'],
} as const;

/**
 * Who a token acts for (issue 10 part 4): the user from the accounts server's user info and, for CRM,
 * the organization, each known or unknown with the reason (shared/workspace/identity.ts). Older rows
 * stay NULL: never looked up.
 */
const V10_SQL = `ALTER TABLE tokens ADD COLUMN identity_json TEXT;`;

const V10_SHAPE = {
  ...V9_SHAPE,
  tokens: [...V9_SHAPE.tokens, 'identity_json'],
} as const;

export const MIGRATIONS: readonly Migration[] = [
  {
    description: 'clients, custom DCs, environments, token metadata, ledger events, settings',
    up: (db) => db.exec(V1_SQL),
    shapeAfter: V1_SHAPE,
  },
  {
    description: "DCs' developer and sandbox API domains; the API environment an environment calls",
    up: (db) => db.exec(V2_SQL),
    shapeAfter: V2_SHAPE,
  },
  {
    description: "environments' Postman ids; where imported tokens came from",
    up: (db) => db.exec(V3_SQL),
    shapeAfter: V3_SHAPE,
  },
  {
    description: 'reservations: the guard and single-flight shared by every process of a workspace',
    up: (db) => db.exec(V4_SQL),
    shapeAfter: V4_SHAPE,
  },
  {
    description: 'unique client names among the clients in view',
    up: uniqueClientNames,
    shapeAfter: V4_SHAPE,
  },
  {
    description: "environments' token lineage and auto-refresh decisions",
    up: (db) => db.exec(V6_SQL),
    shapeAfter: V6_SHAPE,
  },
  {
    description: 'token stores (Zoho SDK DBStores) and a fingerprint index on token metadata',
    up: (db) => db.exec(V7_SQL),
    shapeAfter: V7_SHAPE,
  },
  {
    description: 'how a token was granted: client credentials and their organization',
    up: (db) => db.exec(V8_SQL),
    shapeAfter: V8_SHAPE,
  },
  {
    description: 'the traffic console: every exchange with Zoho, redacted, with its count and bytes',
    up: (db) => db.exec(V9_SQL),
    shapeAfter: V9_SHAPE,
  },
  {
    description: 'who each token acts for: its user and CRM organization',
    up: (db) => db.exec(V10_SQL),
    shapeAfter: V10_SHAPE,
  },
];

/** The newest schema this build knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function readSchemaVersion(db: Database): number {
  const version: unknown = db.pragma('user_version', { simple: true });
  return typeof version === 'number' ? version : 0;
}

/**
 * Brings the file up to SCHEMA_VERSION, one transaction per migration. The write lock is taken
 * first (IMMEDIATE) and the version read again under it, so the app and the CLI opening the same
 * folder at once never run a migration twice.
 */
export function migrate(db: Database): void {
  for (let version = readSchemaVersion(db); version < SCHEMA_VERSION; version = readSchemaVersion(db)) {
    const from = version;
    db.transaction(() => {
      if (readSchemaVersion(db) !== from) return;
      MIGRATIONS[from]?.up(db);
      db.pragma(`user_version = ${from + 1}`);
    }).immediate();
  }
}

/**
 * What is wrong with the tables of a file at `version`, in plain words, or null when they are whole.
 * Extra tables or columns are fine; missing ones mean the file is not what its version claims.
 */
export function schemaProblem(db: Database, version: number): string | null {
  const tables = new Set(
    db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((row) => row.name),
  );
  if (version === 0) {
    return tables.size === 0
      ? null
      : 'it holds tables but no Tokenbench schema version, so it is not a Tokenbench workspace';
  }
  const shape = MIGRATIONS[version - 1]?.shapeAfter ?? {};
  for (const [table, columns] of Object.entries(shape)) {
    if (!tables.has(table)) return `its table "${table}" is missing`;
    const present = new Set(
      db
        .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
        .all(table)
        .map((row) => row.name),
    );
    const absent = columns.find((column) => !present.has(column));
    if (absent !== undefined) return `its table "${table}" has no column "${absent}"`;
  }
  return null;
}
