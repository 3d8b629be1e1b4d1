import type { ClientRecord } from '../../../../shared/workspace/model';
import { Callout } from '../../components/Callout';
import { useWorkspace } from '../../stores/workspace';

/** The confirm step says what removing does and what it does not undo. */
export function RemoveConfirm({ client }: { client: ClientRecord }) {
  const following = useWorkspace((s) => s.environments.filter((e) => e.clientRef === client.id).length);
  return (
    <div className="stack remove-confirm">
      <Callout
        tone="warn"
        title={
          <span className="cf-truncate" title={client.name}>
            Remove “{client.name}”?
          </span>
        }
      >
        This cannot be undone from Tokenbench.
      </Callout>
      <ul className="consequences">
        <li>
          <strong>The client secret is deleted from the system keychain.</strong> To use the client again, add
          it again with the secret from the API console.
        </li>
        <li>
          <strong>Its token history is kept.</strong> Zoho keeps counting those tokens against the limits
          until they expire, so the Limits and Tokens views still show them.
        </li>
        <li>
          <strong>Nothing changes at Zoho.</strong> The client stays registered in the API console, and tokens
          already issued stay valid until they expire or you revoke them.
        </li>
        {following > 0 && (
          <li>
            {following === 1 ? 'One environment follows' : `${following} environments follow`} this client;
            they keep their variables and stop following it.
          </li>
        )}
      </ul>
    </div>
  );
}
