import { useId, useMemo, useState, type SubmitEvent } from 'react';
import { looksLikeFileStore, parseFileStore } from '../../../../shared/filestore/parse';
import type { UiError } from '../../api';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { openDialog } from '../../stores/ui';
import { useWorkspace } from '../../stores/workspace';
import { importFile } from './env-actions';
import './import-dialog.css';

/** Codes of the file parsers: they belong next to the file, not in a toast. */
const FILE_CODES = new Set([
  'postman_not_json',
  'postman_bad_shape',
  'postman_not_environment',
  'postman_duplicate_key',
  'unknown_file_format',
  'filestore_bad_header',
  'filestore_bad_row',
  'filestore_empty',
  'filestore_unknown_dc',
]);

interface PickedFile {
  readonly name: string;
  readonly size: number;
  readonly text: string;
}

const close = () => {
  openDialog(null);
};

/**
 * Whether the text is a FileStore with rows that do not name their DC (the older SDKs' 9 columns):
 * then the dialog asks for it, as `env import --dc` does.
 */
function rowsWithoutDc(text: string): boolean {
  if (!looksLikeFileStore(text)) return false;
  const parsed = parseFileStore(text);
  return parsed.ok && parsed.value.rows.some((r) => r.row.apiDomain === null);
}

/**
 * Imports an environment file, chosen or pasted: a Postman environment, or a Zoho SDK's FileStore
 * (one environment per row). Secret values go to the keychain.
 */
export function ImportDialog() {
  const formId = useId();
  const dcs = useWorkspace((s) => s.dcs);
  const [file, setFile] = useState<PickedFile | null>(null);
  const [pasted, setPasted] = useState('');
  const [name, setName] = useState('');
  const [dcId, setDcId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [missing, setMissing] = useState(false);
  // A file input cannot be cleared by value; a new key gives a fresh, empty one.
  const [fileInput, setFileInput] = useState(0);
  const text = file?.text ?? pasted;
  const needsDc = useMemo(() => rowsWithoutDc(text), [text]);

  const pick = async (picked: File | undefined) => {
    setError(null);
    setMissing(false);
    setFile(
      picked === undefined ? null : { name: picked.name, size: picked.size, text: await picked.text() },
    );
  };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (text.trim() === '') {
      setMissing(true);
      return;
    }
    setBusy(true);
    const failed = await importFile(text, name, needsDc && dcId !== '' ? dcId : null);
    setBusy(false);
    setError(failed);
  };
  const fileError = error !== null && FILE_CODES.has(error.code) ? error.message : null;
  const dcError = error?.code === 'filestore_dc_required' ? 'Pick the DC these tokens belong to.' : null;
  const sourceError = missing ? 'Choose a file or paste its text.' : fileError;
  const shownElsewhere = fileError !== null || dcError !== null;

  return (
    <Dialog
      title="Import an environment"
      onClose={close}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button variant="primary" type="submit" form={formId} busy={busy}>
            Import
          </Button>
        </>
      }
    >
      <form id={formId} className="import-form" noValidate onSubmit={(e) => void submit(e)}>
        <p className="muted">
          A Postman environment (Zoho’s collections come with one), or the token file a Zoho SDK’s{' '}
          <code>FileStore</code> keeps (Node.js, TypeScript or Python): one environment per row, with its
          client and tokens. Client secrets, tokens and any variable named like a secret (<code>token</code>,{' '}
          <code>secret</code>, <code>password</code>, <code>key</code>…) go to the system keychain.
        </p>
        {error !== null && !shownElsewhere && (
          <Callout tone="danger" title={error.code.replace(/_/g, ' ')}>
            {error.message}
          </Callout>
        )}
        <Field label="Environment file" error={file !== null || pasted === '' ? sourceError : null}>
          {(ids) => (
            <div className="import-file">
              <input
                key={fileInput}
                id={ids.id}
                type="file"
                accept=".json,.csv,.txt,application/json,text/csv,text/plain"
                className="import-file-input"
                aria-describedby={ids.describedBy}
                aria-invalid={ids.invalid}
                onChange={(e) => void pick(e.target.files?.[0])}
              />
              {file !== null && (
                <>
                  <span className="subtle import-file-size">{(file.size / 1024).toFixed(1)} KB</span>
                  <Button
                    size="small"
                    variant="ghost"
                    aria-label={`Clear ${file.name}`}
                    onClick={() => {
                      setFileInput((n) => n + 1);
                      void pick(undefined);
                    }}
                  >
                    Clear
                  </Button>
                </>
              )}
            </div>
          )}
        </Field>
        <Field
          label="Or paste its text"
          error={file === null && pasted !== '' ? sourceError : null}
          hint={file === null ? undefined : `Using ${file.name}; clear the file to paste instead.`}
        >
          {(ids) => (
            <textarea
              id={ids.id}
              className="input mono import-paste"
              rows={6}
              spellCheck={false}
              disabled={file !== null}
              placeholder={'{ "name": "Zoho CRM", "values": [ … ] }  or  id,user_name,client_id,…'}
              aria-describedby={ids.describedBy}
              aria-invalid={ids.invalid}
              value={pasted}
              onChange={(e) => {
                setPasted(e.target.value);
                setError(null);
                setMissing(false);
              }}
            />
          )}
        </Field>
        {(needsDc || dcError !== null) && (
          <Field
            label="Data center of the tokens"
            hint="The file has rows without api_domain (an older SDK writes 9 columns), so it does not say."
            error={dcError}
          >
            {(ids) => (
              <select
                id={ids.id}
                className="input"
                aria-describedby={ids.describedBy}
                aria-invalid={ids.invalid}
                value={dcId}
                onChange={(e) => {
                  setDcId(e.target.value);
                  setError(null);
                }}
              >
                <option value="">Pick a DC…</option>
                {dcs.map((dc) => (
                  <option key={dc.id} value={dc.id}>
                    {dc.name} ({dc.id})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label="Name (optional)" hint="Leave empty to use the name in the file, or each row’s.">
          {(ids) => (
            <input
              id={ids.id}
              className="input"
              maxLength={80}
              aria-describedby={ids.describedBy}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
              }}
            />
          )}
        </Field>
      </form>
    </Dialog>
  );
}
