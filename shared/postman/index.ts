/** Postman environments in and out (zoho-oauth.md, "Postman environments"; Kaizen #79, seed 001). */
export {
  parsePostmanEnvironment,
  withoutBom,
  type PostmanEnvironmentFile,
  type PostmanFileError,
  type PostmanVariable,
} from './environment-file';
export { isSecretName, isSecretVariable } from '../workspace/secret-names';
export {
  importPostmanEnvironment,
  mapPostmanEnvironment,
  type ClientHints,
  type ImportedSecret,
  type PostmanImport,
} from './import';
export {
  buildPostmanEnvironment,
  exportPostmanEnvironment,
  postmanIdOf,
  type RefreshVariables,
  type PostmanEnvironmentExport,
  type PostmanExportedVariable,
  type PostmanExportOptions,
} from './export';
export { fillPlaceholders, findPlaceholders, type PlaceholderVariable } from './placeholders';
