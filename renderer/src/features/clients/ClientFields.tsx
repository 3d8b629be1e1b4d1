import type { DataCenter } from '../../../../shared/dc/catalog';
import type { ClientRecord } from '../../../../shared/workspace/model';
import { Field } from '../../components/Field';
import { CheckOption, ChoiceGroup, DcSelect } from './ClientChoices';
import { REDIRECT_EXAMPLE, type ClientField, type ClientForm, type FieldErrors } from './client-form';

interface ClientFieldsProps {
  readonly form: ClientForm;
  readonly errors: FieldErrors;
  readonly dcs: readonly DataCenter[];
  /** The client being edited, or null when adding one. */
  readonly editing: ClientRecord | null;
  readonly onChange: (patch: Partial<ClientForm>) => void;
  readonly onBlur: (field: ClientField) => void;
}

/** The client's fields, in the order the Zoho API console shows them. */
export function ClientFields({ form, errors, dcs, editing, onChange, onBlur }: ClientFieldsProps) {
  const text = (field: 'name' | 'zohoClientId' | 'redirectUri' | 'clientSecret') => ({
    value: form[field],
    onChange: (e: { target: { value: string } }) => {
      onChange({ [field]: e.target.value });
    },
    onBlur: () => {
      onBlur(field);
    },
  });
  const dc = dcs.find((d) => d.id === form.dcId);
  const dcHint =
    dc === undefined ? 'Where the client is registered.' : dc.accountsUrl.replace(/^https?:\/\//, '');
  return (
    <>
      <Field label="Name" error={errors.name}>
        {(ids) => (
          <input
            id={ids.id}
            className="input"
            autoComplete="off"
            placeholder="CRM sync (production)"
            aria-describedby={ids.describedBy}
            aria-invalid={ids.invalid}
            {...text('name')}
          />
        )}
      </Field>
      <ChoiceGroup
        legend="Client type"
        name="client-type"
        value={form.type}
        onChange={(type) => {
          onChange({ type });
        }}
        choices={[
          {
            value: 'server',
            label: 'Server-based',
            help: 'Consent in a browser; Tokenbench catches the redirect.',
          },
          {
            value: 'self',
            label: 'Self Client',
            help: 'No redirect: paste a grant code made in the API console.',
          },
          {
            value: 'device',
            label: 'Non-browser',
            help: 'Device flow: enter a code on Zoho’s verification page; Tokenbench polls.',
          },
        ]}
      />
      <div className="cf-grid">
        <Field label="Data center" error={errors.dcId} hint={dcHint}>
          {(ids) => (
            <DcSelect
              dcs={dcs}
              ids={ids}
              value={form.dcId}
              onChange={(dcId) => {
                onChange({ dcId });
              }}
              onBlur={() => {
                onBlur('dcId');
              }}
            />
          )}
        </Field>
        <Field label="Client ID" error={errors.zohoClientId}>
          {(ids) => (
            <input
              id={ids.id}
              className="input mono"
              autoComplete="off"
              spellCheck={false}
              placeholder="1000.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
              aria-describedby={ids.describedBy}
              aria-invalid={ids.invalid}
              {...text('zohoClientId')}
            />
          )}
        </Field>
      </div>
      <Field
        label="Client secret"
        error={errors.clientSecret}
        hint={
          editing?.secretFingerprint != null ? (
            <>
              Leave empty to keep the secret ending <code>{editing.secretFingerprint}</code>. It lives in the
              system keychain.
            </>
          ) : (
            'Goes straight to the system keychain; Tokenbench keeps only its last 4 characters.'
          )
        }
      >
        {(ids) => (
          <input
            id={ids.id}
            type="password"
            className="input mono"
            autoComplete="new-password"
            spellCheck={false}
            placeholder={editing === null ? '' : 'Unchanged'}
            aria-describedby={ids.describedBy}
            aria-invalid={ids.invalid}
            {...text('clientSecret')}
          />
        )}
      </Field>
      {form.type === 'server' && (
        <Field
          label="Redirect URI"
          error={errors.redirectUri}
          hint="Exactly as registered in the API console — Zoho compares it character by character, trailing slash included. Tokenbench listens there."
        >
          {(ids) => (
            <input
              id={ids.id}
              className="input mono"
              autoComplete="off"
              spellCheck={false}
              placeholder={REDIRECT_EXAMPLE}
              aria-describedby={ids.describedBy}
              aria-invalid={ids.invalid}
              {...text('redirectUri')}
            />
          )}
        </Field>
      )}
      <fieldset className="cf-choice-group cf-choice-group-columns">
        <legend className="label">Options</legend>
        <CheckOption
          label="Multi-DC"
          checked={form.multiDc}
          onChange={(multiDc) => {
            onChange({ multiDc });
          }}
          help="Users of other DCs can sign in too (enable it in the API console as well)."
        />
        <CheckOption
          label="PKCE"
          checked={form.pkce}
          onChange={(pkce) => {
            onChange({ pkce });
          }}
          help="Send an S256 code challenge; required for mobile and desktop clients."
        />
      </fieldset>
      <ChoiceGroup
        legend="Revoke endpoint"
        name="revoke-endpoint"
        value={form.revokeEndpoint}
        onChange={(revokeEndpoint) => {
          onChange({ revokeEndpoint });
        }}
        choices={[
          {
            value: 'sdk',
            label: <code>/oauth/v2/token/revoke</code>,
            help: 'As Zoho’s SDKs do: the token in the query.',
          },
          {
            value: 'basic',
            label: <code>/oauth/v2/revoke/token</code>,
            help: 'Newer: the token in the body, Basic auth.',
          },
        ]}
      />
    </>
  );
}
