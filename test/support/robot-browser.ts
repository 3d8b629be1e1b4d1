/**
 * A scripted stand-in for the system browser, over real HTTP: it loads the sandbox's consent page,
 * submits the form as the Accept or Deny button would (with the chosen user), and follows the
 * redirect to wherever Zoho sends it, as a browser does, so the loopback listener receives it.
 */
export interface RobotChoice {
  readonly userZuid: string;
  readonly decision: 'accept' | 'deny';
}

export interface RobotBrowser {
  readonly open: (url: string) => Promise<undefined>;
  /** Every URL the robot was asked to open, and where the consent redirected it. */
  readonly visits: { opened: string; redirectedTo: string | null }[];
  /** Settles when the last opened page has been fully driven. */
  idle(): Promise<void>;
}

export function robotBrowser(choice: RobotChoice): RobotBrowser {
  const visits: RobotBrowser['visits'] = [];
  let last: Promise<void> = Promise.resolve();
  const open = (url: string): Promise<undefined> => {
    const visit = { opened: url, redirectedTo: null as string | null };
    visits.push(visit);
    // The system browser opens asynchronously; the flow must not wait on the user.
    last = drive(url, choice).then((to) => {
      visit.redirectedTo = to;
    });
    return Promise.resolve(undefined);
  };
  return { open, visits, idle: () => last };
}

async function drive(url: string, choice: RobotChoice): Promise<string | null> {
  const page = await fetch(url);
  const html = await page.text();
  if (!html.includes('name="decision"') && !html.includes('Accept')) return null;
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(unescape(name ?? ''), unescape(value ?? ''));
  }
  form.set('user_zuid', choice.userZuid);
  form.set('decision', choice.decision);
  const origin = new URL(url).origin;
  const answer = await fetch(`${origin}/oauth/v2/auth`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { origin },
  });
  const location = answer.headers.get('location');
  if (location === null) return null;
  await fetch(location)
    .then((r) => r.text())
    .catch(() => undefined);
  return location;
}

function unescape(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
