/** The workspace store: SQLite under the data folder, non-secret records only (architecture.md, "Secrets"). */
export { openWorkspaceStore } from './open';
export type { OpenedWorkspace, OpenErrorCode, OpenFailure, OpenOptions, Recovery } from './open';
export { WorkspaceStore } from './workspace-store';
export { resolveDataDir, WORKSPACE_FILE } from './paths';
export type { DataDirInputs } from './paths';
export { SCHEMA_VERSION } from './schema';
export type { ClientsTable } from './clients';
export type { CustomDcsTable, DcEdit, DcLookupError, DcRemoveError } from './dcs';
export type { EnvironmentsTable } from './environments';
export type { EnvTokensTable, StoredDecision } from './env-tokens';
export type { VariablePatch } from './variables';
export type { TokenError, TokensTable } from './tokens';
export type { LedgerEventsTable, StoredLedgerEvent } from './ledger-events';
export type { ReservationRecord, ReservationState, ReservationsTable } from './reservations';
export type { SettingKey, Settings, SettingsTable, Theme } from './settings';
