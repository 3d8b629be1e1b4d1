import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** axe-core on one part of the page: its serious and critical violations, described; [] when clean. */
export async function axe(page: Page, selector: string): Promise<string[]> {
  // Evaluated, not a <script> tag: the renderer's CSP (script-src 'self') refuses inline scripts.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async (context) => {
    const { axe: engine } = window as unknown as {
      axe: { run: (c: string) => Promise<{ violations: AxeViolation[] }> };
    };
    return (await engine.run(context)).violations;
  }, selector);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${v.impact ?? ''}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}
