import { useRef, useState } from 'react';
import { Button } from '../../components/Button';
import { toastError } from '../../stores/ui';
import { setEnabled, setSecret } from './env-actions';
import type { VariableRowModel } from './env-variables';
import { ValueCell, ValueEditor } from './VariableValue';

/** A revealed secret, held by the table: the value, which version it was, and why it is shown. */
export interface Shown {
  readonly value: string;
  readonly fingerprint: string | null;
  readonly note: string | null;
}

interface VariableRowProps {
  readonly environmentId: string;
  readonly row: VariableRowModel;
  readonly shown: Shown | null;
  readonly editing: boolean;
  readonly flashing: boolean;
  readonly onReveal: () => void;
  readonly onHide: () => void;
  readonly onCopy: () => void;
  readonly onEdit: (on: boolean) => void;
}

export function VariableRow(props: VariableRowProps) {
  const { environmentId, row, shown, editing, flashing, onReveal, onHide, onCopy, onEdit } = props;
  const { key, variable, secret } = row;
  const [busy, setBusy] = useState(false);
  const actions = useRef<HTMLDivElement>(null);
  const stored = variable?.secret === true && variable.fingerprint !== null;
  const change = async (run: () => Promise<{ code: string; message: string } | null>) => {
    setBusy(true);
    const error = await run();
    setBusy(false);
    if (error !== null) toastError(error);
  };
  return (
    <tr
      className="env-row"
      data-key={key}
      data-flash={flashing || undefined}
      data-disabled={variable?.enabled === false || undefined}
      data-missing={variable === null || undefined}
    >
      <th scope="row" className="env-key-cell">
        <span className="env-key">
          <span className="env-truncate mono" title={key}>
            {key}
          </span>
          {row.zoho && (
            <span className="env-zoho-tag" title="One of the variables Zoho’s Postman collections use">
              Zoho
            </span>
          )}
        </span>
      </th>
      <td className="env-value-cell">
        {editing ? (
          <ValueEditor
            environmentId={environmentId}
            row={row}
            onDone={() => {
              onEdit(false);
              // The editor goes away with the focus in it; give it back to the row's Edit button.
              requestAnimationFrame(() =>
                actions.current?.querySelector<HTMLElement>('[data-edit]')?.focus(),
              );
            }}
          />
        ) : (
          <ValueCell row={row} shown={shown} onEdit={onEdit} />
        )}
      </td>
      <td>
        {variable === null ? (
          <span className="subtle env-type-static">{secret ? 'secret' : 'default'}</span>
        ) : (
          <select
            className="input env-type"
            aria-label={`Type of ${key}`}
            value={variable.secret ? 'secret' : 'default'}
            disabled={busy}
            onChange={(e) => {
              void change(() => setSecret(environmentId, variable, e.target.value === 'secret'));
            }}
          >
            <option value="default">default</option>
            <option value="secret">secret</option>
          </select>
        )}
      </td>
      <td className="env-enabled-cell">
        <input
          type="checkbox"
          aria-label={`${key} enabled`}
          checked={variable?.enabled ?? false}
          disabled={variable === null || busy}
          onChange={(e) => {
            if (variable !== null) void change(() => setEnabled(environmentId, variable, e.target.checked));
          }}
        />
      </td>
      <td className="env-actions-cell">
        <div className="env-actions" ref={actions}>
          {secret && (
            <>
              <Button
                size="small"
                variant="ghost"
                className="env-reveal"
                disabled={!stored}
                aria-label={`${shown === null ? 'Reveal' : 'Hide'} ${key}`}
                onClick={shown === null ? onReveal : onHide}
              >
                {shown === null ? 'Reveal' : 'Hide'}
              </Button>
              <Button
                size="small"
                variant="ghost"
                disabled={!stored}
                aria-label={`Copy ${key}`}
                onClick={onCopy}
              >
                Copy
              </Button>
            </>
          )}
          <Button
            data-edit
            size="small"
            variant="ghost"
            aria-label={`${variable === null ? 'Set' : 'Edit'} ${key}`}
            disabled={editing}
            onClick={() => {
              onEdit(true);
            }}
          >
            {variable === null ? 'Set' : 'Edit'}
          </Button>
        </div>
      </td>
    </tr>
  );
}
