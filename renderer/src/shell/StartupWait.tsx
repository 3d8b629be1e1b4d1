import { useEffect, useState } from 'react';

/** Below this a start feels instant, and a spinner would only flash. */
const SHOW_AFTER_MS = 300;

/**
 * What shows while the workspace opens: nothing at first, so a quick start paints the workbench
 * once instead of a spinner that flashes (and the first frame does not hold up the workspace's
 * answer, bench ui-cold-load); a spinner once the wait is long enough to notice (a keychain prompt,
 * a big store).
 */
export function StartupWait() {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => {
      setShown(true);
    }, SHOW_AFTER_MS);
    return () => {
      clearTimeout(timer);
    };
  }, []);
  return (
    <main className="loading" aria-busy="true">
      {shown && (
        <>
          <span className="spinner" aria-hidden="true" /> Opening the workspace…
        </>
      )}
    </main>
  );
}
