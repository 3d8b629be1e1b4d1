import type { ReactNode } from 'react';

/** Above this the body is shown as plain text: colouring a megabyte of JSON would stall the page. */
const COLOUR_LIMIT = 200_000;
const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** The body pretty-printed when it is JSON, with keys, strings, numbers and literals coloured. */
export function BodyView({ body, contentType }: { body: string; contentType: string | null }) {
  const pretty = prettyJson(body, contentType);
  if (pretty === null || pretty.length > COLOUR_LIMIT) {
    return (
      <pre className="code-view" tabIndex={0} aria-label="Response body">
        {pretty ?? body}
      </pre>
    );
  }
  return (
    <pre className="code-view json" tabIndex={0} aria-label="Response body, JSON">
      {colour(pretty)}
    </pre>
  );
}

export function prettyJson(body: string, contentType: string | null): string | null {
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(body);
  if (!looksJson) return null;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return null;
  }
}

function colour(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let key = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index;
    if (at > last) out.push(text.slice(last, at));
    const [whole, str, colon, literal] = m;
    if (str !== undefined && colon !== undefined) {
      out.push(
        <span key={key++} className="j-key">
          {str}
        </span>,
        colon,
      );
    } else if (str !== undefined) {
      out.push(
        <span key={key++} className="j-str">
          {str}
        </span>,
      );
    } else if (literal !== undefined) {
      out.push(
        <span key={key++} className="j-lit">
          {literal}
        </span>,
      );
    } else {
      out.push(
        <span key={key++} className="j-num">
          {whole}
        </span>,
      );
    }
    last = at + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
