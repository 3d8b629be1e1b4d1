import { useId, useState, type SubmitEvent } from 'react';
import { SDK_DB_DEFAULTS } from '../../../../shared/stores/model';
import type { UiError } from '../../api';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { openDialog } from '../../stores/ui';
import { addStore } from './stores-store';

interface StoreForm {
  readonly name: string;
  readonly host: string;
  readonly port: string;
  readonly database: string;
  readonly table: string;
  readonly user: string;
  readonly password: string;
  readonly writable: boolean;
}

const INITIAL: StoreForm = {
  name: '',
  host: SDK_DB_DEFAULTS.host,
  port: String(SDK_DB_DEFAULTS.port),
  database: SDK_DB_DEFAULTS.database,
  table: SDK_DB_DEFAULTS.table,
  user: '',
  password: '',
  writable: false,
};

const close = () => {
  openDialog(null);
};

/**
 * Adds a token store. Tokenbench reads it before adding it: a store it cannot reach, a wrong user or
 * password, a table that is not the SDK's or rows that are not tokens are refused here, with the
 * reason, and nothing is added. The password goes to the system keychain.
 */
export function AddStoreDialog() {
  const formId = useId();
  const [form, setForm] = useState<StoreForm>(INITIAL);
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (patch: Partial<StoreForm>) => {
    setForm((f) => ({ ...f, ...patch }));
  };
  const port = Number(form.port);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const refused = await addStore({
      name: form.name,
      host: form.host,
      port: Number.isInteger(port) ? port : 0,
      database: form.database,
      table: form.table,
      user: form.user,
      password: form.password,
      writable: form.writable,
    });
    setBusy(false);
    if (refused === null) close();
    else setError(refused);
  };
  const text = (label: string, key: Exclude<keyof StoreForm, 'writable'>, hint?: string, type = 'text') => (
    <Field label={label} {...(hint === undefined ? {} : { hint })}>
      {({ id, describedBy }) => (
        <input
          id={id}
          className="input"
          type={type}
          value={form[key]}
          aria-describedby={describedBy}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            change({ [key]: e.target.value });
          }}
        />
      )}
    </Field>
  );
  return (
    <Dialog
      title="Add a token store"
      onClose={close}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button variant="primary" type="submit" form={formId} busy={busy}>
            Read and add
          </Button>
        </>
      }
    >
      {error !== null && (
        <Callout tone="danger" title="Not added">
          <span className="stores-error" data-code={error.code}>
            {error.message}
          </span>
        </Callout>
      )}
      <form
        id={formId}
        className="stores-form"
        noValidate
        aria-label="New token store"
        onSubmit={(e) => void submit(e)}
      >
        {text('Name', 'name', 'Your name for it, e.g. the server it belongs to')}
        <div className="stores-form-row">
          {text('Host', 'host', 'Or a socket path')}
          {text('Port', 'port')}
        </div>
        <div className="stores-form-row">
          {text('Database', 'database', "The SDK's default is zohooauth")}
          {text('Table', 'table', "The SDK's default is oauthtoken")}
        </div>
        <div className="stores-form-row">
          {text('User', 'user')}
          {text('Password', 'password', 'Kept in the system keychain', 'password')}
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={form.writable}
            onChange={(e) => {
              change({ writable: e.target.checked });
            }}
          />
          Allow writes (hand tokens to the store). Off by default: a server depends on these rows.
        </label>
      </form>
    </Dialog>
  );
}
