import { useId, useState } from 'react';
import type { EnvironmentRecord } from '../../../../shared/workspace/model';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { toastError } from '../../stores/ui';
import { exportPostman } from './env-actions';

/** The variables' title bar, with the Postman export (secret values only when asked for). */
export function ExportBar({ env }: { env: EnvironmentRecord }) {
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [busy, setBusy] = useState(false);
  const warningId = useId();
  const secrets = env.variables.filter((v) => v.secret && v.fingerprint !== null).length;
  const run = async () => {
    setBusy(true);
    const error = await exportPostman(env.id, includeSecrets);
    setBusy(false);
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
        <Button busy={busy} onClick={() => void run()}>
          Export Postman
        </Button>
      </div>
      {includeSecrets && (
        <div className="env-toolbar-warning" id={warningId}>
          <Callout tone="warn" title="The file will hold secrets in plain text">
            The client secret and the access and refresh tokens are written unmasked. Anyone with the file can
            call Zoho as you until the tokens expire or are revoked — keep it out of chats and repositories.
          </Callout>
        </div>
      )}
    </>
  );
}
