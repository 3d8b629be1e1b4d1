/**
 * The parameters of a POST body, as Zoho's token and revoke endpoints take them: urlencoded (Zoho's
 * pages, the Python SDK) or `multipart/form-data` (the Node and TypeScript SDKs 8.0 build their
 * token, refresh and revoke requests with the `form-data` package). Query parameters are merged by
 * the caller (http.ts, requestParams).
 *
 * Multipart goes through Node's own WHATWG parser (undici's `Response.formData()`), so there is no
 * home-made parser and no new dependency. It is bounded before it runs (the router reads at most
 * MAX_BODY_BYTES) and strict after: a malformed body, a missing boundary or a file part where a
 * parameter belongs is refused with a reason, never read as "no parameters".
 */
export type FormBody =
  { readonly ok: true; readonly params: URLSearchParams } | { readonly ok: false; readonly reason: string };

const MULTIPART = /^multipart\/form-data\s*(;|$)/i;

export async function parseFormBody(contentType: string | undefined, raw: Buffer): Promise<FormBody> {
  if (contentType === undefined || !MULTIPART.test(contentType)) {
    return { ok: true, params: new URLSearchParams(raw.toString('utf8')) };
  }
  if (!/;\s*boundary=/i.test(contentType)) {
    return { ok: false, reason: 'The multipart/form-data body names no boundary in its Content-Type.' };
  }
  let form: FormData;
  try {
    // Deprecated for servers because it buffers a whole stream; here the body is already capped.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return {
      ok: false,
      reason: 'The multipart/form-data body is malformed (RFC 7578): check its boundaries and part headers.',
    };
  }
  const params = new URLSearchParams();
  for (const [name, value] of form) {
    if (typeof value !== 'string') {
      return { ok: false, reason: `The part "${name}" is a file; send the parameters as plain form fields.` };
    }
    params.append(name, value);
  }
  return { ok: true, params };
}
