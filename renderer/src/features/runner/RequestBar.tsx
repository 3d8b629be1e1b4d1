import { Button } from '../../components/Button';
import { MOD } from '../consent/use-mod-enter';
import { METHODS, setMethod, setUrl, useRunner, type Method } from './runner-store';

/** Method, URL and Send, on one line as in Postman; Enter in the URL sends too. */
export function RequestBar({ onSend }: { onSend: () => void }) {
  const method = useRunner((s) => s.draft.method);
  const url = useRunner((s) => s.draft.url);
  const busy = useRunner((s) => s.busy);
  return (
    <form
      className="request-bar"
      onSubmit={(e) => {
        e.preventDefault();
        onSend();
      }}
    >
      <label className="visually-hidden" htmlFor="runner-method">
        Method
      </label>
      <select
        id="runner-method"
        className={`input method method-${method}`}
        value={method}
        onChange={(e) => {
          setMethod(e.target.value as Method);
        }}
      >
        {METHODS.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <label className="visually-hidden" htmlFor="runner-url">
        URL
      </label>
      <input
        id="runner-url"
        className="input mono request-url"
        value={url}
        spellCheck={false}
        autoComplete="off"
        placeholder="{{api-domain}}/crm/v8/…"
        onChange={(e) => {
          setUrl(e.target.value);
        }}
      />
      <Button
        type="submit"
        variant="primary"
        busy={busy}
        disabled={url.trim() === ''}
        shortcut={`${MOD}+↵`}
        title={`Send the request from Tokenbench (${MOD}+Enter)`}
      >
        Send
      </Button>
    </form>
  );
}
