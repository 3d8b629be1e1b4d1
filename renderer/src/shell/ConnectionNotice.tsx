import { isAdrift, useConnection } from '../stores/connection';

/**
 * Browser mode lost its host, or the host no longer knows this page: said at once, over a
 * workbench that stays as it was, so nothing typed is lost while the page waits to reconnect.
 */
export function ConnectionNotice() {
  const adrift = useConnection(isAdrift);
  const signedOut = useConnection((s) => s.state === 'signed-out');
  if (!adrift) return null;
  return (
    <div className={`connection-notice ${signedOut ? 'connection-signed-out' : ''}`} role="alert">
      {!signedOut && <span className="spinner" aria-hidden="true" />}
      {signedOut ? (
        <span>
          <strong>Tokenbench is back, but this page is not signed in to it.</strong> It was started anew with
          another data folder, or this page&apos;s session ended. Open the first line it printed (the address
          ending in <code>?key=…</code>) in a new tab: this page then signs in by itself.
        </span>
      ) : (
        <span>
          <strong>Lost the connection to Tokenbench.</strong> Reconnecting… What you typed stays here. If you
          stopped Tokenbench, start it again (<code>npm run start:web</code>) on the same port and data
          folder, and this page reconnects.
        </span>
      )}
    </div>
  );
}
