import type { DataCenter } from '../../../shared/dc/catalog';
import { switchDc, useWorkspace } from '../stores/workspace';
import { toastError } from '../stores/ui';

const GROUPS: { kind: DataCenter['kind']; label: string }[] = [
  { kind: 'zoho', label: 'Zoho' },
  { kind: 'sandbox', label: 'Sandbox' },
  { kind: 'custom', label: 'Custom' },
];

const shortName = (dc: DataCenter) =>
  dc.kind === 'sandbox' ? dc.id.replace('sandbox-', '').toUpperCase() : dc.id.toUpperCase();

/** The nine Zoho DCs, the sandbox's and the user's, one click each; the environment follows. */
export function DcSwitcher() {
  const dcs = useWorkspace((s) => s.dcs);
  const dcInView = useWorkspace((s) => s.dcInView);
  const choose = (id: string) => {
    void switchDc(id).then((error) => {
      if (error !== null) toastError(error);
    });
  };
  return (
    <nav className="dc-switcher" aria-label="Data center">
      {GROUPS.map(({ kind, label }) => {
        const group = dcs.filter((dc) => dc.kind === kind);
        if (group.length === 0) return null;
        return (
          <div
            key={kind}
            className={`dc-group dc-group-${kind}`}
            role="group"
            aria-label={`${label} data centers`}
          >
            <span className="dc-group-label" aria-hidden="true">
              {label}
            </span>
            {group.map((dc) => (
              <button
                key={dc.id}
                type="button"
                className="dc-chip"
                aria-pressed={dc.id === dcInView}
                title={`${dc.name}\n${dc.accountsUrl}\n${dc.apiDomain}`}
                onClick={() => {
                  choose(dc.id);
                }}
              >
                {shortName(dc)}
                <span className="visually-hidden"> {dc.name}</span>
              </button>
            ))}
          </div>
        );
      })}
    </nav>
  );
}

/** The DC in view spelled out: where consent goes and where APIs are called. */
export function DcInView() {
  const dc = useWorkspace((s) => s.dcs.find((d) => d.id === s.dcInView));
  if (dc === undefined) return null;
  return (
    <div className="dc-in-view" aria-live="polite">
      <strong>{dc.name}</strong>
      <span className="subtle">accounts</span>
      <code>{dc.accountsUrl}</code>
      <span className="subtle">API</span>
      <code>{dc.apiDomain}</code>
    </div>
  );
}
