// Build: one tsc pass over the monorepo, path aliases rewritten to relative ESM imports (tsc-alias),
// then a thin dist/apps/<app>/main.js per app so each runs as `node dist/apps/<app>/main.js`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
execFileSync(bin('tsc-alias'), ['-p', 'tsconfig.build.json', '--resolve-full-paths'], {
  cwd: root,
  stdio: 'inherit',
});
for (const app of readdirSync(join(root, 'apps'))) {
  if (!existsSync(join(root, 'dist', 'apps', app, 'src', 'main.js'))) continue;
  mkdirSync(join(root, 'dist', 'apps', app), { recursive: true });
  writeFileSync(join(root, 'dist', 'apps', app, 'main.js'), "import './src/main.js';\n");
}
