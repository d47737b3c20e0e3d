// What the widget's browser tests share: Debian's Chromium through playwright-core (no browser
// download), axe-core injected into the page (it checks open shadow roots too), and screenshots for
// the README when WIDGET_SCREENSHOTS=1.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const REPO = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..', '..');
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.x A/AA and best practices) on the page; returns every violation, and fails
 * when axe saw nothing inside the widget's shadow root (a check that looked past the widget).
 */
export async function runAxe(page: Page, label: string): Promise<AxeFinding[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const { findings, shadowNodes } = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as { axe: AxeApi; document: unknown };
    const result = await axe.run(document, {});
    // A node inside a shadow root has a target of [host selector, inner selector].
    const shadowNodes = result.passes
      .flatMap((p) => p.nodes)
      .filter((n) => Array.isArray(n.target) && Array.isArray(n.target[0])).length;
    const findings = result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
    return { findings, shadowNodes };
  });
  if (shadowNodes === 0) throw new Error('axe-core checked no element inside the widget');
  // Kept for the report: reports/ is not committed.
  const out = join(REPO, 'reports', 'widget-axe', `${label}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ shadowNodesPassed: shadowNodes, violations: findings }, null, 2));
  return findings;
}

interface AxeApi {
  run(
    context: unknown,
    options: object,
  ): Promise<{
    violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    passes: { nodes: { target: unknown[] }[] }[];
  }>;
}

export const seriousOrWorse = (findings: AxeFinding[]) =>
  findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.WIDGET_SCREENSHOTS !== '1') return;
  await page.screenshot({ path: join(REPO, 'docs', name) });
}

// The widget lives in a shadow root: its focused element is the shadow root's activeElement.
interface WidgetDocument {
  querySelector(
    selector: string,
  ): { shadowRoot: { activeElement: { matches(s: string): boolean } | null } | null } | null;
}

export async function isFocused(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const doc = (globalThis as unknown as { document: WidgetDocument }).document;
    return doc.querySelector('[data-support-chat]')?.shadowRoot?.activeElement?.matches(sel) ?? false;
  }, selector);
}

/** Whether the newest bubble of the conversation is fully inside the log's visible box. */
export async function newestMessageInView(page: Page): Promise<boolean> {
  const log = await page.locator('.log').boundingBox();
  const last = await page.locator('.log .msg').last().boundingBox();
  if (!log || !last) return false;
  return last.y >= log.y - 1 && last.y + last.height <= log.y + log.height + 1;
}
