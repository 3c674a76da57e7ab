/**
 * Benchmark (not a test) of the web app in headless Chromium on localhost, as issue 5 asks:
 *   1. the gzip size of the JavaScript the first route (`/`, the overview) loads;
 *   2. the time from navigation to the explorer's first chart, median of N cold page loads
 *      (a fresh browser context each time: no cache, no session).
 *
 *   npx tsx apps/web/e2e/explorer.bench.ts [--runs 10]
 *
 * Starts its own server with the demo data (apps/web/e2e/server.ts) and builds the app if needed.
 * Targets: first chart ≤ 1.5 s, first-route JavaScript ≤ 250 KB gzip.
 */
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { launchBrowser } from './browser.ts';
import { startServer } from './server.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const runs = Math.max(1, Number(values.runs) || 10);
const EXPLORER = '/explorer?indicator=SZR_QTY&substance=heroin&area=KAZ,KGZ,TJK,TKM,UZB&from=2019&to=2023';

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const server = await startServer();
const browser = await launchBrowser();
try {
  // 1. JavaScript of the first route.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts: { url: string; raw: number; gzip: number }[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      void response.body().then((body) => {
        scripts.push({
          url: new URL(response.url()).pathname,
          raw: body.length,
          gzip: gzipSync(body, { level: 9 }).length,
        });
      });
    });
    await page.goto(`${server.url}/`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const total = scripts.reduce((sum, s) => sum + s.gzip, 0);
    console.log('First route (/) JavaScript:');
    for (const s of scripts.sort((a, b) => b.gzip - a.gzip))
      console.log(
        `  ${s.url.padEnd(44)} ${(s.raw / 1024).toFixed(1).padStart(7)} KB raw  ${(s.gzip / 1024).toFixed(1).padStart(6)} KB gzip`,
      );
    console.log(`  total ${(total / 1024).toFixed(1)} KB gzip (target ≤ 250 KB)`);
    await context.close();
  }

  // 2. Navigation to the explorer's first chart.
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(`${server.url}${EXPLORER}`);
    await page.locator('.chart-frame svg .chart-dots circle').first().waitFor();
    const elapsed = Date.now() - start;
    // The first load warms the server (PGlite caches, JIT); it is not counted.
    if (i > 0) times.push(elapsed);
    await context.close();
  }
  console.log(`Navigation → explorer's first chart, ${runs} cold loads:`);
  console.log(
    `  median ${median(times)} ms, min ${Math.min(...times)} ms, max ${Math.max(...times)} ms (target ≤ 1500 ms)`,
  );
} finally {
  await browser.close();
  await server.stop();
}
