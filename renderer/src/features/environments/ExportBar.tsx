import { useId, useState } from 'react';
import { FILESTORE_SDKS, SDK_NAMES, type FileStoreSdk } from '../../../../shared/filestore/dialects';
import type { EnvironmentRecord } from '../../../../shared/workspace/model';
import type { UiError } from '../../api';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { toastError } from '../../stores/ui';
import { exportFileStore, exportPostman } from './env-actions';

/**
 * The variables' title bar, with the exports: Postman (secret values only when asked for) and a Zoho
 * SDK FileStore, which holds the secrets by nature and so is offered only once they are asked for.
 */
export function ExportBar({ env }: { env: EnvironmentRecord }) {
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [sdk, setSdk] = useState<FileStoreSdk>('node');
  const [busy, setBusy] = useState<'postman' | 'filestore' | null>(null);
  const warningId = useId();
  const fileStoreHintId = useId();
  const secrets = env.variables.filter((v) => v.secret && v.fingerprint !== null).length;
  const run = async (kind: 'postman' | 'filestore', action: () => Promise<UiError | null>) => {
    setBusy(kind);
    const error = await action();
    setBusy(null);
    if (error !== null) toastError(error);
  };
  return (
    <>
      <div className="env-toolbar">
        <h2 id="env-variables-title" className="env-toolbar-title">
          Variables
        </h2>
        <span className="subtle env-toolbar-count">
          {env.variables.length} set · {secrets} in the keychain
        </span>
        <span className="spacer" />
        <label className="check env-include-secrets">
          <input
            type="checkbox"
            checked={includeSecrets}
            aria-describedby={includeSecrets ? warningId : undefined}
            onChange={(e) => {
              setIncludeSecrets(e.target.checked);
            }}
          />
          Include secret values
        </label>
        <Button
          busy={busy === 'postman'}
          onClick={() => void run('postman', () => exportPostman(env.id, includeSecrets))}
        >
          Export Postman
        </Button>
        <span className="env-export-filestore">
          <select
            className="input env-export-sdk"
            aria-label="SDK of the FileStore"
            value={sdk}
            onChange={(e) => {
              setSdk(e.target.value as FileStoreSdk);
            }}
          >
            {FILESTORE_SDKS.map((s) => (
              <option key={s} value={s}>
                {SDK_NAMES[s]}
              </option>
            ))}
          </select>
          <Button
            busy={busy === 'filestore'}
            disabled={!includeSecrets}
            aria-describedby={includeSecrets ? undefined : fileStoreHintId}
            onClick={() => void run('filestore', () => exportFileStore(env.id, sdk, includeSecrets))}
          >
            Export FileStore
          </Button>
        </span>
        {!includeSecrets && (
          <span id={fileStoreHintId} className="subtle env-export-hint">
            A FileStore needs the secret values.
          </span>
        )}
      </div>
      {includeSecrets && (
        <div className="env-toolbar-warning" id={warningId}>
          <Callout tone="warn" title="The file will hold secrets in plain text">
            The client secret and the access and refresh tokens are written unmasked (a FileStore always holds
            them). Anyone with the file can call Zoho as you until the tokens expire or are revoked — keep it
            out of chats and repositories.
          </Callout>
        </div>
      )}
    </>
  );
}
