// The widget's static files (apps/customer-service/widget/), found by walking up from this module so
// that the same code serves them from src/ (tests) and from dist/ (production), and read once.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WidgetAssets {
  script: string;
  demoPage: string;
}

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

export function readWidgetAssets(dir: string = locateWidgetDir()): WidgetAssets {
  return {
    script: readFileSync(join(dir, 'chat-widget.js'), 'utf8'),
    demoPage: readFileSync(join(dir, 'demo.html'), 'utf8'),
  };
}
