import { isLoopbackHost } from '../../../../shared/dc/catalog';
import type { ArgsOf } from '../../../../shared/ipc/contract';
import type { ClientRecord, ClientType, RevokeEndpoint } from '../../../../shared/workspace/model';

/**
 * The client form as plain data: its state, the checks that can run before submit, and where a
 * coded failure from `clients:save` belongs. Pure, so the rules are unit-tested without a page.
 */
export interface ClientForm {
  readonly name: string;
  readonly type: ClientType;
  readonly dcId: string;
  readonly zohoClientId: string;
  /** Empty while editing means "keep the stored secret". Lives only in the dialog's state. */
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly multiDc: boolean;
  readonly pkce: boolean;
  readonly revokeEndpoint: RevokeEndpoint;
}

export type ClientField = Exclude<keyof ClientForm, 'multiDc' | 'pkce' | 'revokeEndpoint'>;
export type FieldErrors = Partial<Record<ClientField, string>>;

export const REDIRECT_EXAMPLE = 'http://127.0.0.1:53682/callback';

export function initialForm(client: ClientRecord | null, defaultDcId: string): ClientForm {
  if (client === null) {
    return {
      name: '',
      type: 'server',
      dcId: defaultDcId,
      zohoClientId: '',
      clientSecret: '',
      redirectUri: '',
      multiDc: false,
      pkce: false,
      revokeEndpoint: 'sdk',
    };
  }
  return {
    name: client.name,
    type: client.type,
    dcId: client.dcId,
    zohoClientId: client.zohoClientId,
    clientSecret: '',
    redirectUri: client.redirectUri ?? '',
    multiDc: client.multiDc,
    pkce: client.pkce,
    revokeEndpoint: client.revokeEndpoint,
  };
}

/** Zoho client ids look like `1000.ABCDEF…`: letters, digits, dots, dashes, underscores. */
const CLIENT_ID = /^[\w.-]+$/;

/** Checks that need no server: empty fields, a URL that is not one. Same words as the service. */
export function validateForm(form: ClientForm, editing: boolean): FieldErrors {
  const errors: FieldErrors = {};
  const name = form.name.trim();
  if (name === '') errors.name = 'Give the client a name, for example “CRM sync (prod)”.';
  else if (name.length > 80) errors.name = `Keep the name to 80 characters (it has ${name.length}).`;
  if (form.dcId === '') errors.dcId = 'Pick the DC the client is registered in.';
  const clientId = form.zohoClientId.trim();
  if (clientId === '') errors.zohoClientId = 'Paste the client id from the Zoho API console (1000.…).';
  else if (!CLIENT_ID.test(clientId))
    errors.zohoClientId = 'The client id has spaces or odd characters: copy it again from the API console.';
  if (!editing && form.clientSecret === '')
    errors.clientSecret = 'Paste the client secret from the API console: it goes to the system keychain.';
  if (form.type === 'server') {
    const problem = redirectUriProblem(form.redirectUri);
    if (problem !== null) errors.redirectUri = problem;
  }
  return errors;
}

export function redirectUriProblem(raw: string): string | null {
  if (raw.trim() === '') return `Enter the redirect URI registered for the client, like ${REDIRECT_EXAMPLE}.`;
  if (raw !== raw.trim()) return 'Remove the spaces around it: Zoho compares the URI character by character.';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `That is not a URL. Write it exactly as registered, like ${REDIRECT_EXAMPLE}.`;
  }
  const loopback = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !loopback)
    return 'Use https://, or http:// on 127.0.0.1 or localhost so Tokenbench can catch the redirect.';
  return null;
}

export const hasErrors = (errors: FieldErrors): boolean => Object.keys(errors).length > 0;

/** The arguments of `clients:save`; the secret only when the user typed one. */
export function toSaveArgs(form: ClientForm, id: string | null): ArgsOf<'clients:save'> {
  return {
    ...(id === null ? {} : { id }),
    name: form.name.trim(),
    dcId: form.dcId,
    zohoClientId: form.zohoClientId.trim(),
    type: form.type,
    redirectUri: form.type === 'server' ? form.redirectUri : null,
    multiDc: form.multiDc,
    pkce: form.pkce,
    revokeEndpoint: form.revokeEndpoint,
    ...(form.clientSecret === '' ? {} : { clientSecret: form.clientSecret }),
  };
}

/** The field a coded failure of `clients:save` belongs to; null means "show it above the form". */
const CODE_FIELD: Readonly<Record<string, ClientField>> = {
  invalid_client_dc: 'dcId',
  invalid_client_id: 'zohoClientId',
  duplicate_client_name: 'name',
  client_secret_required: 'clientSecret',
  redirect_uri_required: 'redirectUri',
  invalid_redirect_uri: 'redirectUri',
};

export function fieldForCode(code: string): ClientField | null {
  return CODE_FIELD[code] ?? null;
}

/** Which fields an edit touches, so a stale server error on that field can be cleared. */
export function changedFields(before: ClientForm, after: ClientForm): ClientField[] {
  const fields: ClientField[] = ['name', 'type', 'dcId', 'zohoClientId', 'clientSecret', 'redirectUri'];
  return fields.filter((f) => before[f] !== after[f]);
}
