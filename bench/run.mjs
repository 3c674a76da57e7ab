#!/usr/bin/env node
// Entry point of `npm run bench`. Runs the TypeScript benchmark (bench/cube.bench.ts) through tsx,
// like bin/observatory.mjs: the project pins Node 24 as a devDependency; if this file is started by
// an older system Node, it re-runs itself with the pinned one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  const pinned = join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(pinned)) {
    console.error(
      `The benchmark needs Node.js 22 or newer (this is ${process.version}). Run npm install first.`,
    );
    process.exit(2);
  }
  const child = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
const { main } = await import('./cube.bench.ts');
await main(process.argv);
