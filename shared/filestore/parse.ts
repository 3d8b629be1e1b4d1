import { fail, ok, type Result } from '../result';
import { describeDialect, dialectOfHeader, FILESTORE_DIALECTS, type DetectedDialect } from './dialects';
import { SDK_TOKEN_FIELDS, type SdkTokenRow } from './token-row';

export type FileStoreError = 'filestore_bad_header' | 'filestore_bad_row' | 'filestore_empty';

export interface ParsedFileStore {
  readonly dialect: DetectedDialect;
  /** Each row with the line it starts on (1 is the header), for messages. */
  readonly rows: readonly { readonly line: number; readonly row: SdkTokenRow }[];
}

const NODE_HEADER = FILESTORE_DIALECTS.node.header.join(',');

/** Whether a text looks like a FileStore at all: its first line starts with the `id` column. */
export function looksLikeFileStore(text: string): boolean {
  return /^\uFEFF?\s*"?id"?\s*,/.test(text);
}

/**
 * Reads a FileStore CSV of any of the three dialects (dialects.ts): 9 or 10 columns, LF or CRLF,
 * quoted cells (Python writes them when a value holds a comma). Lenient where the SDKs are (blank
 * lines are skipped, as they skip them), strict where a guess would lose data: a row whose cell
 * count differs from the header's is refused, with its line, rather than read shifted.
 */
export function parseFileStore(raw: string): Result<ParsedFileStore, FileStoreError> {
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const records = readCsv(text);
  if (!records.ok) return records;
  const [first, ...rest] = records.value;
  const lineEnd = /\r\n/.test(text.slice(0, text.indexOf('\n') + 1)) ? '\r\n' : '\n';
  const dialect = first === undefined ? null : dialectOfHeader(first.cells, lineEnd);
  if (dialect === null) {
    return fail(
      'filestore_bad_header',
      `The first line is not a Zoho SDK FileStore header. It should read ${NODE_HEADER} (user_mail for the TypeScript SDK, redirect_uri for Python; older SDKs stop before api_domain). Open the file your SDK's FileStore was given (its file path in the SDK's initialisation) and import that.`,
    );
  }
  const rows: { line: number; row: SdkTokenRow }[] = [];
  for (const record of rest.filter((r) => r.cells.some((cell) => cell.trim() !== ''))) {
    if (record.cells.length !== dialect.columns) {
      return fail(
        'filestore_bad_row',
        `Line ${record.line} has ${record.cells.length} cells where the header has ${dialect.columns}. A value with a comma in it, or a line broken in two, does this; the SDK could not read that row either. Fix the line and import again.`,
      );
    }
    const row = toRow(record.cells);
    const problem = rowProblem(row);
    if (problem !== null) return fail('filestore_bad_row', `Line ${record.line}: ${problem}`);
    rows.push({ line: record.line, row });
  }
  if (rows.length === 0) {
    return fail(
      'filestore_empty',
      `This is ${describeDialect(dialect)}, but it holds no tokens yet: the SDK writes a row after its first token request.`,
    );
  }
  return ok({ dialect, rows });
}

function toRow(cells: readonly string[]): SdkTokenRow {
  const entries = SDK_TOKEN_FIELDS.map((field, i) => {
    const cell = cells[i];
    return [field, cell === undefined || cell === '' ? null : cell] as const;
  });
  return Object.fromEntries(entries) as unknown as SdkTokenRow;
}

/** The SDKs' own rule (GET_TOKEN_FILE_ERROR1) plus what Tokenbench needs to read the row truly. */
function rowProblem(row: SdkTokenRow): string | null {
  if (row.refreshToken === null && row.accessToken === null && row.grantToken === null) {
    return 'the row has no refresh, access or grant token (the SDK itself refuses such a row). Remove it, or let the SDK write it again.';
  }
  if (row.expiryTime !== null && !/^\d{1,16}$/.test(row.expiryTime.trim())) {
    return `expiry_time must be epoch milliseconds (digits only, as the SDK writes it); it is "${row.expiryTime.slice(0, 20)}".`;
  }
  return null;
}

interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

/**
 * RFC 4180 as Python's csv module writes it: cells split on `,`, records on CRLF or LF, a cell in
 * double quotes may hold commas, quotes (doubled) and line breaks. An unclosed quote is an error.
 */
function readCsv(text: string): Result<CsvRecord[], 'filestore_bad_row'> {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let i = 0;
  const endCell = () => {
    cells.push(cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    records.push({ line: start, cells });
    cells = [];
    start = line;
  };
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '"' && cell === '') {
      const close = readQuoted(text, i + 1);
      if (close === null) {
        return fail(
          'filestore_bad_row',
          `Line ${line} opens a quoted value that never closes. Close the quote (") or remove it, then import again.`,
        );
      }
      cell = close.value;
      line += close.lineBreaks;
      i = close.next;
    } else if (ch === ',') {
      endCell();
      i += 1;
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      line += 1;
      i += ch === '\r' ? 2 : 1;
      endRecord();
    } else {
      cell += ch;
      i += 1;
    }
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return ok(records);
}

function readQuoted(text: string, from: number): { value: string; next: number; lineBreaks: number } | null {
  let value = '';
  for (let i = from; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch !== '"') {
      value += ch;
      continue;
    }
    if (text[i + 1] === '"') {
      value += '"';
      i += 1;
      continue;
    }
    return { value, next: i + 1, lineBreaks: value.split('\n').length - 1 };
  }
  return null;
}
