import { useId, useRef, useState, type SubmitEvent } from 'react';
import type { UiError } from '../../api';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Dialog } from '../../components/Dialog';
import { dcInViewOf, useWorkspace } from '../../stores/workspace';
import { closeClientDialog, removeClient, saveClient } from './client-actions';
import {
  changedFields,
  fieldForCode,
  hasErrors,
  initialForm,
  toSaveArgs,
  validateForm,
  type ClientField,
  type ClientForm,
  type FieldErrors,
} from './client-form';
import { ClientFields } from './ClientFields';
import { RemoveConfirm } from './RemoveConfirm';
import './clients.css';

/** Add, edit or remove a Zoho client. Opened with openDialog({ kind: 'client', clientId }). */
export function ClientDialog({ clientId }: { clientId: string | null }) {
  const client = useWorkspace((s) => s.clients.find((c) => c.id === clientId) ?? null);
  const dcs = useWorkspace((s) => s.dcs);
  const dcInView = useWorkspace(dcInViewOf);
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<ClientForm>(() => initialForm(client, dcInView));
  const [touched, setTouched] = useState<ReadonlySet<ClientField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [topError, setTopError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const editing = client !== null;
  const local = validateForm(form, editing);
  const shownLocal = Object.fromEntries(
    Object.entries(local).filter(([field]) => submitted || touched.has(field as ClientField)),
  ) as FieldErrors;
  const errors: FieldErrors = { ...serverErrors, ...shownLocal };

  const change = (patch: Partial<ClientForm>) => {
    const next = { ...form, ...patch };
    const stale = changedFields(form, next);
    setForm(next);
    if (stale.length > 0)
      setServerErrors((e) =>
        Object.fromEntries(Object.entries(e).filter(([f]) => !stale.includes(f as ClientField))),
      );
  };
  const blur = (field: ClientField) => {
    if (form[field] !== '' || submitted) setTouched((t) => new Set(t).add(field));
  };
  const focusFirstInvalid = () => {
    requestAnimationFrame(() => {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    });
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (hasErrors(local)) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    setTopError(null);
    const error = await saveClient(toSaveArgs(form, client?.id ?? null));
    if (error === null) return;
    setBusy(false);
    const field = fieldForCode(error.code);
    if (field === null) setTopError(error);
    else {
      setServerErrors({ [field]: error.message });
      focusFirstInvalid();
    }
  };
  const remove = async () => {
    if (client === null) return;
    setBusy(true);
    const error = await removeClient(client.id);
    if (error === null) return;
    setBusy(false);
    setConfirming(false);
    setTopError(error);
  };

  const footer = confirming ? (
    <>
      <Button
        // The safe choice takes the focus that "Remove…" had.
        autoFocus
        onClick={() => {
          setConfirming(false);
        }}
      >
        Keep client
      </Button>
      <Button variant="danger" busy={busy} onClick={() => void remove()}>
        Remove client
      </Button>
    </>
  ) : (
    <>
      {editing && (
        <Button
          variant="danger"
          onClick={() => {
            setConfirming(true);
          }}
        >
          Remove…
        </Button>
      )}
      <span className="spacer" />
      <Button onClick={closeClientDialog}>Cancel</Button>
      <Button variant="primary" type="submit" form={formId} busy={busy}>
        {editing ? 'Save changes' : 'Add client'}
      </Button>
    </>
  );

  return (
    <Dialog
      title={confirming ? 'Remove client' : editing ? 'Edit client' : 'Add a Zoho client'}
      onClose={closeClientDialog}
      footer={footer}
    >
      {topError !== null && <TopError error={topError} />}
      {confirming && client !== null ? (
        <RemoveConfirm client={client} />
      ) : (
        <form
          id={formId}
          ref={formRef}
          className="client-form"
          noValidate
          aria-label={editing ? `Edit ${client.name}` : 'New client'}
          onSubmit={(e) => void submit(e)}
        >
          <ClientFields
            form={form}
            errors={errors}
            dcs={dcs}
            editing={client}
            onChange={change}
            onBlur={blur}
          />
        </form>
      )}
    </Dialog>
  );
}

/** A failure that belongs to no single field: the keychain above all, said in its own words. */
function TopError({ error }: { error: UiError }) {
  if (error.code === 'keychain_unavailable') {
    return (
      <Callout tone="danger" title="The system keychain is not available">
        {error.message} Nothing was saved: Tokenbench never keeps a client secret outside the keychain.
      </Callout>
    );
  }
  return (
    <Callout tone="danger" title={error.code.replace(/_/g, ' ')}>
      {error.message}
    </Callout>
  );
}
