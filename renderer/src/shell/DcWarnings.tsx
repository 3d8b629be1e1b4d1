import { Callout } from '../components/Callout';
import { dcInViewOf, selectedClient, useWorkspace } from '../stores/workspace';

/**
 * Says when the client in use belongs to another DC than the one in view (zoho-oauth.md,
 * "Multi-DC"): without multi-DC, Zoho answers invalid_client there.
 */
export function DcWarnings() {
  const client = useWorkspace(selectedClient);
  const dcs = useWorkspace((s) => s.dcs);
  const dcInView = useWorkspace(dcInViewOf);
  if (client === null || client.dcId === dcInView) return null;
  const home = dcs.find((d) => d.id === client.dcId)?.name ?? client.dcId;
  const view = dcs.find((d) => d.id === dcInView)?.name ?? dcInView;
  if (!client.multiDc) {
    return (
      <Callout tone="warn" title={`${client.name} is registered in ${home}, not ${view}`}>
        It has no multi-DC access, so {view}&apos;s accounts server answers invalid_client for it. Enable
        multi-DC for the client in Zoho&apos;s API console, or switch back to {home}.
      </Callout>
    );
  }
  return (
    <Callout tone="info" title={`${client.name} is a multi-DC client from ${home}`}>
      Consent starts at {home}; a user of {view} is sent back with {view}&apos;s accounts server, and
      Tokenbench exchanges the code there.
    </Callout>
  );
}
