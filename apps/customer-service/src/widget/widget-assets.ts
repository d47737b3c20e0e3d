// The widget's static files (apps/customer-service/widget/), found by walking up from this module so
// that the same code serves them from src/ (tests) and from dist/ (production), and read once. The
// script is served as one closure: its words, styles, event stream and attachments (one idea a file) first.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WidgetAssets {
  script: string;
  demoPage: string;
}

/** What the served script is told about this deployment. */
export interface WidgetSettings {
  maxImageBytes: number;
  stage: number;
}

const SCRIPT_PARTS = [
  'chat-widget-strings.js',
  'chat-widget-styles.js',
  'chat-widget-event-stream.js',
  'chat-widget-attachments.js',
  'chat-widget.js',
];

export function locateWidgetDir(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const candidate = join(dir, 'apps', 'customer-service', 'widget');
    if (existsSync(join(candidate, 'chat-widget.js'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`apps/customer-service/widget not found above ${from}`);
    dir = parent;
  }
}

// The numbers after the /*MAX_IMAGE_BYTES*/ and /*BOT_STAGE*/ markers are the documented defaults;
// the service writes its own, so the widget checks the size limit the service will enforce.
export function settleWidgetScript(source: string, settings: WidgetSettings): string {
  return source
    .replace(/\/\*MAX_IMAGE_BYTES\*\/ \d+/, `/*MAX_IMAGE_BYTES*/ ${Math.floor(settings.maxImageBytes)}`)
    .replace(/\/\*BOT_STAGE\*\/ \d+/, `/*BOT_STAGE*/ ${Math.floor(settings.stage)}`);
}

export function readWidgetAssets(settings: WidgetSettings, dir: string = locateWidgetDir()): WidgetAssets {
  const parts = SCRIPT_PARTS.map((name) => readFileSync(join(dir, name), 'utf8'));
  const script = `(function () {\n${parts.join('\n')}\n})();\n`;
  return {
    script: settleWidgetScript(script, settings),
    demoPage: readFileSync(join(dir, 'demo.html'), 'utf8'),
  };
}
