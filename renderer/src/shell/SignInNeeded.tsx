import { useConnection } from '../stores/connection';

/**
 * Browser mode opened without a valid key (a bookmark, an address from an earlier launch): how to
 * open Tokenbench, instead of an empty workspace that is not the user's. The page keeps asking the
 * host, so signing in from another tab lets this one in as well.
 */
export function SignInNeeded() {
  const keyRefused = useConnection((s) => s.keyRefused);
  return (
    <main className="sign-in-needed" aria-labelledby="sign-in-needed-title">
      <div className="card sign-in-needed-card">
        <h1 id="sign-in-needed-title">Open Tokenbench with the address it printed</h1>
        {keyRefused && (
          <p role="alert" className="sign-in-needed-refused">
            The key in the address you opened is not this launch&apos;s: Tokenbench makes a new key each time
            it starts.
          </p>
        )}
        <p>
          This page is not signed in. Browser mode lets in only a browser that came with the key Tokenbench
          makes when it starts, so no other page or user on this computer can drive it.
        </p>
        <ol className="sign-in-needed-steps">
          <li>
            In the Tokenbench folder, run <code>npm run start:web</code> (or <code>npm start</code>). It opens
            your browser, already signed in.
          </li>
          <li>
            To open it by hand, use the <strong>first line it prints</strong>: the address ending in{' '}
            <code>?key=…</code>. With <code>--no-open</code> it only prints it.
          </li>
        </ol>
        <p className="subtle" role="status">
          Already running? Open that first line again, here or in another tab: this page signs in by itself
          once you have.
        </p>
      </div>
    </main>
  );
}
