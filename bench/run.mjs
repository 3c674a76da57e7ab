#!/usr/bin/env node
// Entry point of `npm run bench`. Runs the TypeScript benchmarks through tsx, like
// bin/observatory.mjs: the project pins Node 24 as a devDependency; if this file is started by an
// older system Node, it re-runs itself with the pinned one.
//
//   npm run bench [-- options]            the cube, import and events benchmarks, in this order
//   npm run bench -- cube [options]       bench/cube.bench.ts only
//   npm run bench -- import [options]     bench/import.bench.ts only
//   npm run bench -- events [options]     bench/events.bench.ts only
//   npm run bench -- briefing [options]   bench/briefing.bench.ts only (not in the combined run)
//   npm run bench -- web [--runs N]       apps/web/e2e/explorer.bench.ts only (headless Chromium:
//                                         first-route JavaScript, navigation → explorer's first chart)
//
// In a combined run each benchmark gets the options it knows (--engine, --pg-url and
// --pglite-memory go to all; --rows to cube and import; --requests and --warmup to cube and events);
// an option none knows is an error.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

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

const BENCHES = ['cube', 'import', 'events'];
let args = process.argv.slice(2);
let which = BENCHES;

/** The web benchmark reads its own options from process.argv and runs when imported. */
async function webBench(options) {
  process.argv = [process.argv[0], 'apps/web/e2e/explorer.bench.ts', ...options];
  await import('../apps/web/e2e/explorer.bench.ts');
}

if (args[0] === 'web') {
  await webBench(args.slice(1));
  process.exit(0);
}
// Briefing packs (bench/briefing.bench.ts): run on its own, not part of the combined run.
if (args[0] === 'briefing') {
  const { main } = await import('./briefing.bench.ts');
  await main([process.argv[0], process.argv[1], ...args.slice(1)]);
  process.exit(0);
}
if (args[0] !== undefined && !args[0].startsWith('-')) {
  if (!BENCHES.includes(args[0])) {
    console.error(
      `unknown benchmark "${args[0]}": cube | import | events | web (none: the first three, in this order, then web)`,
    );
    process.exit(2);
  }
  which = [args[0]];
  args = args.slice(1);
}

const modules = {
  cube: () => import('./cube.bench.ts'),
  import: () => import('./import.bench.ts'),
  events: () => import('./events.bench.ts'),
};

if (which.length === 1) {
  const { main } = await modules[which[0]]();
  await main([process.argv[0], process.argv[1], ...args]);
} else {
  const cube = await modules.cube();
  const imp = await modules.import();
  const events = await modules.events();
  const known = { cube: cube.CUBE_OPTIONS, import: imp.IMPORT_OPTIONS, events: events.EVENTS_OPTIONS };
  let tokens;
  try {
    ({ tokens } = parseArgs({
      args,
      options: { ...known.cube, ...known.import, ...known.events },
      strict: true,
      allowPositionals: false,
      tokens: true,
    }));
  } catch (error) {
    console.error(
      `${error.message}\nSee npm run bench -- cube --help, npm run bench -- import --help and npm run bench -- events --help.`,
    );
    process.exit(2);
  }
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) {
    console.log(
      'npm run bench runs the cube, import and events benchmarks; `npm run bench -- cube|import|events …` runs one.\n',
    );
    console.log(cube.usage().replace('npm run bench --', 'npm run bench -- cube'));
    console.log('');
    console.log(imp.importUsage());
    console.log('');
    console.log(events.eventsUsage());
    process.exit(0);
  }
  /** The arguments of one benchmark: the options it declares, as they were written. */
  const argsFor = (options) =>
    tokens
      .filter((t) => t.kind === 'option' && t.name in options)
      .flatMap((t) =>
        t.inlineValue ? [args[t.index]] : args.slice(t.index, t.index + (t.value === undefined ? 1 : 2)),
      );
  for (const name of BENCHES) {
    const { main } = name === 'cube' ? cube : name === 'import' ? imp : events;
    await main([process.argv[0], process.argv[1], ...argsFor(known[name])]);
    console.log('');
  }
  await webBench([]);
}
