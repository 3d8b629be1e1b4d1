/** Zoho SDKs' FileStore token files in and out (docs/zoho-formats.md). */
export { dcOfApiDomain } from './api-domain';
export {
  describeDialect,
  dialectOfHeader,
  FILESTORE_DIALECTS,
  FILESTORE_SDKS,
  SDK_NAMES,
  type DetectedDialect,
  type FileStoreDialect,
  type FileStoreSdk,
} from './dialects';
export { cellText, ROW_VARIABLES, rowFromVariables, rowVariables, type RowVariables } from './environment';
export { looksLikeFileStore, parseFileStore, type FileStoreError, type ParsedFileStore } from './parse';
export {
  EMPTY_SDK_ROW,
  expiryMs,
  SDK_SECRET_FIELDS,
  SDK_TOKEN_FIELDS,
  sdkUser,
  type SdkTokenField,
  type SdkTokenRow,
} from './token-row';
export { writeFileStore, type FileStoreWriteError } from './write';
