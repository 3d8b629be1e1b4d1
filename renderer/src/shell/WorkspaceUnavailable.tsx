import type { UiError } from '../api';
import { Button } from '../components/Button';
import { ZohoError } from '../components/ZohoError';
import { loadWorkspace } from '../stores/workspace';

/**
 * The workspace could not be read (the connection dropped during the first load, the keychain or
 * the file failed): said as it is, with a way to try again, instead of the first-run screen of an
 * empty workspace, which would invite the user to start over on top of their own data.
 */
export function WorkspaceUnavailable({ error }: { error: UiError }) {
  return (
    <main className="first-run" aria-labelledby="workspace-unavailable">
      <div className="first-run-intro">
        <h1 id="workspace-unavailable">Tokenbench could not read the workspace</h1>
      </div>
      <ZohoError
        error={error}
        actions={
          <Button variant="primary" onClick={() => void loadWorkspace()}>
            Try again
          </Button>
        }
      />
    </main>
  );
}
