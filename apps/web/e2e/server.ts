import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs the real Observatory server for browser tests and screenshots: a fresh embedded database in
 * a temporary folder, a known administrator password, a free port. Also used by
 * scripts/screenshots.mjs (Node runs this file directly by stripping the types), so keep to
 * erasable TypeScript syntax.
 */

export const ADMIN_USERNAME = 'admin';
export const ADMIN_PASSWORD = 'e2e-admin-password-0123';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const webDir = path.join(repoRoot, 'apps/web');

export interface TestServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  dataDir: string;
  /** Stops the server and deletes its data folder. */
  stop: () => Promise<void>;
}

/** The newest modification time of the files under `dir` (0 when it does not exist). */
function newestChange(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Builds apps/web/dist when it is missing (a fresh checkout or CI) or older than the web sources or
 * the shared package (catalogues), so that tests never run against a stale bundle.
 */
export function ensureWebBuild(): void {
  const built = path.join(webDir, 'dist/index.html');
  if (existsSync(built)) {
    const sources = Math.max(
      newestChange(path.join(webDir, 'src')),
      newestChange(path.join(repoRoot, 'packages/shared/src')),
      statSync(path.join(webDir, 'index.html')).mtimeMs,
      statSync(path.join(webDir, 'vite.config.ts')).mtimeMs,
    );
    if (statSync(built).mtimeMs >= sources) return;
  }
  const vite = path.join(repoRoot, 'node_modules/vite/bin/vite.js');
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: webDir,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0)
    throw new Error(`Building the web app failed (exit code ${String(result.status)})`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Signals the server's whole process group (bin/observatory.mjs may re-run itself under Node 24). */
function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, name);
  } catch {
    // Already gone.
  }
}

/** Starts `observatory serve` and resolves once /api/v1/health answers. */
export async function startServer(options: { timeoutMs?: number } = {}): Promise<TestServer> {
  ensureWebBuild();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'observatory-e2e-'));

  // Start from a clean environment: an inherited DATABASE_URL would point the server at PostgreSQL.
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'DATABASE_URL' && !key.startsWith('OBSERVATORY_')) env[key] = value;
  }
  Object.assign(env, {
    OBSERVATORY_DATA_DIR: dataDir,
    OBSERVATORY_ADMIN_USER: ADMIN_USERNAME,
    OBSERVATORY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  });

  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'bin/observatory.mjs'), 'serve', '--port', String(port)],
    {
      cwd: repoRoot,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const stop = async () => {
    signal(child, 'SIGTERM');
    const done = await Promise.race([exited(child).then(() => true), delay(10_000).then(() => false)]);
    if (!done) {
      signal(child, 'SIGKILL');
      await exited(child);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`The server exited with code ${child.exitCode} before it was ready:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) return { url, dataDir, stop };
    } catch {
      // Not listening yet.
    }
    await delay(250);
  }
  await stop();
  throw new Error(`The server did not answer /api/v1/health within the timeout:\n${output}`);
}
