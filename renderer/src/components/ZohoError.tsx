import type { ReactNode } from 'react';
import { ZOHO_ERRORS, zohoErrorFromWire, type ZohoErrorCode } from '../../../shared/errors/catalog';
import type { UiError } from '../api';
import './error-displays.css';

/** What the screen says about a failure: a title, the cause and the fix, and the raw words. */
export interface ErrorExplanation {
  readonly title: string;
  /** What went wrong, in the catalog's words; null when the message already says it. */
  readonly cause: string | null;
  readonly fix: string | null;
  /** The code as Zoho spells it (`Access Denied`, `INVALID_TOKEN`), or Tokenbench's own code. */
  readonly wire: string;
  readonly fromZoho: boolean;
}

/** Tokenbench's own failures that are not Zoho's: a title each; their messages carry the fix. */
const OWN_TITLES: Readonly<Record<string, string>> = {
  timeout: 'No answer in time',
  network_error: 'Could not reach the server',
  cancelled: 'Cancelled',
  grant_code_expired: 'Grant code expired',
  state_mismatch: 'Redirect from another attempt',
  callback_wrong_target: 'Not this client’s redirect',
  callback_malformed: 'Not a URL',
  unknown_dc: 'Unknown data center',
  dc_mismatch: 'Data center mix-up refused',
  wrong_client_type: 'Self clients have no consent page',
  unresolved_placeholder: 'Unknown variables',
  disconnected: 'Lost the connection to Tokenbench',
  secret_not_found: 'Secret not in the keychain',
};

const isCatalogCode = (code: string): code is ZohoErrorCode => Object.hasOwn(ZOHO_ERRORS, code);

/** Zoho's own error word, when a failure carries one (a consent redirect's `error=`, a raw answer). */
function wireOf(error: UiError): string | null {
  const carried =
    (error as { zohoError?: unknown }).zohoError ??
    (error.detail as { zohoError?: unknown } | undefined)?.zohoError;
  if (typeof carried === 'string' && carried !== '') return carried;
  // consent:progress events keep code and message only: "Zoho answered access_denied: …".
  const said = /Zoho answered ([^:.]+?)(?::|\.|$)/.exec(error.message);
  return said?.[1] ?? null;
}

/** Maps any failure onto the error catalog (shared/errors/catalog.ts) or a plain title. */
export function explainError(error: UiError): ErrorExplanation {
  const wire = isCatalogCode(error.code) ? null : wireOf(error);
  const info = isCatalogCode(error.code)
    ? ZOHO_ERRORS[error.code]
    : wire === null
      ? null
      : zohoErrorFromWire(wire);
  if (info !== null && (info.code !== 'unknown_zoho_error' || wire !== null)) {
    return {
      title: info.title,
      cause: info.cause,
      fix: info.fix,
      wire: wire ?? (info.wire || error.code),
      fromZoho: true,
    };
  }
  const title = OWN_TITLES[error.code] ?? sentence(error.code);
  return { title, cause: null, fix: null, wire: error.code, fromZoho: false };
}

const sentence = (code: string): string => {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

interface ZohoErrorProps {
  readonly error: UiError;
  /** Buttons under the explanation ("Refresh token", "Try again"). */
  readonly actions?: ReactNode;
}

/**
 * A failure explained: Zoho's error code, its cause and fix from the catalog, and the raw message,
 * so a support engineer can read it aloud and a developer can search for the exact words.
 */
export function ZohoError({ error, actions }: ZohoErrorProps) {
  const why = explainError(error);
  return (
    <div className="zoho-error" role="alert">
      <div className="zoho-error-head">
        <span className="zoho-error-icon" aria-hidden="true">
          !
        </span>
        <span className="zoho-error-title">{why.title}</span>
        <code
          className="zoho-error-code"
          title={why.fromZoho ? 'The error as Zoho spells it' : 'Tokenbench’s error code'}
        >
          {why.wire}
        </code>
      </div>
      {why.cause !== null && why.fix !== null ? (
        <dl className="zoho-error-facts">
          <dt>Cause</dt>
          <dd>{why.cause}</dd>
          <dt>Fix</dt>
          <dd>{why.fix}</dd>
          <dt>Raw</dt>
          <dd className="zoho-error-raw">{error.message}</dd>
        </dl>
      ) : (
        <p className="zoho-error-message">{error.message}</p>
      )}
      {actions !== undefined && <div className="row zoho-error-actions">{actions}</div>}
    </div>
  );
}
