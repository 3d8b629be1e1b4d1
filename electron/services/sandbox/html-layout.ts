import { escapeHtml } from './http';

/**
 * The shell shared by the sandbox's pages: one light, centred card with inline CSS only, because the
 * CSP allows nothing else (no scripts, fonts or images). The "Sandbox" badge is on every page so nobody
 * mistakes this for Zoho's real sign-in.
 */
const STYLES = `
*{box-sizing:border-box}
html{background:#eef1f6;color:#1d2433;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:32px 16px}
.card{width:100%;max-width:520px;background:#fff;border:1px solid #dde2ec;border-radius:14px;box-shadow:0 10px 30px rgba(29,36,51,.08);padding:28px 32px}
.top{display:flex;align-items:center;gap:10px;margin-bottom:18px;font-size:13px;color:#556072}
.badge{display:inline-block;background:#fff3d6;color:#7a4b00;border:1px solid #f1d08a;border-radius:999px;padding:2px 10px;font-weight:600;letter-spacing:.04em;text-transform:uppercase;font-size:12px}
h1{font-size:22px;line-height:1.3;margin:0 0 6px}
h2{font-size:14px;text-transform:uppercase;letter-spacing:.05em;color:#556072;margin:22px 0 8px}
p{margin:0 0 10px}
.lead{color:#434d5f}
fieldset{border:0;padding:0;margin:0}
legend{font-size:14px;text-transform:uppercase;letter-spacing:.05em;color:#556072;font-weight:600;margin:22px 0 8px;padding:0}
.choice{display:flex;align-items:center;gap:12px;border:1px solid #dde2ec;border-radius:10px;padding:10px 14px;margin-bottom:8px;cursor:pointer}
.choice:hover{border-color:#9fb3d9}
.choice:has(input:checked){border-color:#1a5fd0;background:#f3f7fe}
.choice input{width:18px;height:18px;accent-color:#1a5fd0;margin:0}
.who{display:flex;flex-direction:column;flex:1;min-width:0}
.who strong{font-weight:600}
.who span{font-size:13px;color:#556072;overflow-wrap:anywhere}
.dc{font-size:12px;color:#35507f;background:#e8eefb;border-radius:6px;padding:2px 8px;white-space:nowrap}
ul.scopes{list-style:none;margin:0;padding:0;border:1px solid #dde2ec;border-radius:10px}
ul.scopes li{padding:9px 14px;border-top:1px solid #eef1f6}
ul.scopes li:first-child{border-top:0}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f3f5f9;border-radius:4px;padding:1px 5px;overflow-wrap:anywhere}
.scopes span{display:block;font-size:13px;color:#556072}
.meta{font-size:13px;color:#556072;margin-top:16px}
.actions{display:flex;justify-content:flex-end;gap:10px;margin-top:22px}
button{font:inherit;font-weight:600;border-radius:8px;padding:9px 22px;cursor:pointer;border:1px solid transparent}
button.primary{background:#1a5fd0;color:#fff}
button.primary:hover{background:#154fae}
button.secondary{background:#fff;color:#1d2433;border-color:#c4ccda}
button.secondary:hover{background:#f3f5f9}
button:focus-visible,.choice:focus-within{outline:3px solid #8db3f5;outline-offset:2px}
.error{color:#9b1c1c}
label.field{display:block;font-size:14px;text-transform:uppercase;letter-spacing:.05em;color:#556072;font-weight:600;margin:18px 0 6px}
.code-input{width:100%;font:600 28px/1.2 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.12em;text-transform:uppercase;text-align:center;padding:12px;border:1px solid #c4ccda;border-radius:10px;color:#1d2433;background:#fff}
.text-input{width:100%;font:inherit;padding:9px 12px;border:1px solid #c4ccda;border-radius:8px;background:#fff;color:#1d2433}
.text-input:focus-visible{outline:3px solid #8db3f5;outline-offset:2px}
.code-value{font:600 15px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
a{color:#1a5fd0}
.code-input:focus-visible{outline:3px solid #8db3f5;outline-offset:2px}
footer{margin-top:24px;padding-top:14px;border-top:1px solid #eef1f6;font-size:12px;color:#667085}
table{border-collapse:collapse;width:100%;font-size:14px}
td,th{text-align:left;padding:6px 8px 6px 0;border-top:1px solid #eef1f6;vertical-align:top}
.wide{max-width:860px}
td code{white-space:nowrap}
`;

export function layout(title: string, dcLabel: string, content: string, wide = false): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<main class="card${wide ? ' wide' : ''}">
<div class="top"><span class="badge">Sandbox</span><span>${escapeHtml(dcLabel)} · Tokenbench's local Zoho stand-in</span></div>
${content}
<footer>This is Tokenbench's sandbox data center on 127.0.0.1. No Zoho account is used and nothing leaves this computer.</footer>
</main>
</body>
</html>`;
}

/** CSP for pages without forms: nothing but inline styles. */
export const STRICT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * CSP for the consent page. form-action must also allow the redirect URI's origin: Chromium applies
 * form-action to the redirects that follow a form submission (CSP3 "form-action", checked per hop).
 */
export function consentCsp(redirectUri: string): string {
  const url = new URL(redirectUri);
  // A private-use scheme (com.example.app:/cb) has an opaque origin; allow the scheme instead.
  const target = url.origin === 'null' ? url.protocol : url.origin;
  return `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${target}; frame-ancestors 'none'; base-uri 'none'`;
}
