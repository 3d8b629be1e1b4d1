import { fail, ok, type Result } from '../result';
import { FILESTORE_DIALECTS, SDK_NAMES, type FileStoreSdk } from './dialects';
import { SDK_TOKEN_FIELDS, type SdkTokenRow } from './token-row';

export type FileStoreWriteError = 'filestore_unwritable_value';

/**
 * The FileStore text an SDK reads, byte for byte as that SDK writes it (dialects.ts): the Node and
 * TypeScript SDKs join cells with `,` and lines with `\n` and end without a line break; Python's csv
 * writer ends every line with CRLF and quotes a cell only when it must (QUOTE_MINIMAL).
 *
 * The Node SDKs split on `,` and `\n` without any quoting, so a value holding one of them (or a CR)
 * cannot be written for them: that is refused, naming the column, rather than written broken.
 */
export function writeFileStore(
  rows: readonly SdkTokenRow[],
  sdk: FileStoreSdk,
): Result<string, FileStoreWriteError> {
  const dialect = FILESTORE_DIALECTS[sdk];
  const lines = [dialect.header.join(',')];
  for (const [index, row] of rows.entries()) {
    const cells: string[] = [];
    for (const [column, field] of SDK_TOKEN_FIELDS.entries()) {
      const value = row[field] ?? '';
      if (dialect.quotes) {
        cells.push(/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
      } else if (/[,\r\n]/.test(value)) {
        return fail(
          'filestore_unwritable_value',
          `Row ${index + 1}'s ${dialect.header[column] ?? field} holds a comma or a line break, which the ${SDK_NAMES[sdk]}'s FileStore cannot read (it splits lines on "\\n" and cells on ","). Change that value, or export for the Python SDK, whose csv module quotes it.`,
        );
      } else {
        cells.push(value);
      }
    }
    lines.push(cells.join(','));
  }
  const text = lines.join(dialect.lineEnd);
  return ok(dialect.finalLineEnd ? `${text}${dialect.lineEnd}` : text);
}
