import type { ReactNode } from 'react';
import type { ZohoAnswer } from '../../../shared/result';
import { explainFailure } from '../../../shared/words/failures';
import type { UiError } from '../api';
import { showExchange } from '../stores/ui';
import './error-displays.css';

interface ZohoErrorProps {
  readonly error: UiError;
  /** Buttons under the explanation ("Refresh token", "Try again"). */
  readonly actions?: ReactNode;
}

/**
 * A failure explained: its title, the cause and fix from the catalog (shared/words), and Zoho's own
 * answer field by field, exactly as Zoho sent it, so a support engineer can read it aloud and a
 * developer can search for the exact words. Everything comes from the failure's data.
 */
export function ZohoError({ error, actions }: ZohoErrorProps) {
  const why = explainFailure(error);
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
          {why.label}
        </code>
      </div>
      {why.cause !== null && why.fix !== null ? (
        <dl className="zoho-error-facts">
          <dt>Cause</dt>
          <dd>{why.cause}</dd>
          <dt>Fix</dt>
          <dd>{why.fix}</dd>
          {error.zoho === undefined && (
            <>
              <dt>Details</dt>
              <dd className="zoho-error-raw">{error.message}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="zoho-error-message">{error.message}</p>
      )}
      {error.zoho !== undefined && <ZohoSaid zoho={error.zoho} />}
      {(actions !== undefined || error.exchangeId !== undefined) && (
        <div className="row zoho-error-actions">
          {actions}
          {error.exchangeId !== undefined && <ShowExchange id={error.exchangeId} />}
        </div>
      )}
    </div>
  );
}

/** Opens the Console on the request and answer behind this failure, raw (issue 10 part 5). */
function ShowExchange({ id }: { id: number }) {
  return (
    <button
      type="button"
      className="btn btn-small btn-ghost"
      title={`Exchange #${String(id)} in the Console: the request as sent and Zoho's answer as received`}
      onClick={() => {
        showExchange(id);
      }}
    >
      Show the exchange
    </button>
  );
}

/** Zoho's answer under its own field names: `error` and `error_description`, or an API's `code` and `message`. */
function ZohoSaid({ zoho }: { zoho: ZohoAnswer }) {
  const [errorKey, descriptionKey] =
    zoho.style === 'api' ? ['code', 'message'] : ['error', 'error_description'];
  return (
    <dl className="zoho-said" aria-label="Zoho’s answer, as sent">
      <dt>{errorKey}</dt>
      <dd>
        <code>{zoho.error}</code>
      </dd>
      {zoho.description !== null && (
        <>
          <dt>{descriptionKey}</dt>
          <dd>
            <code>{zoho.description}</code>
          </dd>
        </>
      )}
      {zoho.status !== null && (
        <>
          <dt>HTTP status</dt>
          <dd>
            <code>{zoho.status}</code>
          </dd>
        </>
      )}
    </dl>
  );
}
