import { visibleText } from '../../../shared/text/visible';

/**
 * Every text the page shows goes through the same rule as the CLI's output (shared/text/visible.ts):
 * a bidi override, a control or an invisible character in a name, a URL, a server's error or a
 * variable is shown as its `\uXXXX` escape, so a token or a URL is never displayed in another order
 * than it has. Watching the rendered text, rather than wrapping each place that shows a foreign
 * string, means no component can forget it. Only text nodes change (React sets their value again on
 * its next render, and this runs again); the data, form fields and what is copied stay as they are.
 */
/** A tooltip is text people read too. */
function fixTooltip(element: Element): void {
  const title = element.getAttribute('title');
  const shown = title === null ? null : visibleText(title);
  if (title !== null && shown !== null && shown !== title) element.setAttribute('title', shown);
}

export function showUnsafeCharactersVisibly(root: Node): () => void {
  const fix = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.nodeValue ?? '';
      const shown = visibleText(text);
      if (shown !== text) node.nodeValue = shown;
      return;
    }
    // <style> and <script> hold code, not text for people.
    if (node.nodeName === 'STYLE' || node.nodeName === 'SCRIPT') return;
    if (node instanceof Element) fixTooltip(node);
    for (let child = node.firstChild; child !== null; child = child.nextSibling) fix(child);
  };
  fix(root);
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'characterData') fix(mutation.target);
      else if (mutation.type === 'attributes' && mutation.target instanceof Element)
        fixTooltip(mutation.target);
      else for (const added of mutation.addedNodes) fix(added);
    }
  });
  observer.observe(root, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['title'],
  });
  return () => {
    observer.disconnect();
  };
}
