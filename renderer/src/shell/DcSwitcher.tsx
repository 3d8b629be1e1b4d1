import { useState } from 'react';
import type { DataCenter } from '../../../shared/dc/catalog';
import { dcInViewOf, moveAndClear, switchDc, useWorkspace, type DcSwitch } from '../stores/workspace';
import { toastError } from '../stores/ui';
import { MoveDcDialog } from './MoveDcDialog';

const GROUPS: { kind: DataCenter['kind']; label: string }[] = [
  { kind: 'zoho', label: 'Zoho' },
  { kind: 'sandbox', label: 'Sandbox' },
  { kind: 'custom', label: 'Custom' },
];

const shortName = (dc: DataCenter) =>
  dc.kind === 'sandbox' ? dc.id.replace('sandbox-', '').toUpperCase() : dc.id.toUpperCase();

/** Where the DC's accounts server and its three API domains are (issue 9: developer and sandbox too). */
const dcTooltip = (dc: DataCenter) =>
  [
    dc.name,
    `accounts ${dc.accountsUrl}`,
    `API ${dc.apiDomain}`,
    `developer ${dc.developerApiDomain ?? 'none known'}`,
    `sandbox ${dc.sandboxApiDomain ?? 'none known'}`,
  ].join('\n');

type Asking = Extract<DcSwitch, { kind: 'ask' }>;

/**
 * The nine Zoho DCs, the sandbox's and the user's, one click each. The environment in view follows;
 * one that holds tokens asks first, since its tokens cannot follow it.
 */
export function DcSwitcher() {
  const dcs = useWorkspace((s) => s.dcs);
  const dcInView = useWorkspace(dcInViewOf);
  const [asking, setAsking] = useState<Asking | null>(null);
  const choose = (id: string) => {
    void switchDc(id).then((done) => {
      if (done.kind === 'failed') toastError(done.error);
      if (done.kind === 'ask') setAsking(done);
    });
  };
  const move = (question: Asking) => {
    setAsking(null);
    // The dialog said what happens; the card and the flashing rows show it done.
    void moveAndClear(question.env, question.dcId).then((error) => {
      if (error !== null) toastError(error);
    });
  };
  return (
    <nav className="dc-switcher" aria-label="Data center">
      {asking !== null && (
        <MoveDcDialog
          env={asking.env}
          refusal={asking.refusal}
          onStay={() => {
            setAsking(null);
          }}
          onMove={() => {
            move(asking);
          }}
        />
      )}
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
                title={dcTooltip(dc)}
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
  const dc = useWorkspace((s) => s.dcs.find((d) => d.id === dcInViewOf(s)));
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
