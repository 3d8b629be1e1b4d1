import { useState } from 'react';
import type { EnvironmentRecord } from '../../../../shared/workspace/model';
import { toastError } from '../../stores/ui';
import { AddVariableRow } from './AddVariableRow';
import { copyVariable, revealVariable } from './env-actions';
import { flashedKeys, useFlash } from './env-flash';
import { variableRows } from './env-variables';
import { VariableRow, type Shown } from './VariableRow';

const NO_CLIPBOARD =
  'No clipboard is reachable from browser mode here, so the value is shown instead: select it and copy it yourself.';

/**
 * The variables, Postman-style. Revealed secret values live in this component's state only (never a
 * store) and are dropped when the user hides them, when the environment changes (the panel is
 * keyed by environment), or when the value itself changes (a refresh: the fingerprint moves on).
 */
export function VariableTable({ env }: { env: EnvironmentRecord }) {
  const [shown, setShown] = useState<Readonly<Record<string, Shown>>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const flashed = useFlash(flashedKeys(env.id));
  const rows = variableRows(env.variables);

  const show = (key: string, fingerprint: string | null, note?: string) => async () => {
    const revealed = await revealVariable(env.id, key);
    if (!revealed.ok) {
      toastError(revealed.error);
      return;
    }
    setShown((s) => ({ ...s, [key]: { value: revealed.value, fingerprint, note: note ?? null } }));
  };
  const hide = (key: string) => {
    setShown((s) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== key)));
  };
  const copy = async (key: string, fingerprint: string | null) => {
    const error = await copyVariable(env.id, key);
    if (error === null) return;
    if (error.code === 'clipboard_unavailable') await show(key, fingerprint, NO_CLIPBOARD)();
    else toastError(error);
  };

  return (
    <div className="env-table-wrap">
      <table className="table env-table">
        <caption className="visually-hidden">Variables of {env.name}</caption>
        <colgroup>
          <col className="env-col-key" />
          <col />
          <col className="env-col-type" />
          <col className="env-col-enabled" />
          <col className="env-col-actions" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Value</th>
            <th scope="col">Type</th>
            <th scope="col">Enabled</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const fingerprint = row.variable?.fingerprint ?? null;
            const revealed = shown[row.key];
            return (
              <VariableRow
                key={row.key}
                environmentId={env.id}
                row={row}
                shown={revealed?.fingerprint === fingerprint ? revealed : null}
                editing={editing === row.key}
                flashing={flashed.includes(row.key)}
                onReveal={() => void show(row.key, fingerprint)()}
                onHide={() => {
                  hide(row.key);
                }}
                onCopy={() => void copy(row.key, fingerprint)}
                onEdit={(on) => {
                  setEditing(on ? row.key : null);
                }}
              />
            );
          })}
        </tbody>
        <tfoot>
          <AddVariableRow environmentId={env.id} existing={env.variables.map((v) => v.key)} />
        </tfoot>
      </table>
      <p className="subtle env-footnote">
        Secret values stay in the system keychain; the table shows only their last characters. Variables
        cannot be deleted yet (Tokenbench has no channel for it): clear <strong>Enabled</strong> to leave one
        out of requests.
      </p>
    </div>
  );
}
