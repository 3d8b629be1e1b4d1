import { useId, useState, type SubmitEvent } from 'react';
import type { UiError } from '../../api';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { openDialog } from '../../stores/ui';
import { importPostman } from './env-actions';
import './import-dialog.css';

/** Codes of the Postman parser: they belong next to the file, not in a toast. */
const FILE_CODES = new Set([
  'postman_not_json',
  'postman_bad_shape',
  'postman_not_environment',
  'postman_duplicate_key',
]);

interface PickedFile {
  readonly name: string;
  readonly size: number;
  readonly text: string;
}

const close = () => {
  openDialog(null);
};

/** Imports a Postman environment file, chosen or pasted. Secret values go to the keychain. */
export function ImportDialog() {
  const formId = useId();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [pasted, setPasted] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [missing, setMissing] = useState(false);
  // A file input cannot be cleared by value; a new key gives a fresh, empty one.
  const [fileInput, setFileInput] = useState(0);
  const text = file?.text ?? pasted;

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
    const failed = await importPostman(text, name);
    setBusy(false);
    setError(failed);
  };
  const fileError = error !== null && FILE_CODES.has(error.code) ? error.message : null;
  const sourceError = missing ? 'Choose a .json file or paste the environment’s JSON.' : fileError;

  return (
    <Dialog
      title="Import a Postman environment"
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
          Zoho’s Postman collections come with an environment file. Its <code>client-secret</code>,{' '}
          <code>access-token</code>, <code>refresh-token</code> and any <code>secret</code>-typed values go to
          the system keychain; the rest is kept as it is.
        </p>
        {error !== null && fileError === null && (
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
                accept=".json,application/json"
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
          label="Or paste its JSON"
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
              placeholder={'{ "name": "Zoho CRM", "values": [ … ] }'}
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
        <Field label="Name (optional)" hint="Leave empty to use the name in the file.">
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
