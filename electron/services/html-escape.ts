/**
 * Escapes text for HTML element content and quoted attribute values (OWASP XSS prevention rule 1
 * and 2): the pages the loopback listener and the sandbox DC serve echo request values through this.
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
