/**
 * The FileStore dialects of Zoho's SDKs (docs/zoho-formats.md cites each SDK's file_store source):
 * the same ten columns in the same order, with differences only a reader must forgive and a writer
 * must copy exactly.
 *
 * | SDK        | 2nd column  | 9th column     | lines | quoting                    |
 * | ---------- | ----------- | -------------- | ----- | -------------------------- |
 * | node       | `user_name` | `redirect_url` | LF    | none (split on `,`, `\n`)  |
 * | typescript | `user_mail` | `redirect_url` | LF    | none (split on `,`, `\n`)  |
 * | python     | `user_name` | `redirect_uri` | CRLF  | csv.QUOTE_MINIMAL          |
 *
 * Older SDKs (nodejs-sdk-2.0, ...) wrote nine columns, without `api_domain`; the 8.0 SDKs add the
 * tenth column to such a file when they open it.
 */
export type FileStoreSdk = 'node' | 'typescript' | 'python';

export const FILESTORE_SDKS: readonly FileStoreSdk[] = ['node', 'typescript', 'python'];

export interface FileStoreDialect {
  readonly sdk: FileStoreSdk;
  readonly header: readonly string[];
  readonly lineEnd: '\n' | '\r\n';
  /** Python's csv module quotes a cell holding `,`, `"`, CR or LF; the Node SDKs cannot read one. */
  readonly quotes: boolean;
  /** Python ends every line, the last one too; the Node SDKs join lines with `\n` and stop. */
  readonly finalLineEnd: boolean;
}

const COMMON = ['id', 'client_id', 'client_secret', 'refresh_token', 'access_token', 'grant_token'];
const header = (user: string, redirect: string): string[] => [
  COMMON[0] ?? 'id',
  user,
  ...COMMON.slice(1),
  'expiry_time',
  redirect,
  'api_domain',
];

export const FILESTORE_DIALECTS: Readonly<Record<FileStoreSdk, FileStoreDialect>> = {
  node: {
    sdk: 'node',
    header: header('user_name', 'redirect_url'),
    lineEnd: '\n',
    quotes: false,
    finalLineEnd: false,
  },
  typescript: {
    sdk: 'typescript',
    header: header('user_mail', 'redirect_url'),
    lineEnd: '\n',
    quotes: false,
    finalLineEnd: false,
  },
  python: {
    sdk: 'python',
    header: header('user_name', 'redirect_uri'),
    lineEnd: '\r\n',
    quotes: true,
    finalLineEnd: true,
  },
};

/** What a file was read as: the SDK whose dialect it matches, its column count and line ends. */
export interface DetectedDialect {
  readonly sdk: FileStoreSdk;
  readonly columns: 9 | 10;
  readonly lineEnd: '\n' | '\r\n';
}

export const SDK_NAMES: Readonly<Record<FileStoreSdk, string>> = {
  node: 'Node.js SDK',
  typescript: 'TypeScript SDK',
  python: 'Python SDK',
};

/** "the Python SDK's FileStore (10 columns, CRLF)", for messages. */
export function describeDialect(detected: DetectedDialect): string {
  const age = detected.columns === 9 ? ', an older SDK without api_domain' : '';
  const ends = detected.lineEnd === '\r\n' ? 'CRLF' : 'LF';
  return `the ${SDK_NAMES[detected.sdk]}'s FileStore (${detected.columns} columns${age}, ${ends})`;
}

/**
 * The dialect a header names, or null when it is no FileStore header. The names are compared as the
 * SDKs write them (lower case, no spaces); which SDK wrote the file shows in the 2nd and 9th names.
 * The line ends are reported as found: only Python's csv module writes CRLF, but a Node file saved
 * by a Windows editor has them too, and the Node SDK would then misread it (docs/zoho-formats.md).
 */
export function dialectOfHeader(cells: readonly string[], lineEnd: '\n' | '\r\n'): DetectedDialect | null {
  if (cells.length !== 9 && cells.length !== 10) return null;
  const columns = cells.length;
  const matches = (sdk: FileStoreSdk) =>
    FILESTORE_DIALECTS[sdk].header.slice(0, columns).every((name, i) => name === cells[i]);
  // The three headers differ pairwise (2nd or 9th name), so at most one matches.
  const sdk = FILESTORE_SDKS.find(matches);
  return sdk === undefined ? null : { sdk, columns, lineEnd };
}
