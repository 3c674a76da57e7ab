import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../platform/config.ts';

// Every CLI start transpiles the TypeScript and opens the database: slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 300_000 });

// The CLI as users run it: the real bin script in a child process, on a temporary embedded
// database (a real folder), so locking and exit codes are tested for real.
const bin = path.join(repoRoot, 'bin/observatory.mjs');
let dataDir: string;

function run(args: string[], env: Record<string, string> = {}, input?: string) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, OBSERVATORY_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    input,
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-cli-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('observatory CLI', () => {
  it('prints help', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['serve', 'db', 'users']) expect(r.stdout).toContain(cmd);
  });

  it('migrates, reports status, and manages users on the embedded database', () => {
    const migrate = run(['db', 'migrate']);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain('applied 20261128T0400_foundation');
    const status = run(['db', 'status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ engine: 'pglite', pending: 0 });

    const create = run(['users', 'create', 'analyst.kg', '--role', 'editor', '--name', 'Аналитик']);
    expect(create.code, create.stderr).toBe(0);
    expect(create.stdout).toMatch(/One-time password \(shown once\): [\w-]{23}/);
    const withPassword = run(
      ['users', 'create', 'eu.analyst', '--password-stdin', '--json'],
      {},
      'a-long-enough-password\n',
    );
    expect(JSON.parse(withPassword.stdout)).toMatchObject({
      user: { username: 'eu.analyst', role: 'viewer' },
      oneTimePassword: null,
    });
    const dup = run(['users', 'create', 'analyst.kg']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already exists');

    expect(run(['users', 'set-role', 'eu.analyst', 'admin']).stdout).toContain('eu.analyst is now admin');
    expect(run(['users', 'set-role', 'eu.analyst', 'superuser']).code).toBe(2);
    expect(run(['users', 'set-role', 'nobody', 'admin']).code).toBe(1);
    const list = run(['users', 'list', '--json']);
    expect(
      JSON.parse(list.stdout).map((u: { username: string; role: string }) => `${u.username}:${u.role}`),
    ).toEqual(['analyst.kg:editor', 'eu.analyst:admin']);
  });

  it('refuses to open the embedded database while another process holds it', async () => {
    // A child process holds the lock the way the server does.
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import fs from 'node:fs'; fs.mkdirSync(${JSON.stringify(dataDir)}, { recursive: true }); fs.writeFileSync(${JSON.stringify(path.join(dataDir, 'pglite.lock'))}, String(process.pid)); console.log('locked'); setTimeout(() => {}, 60000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    try {
      const r = run(['users', 'list']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`in use by another Observatory process (pid ${holder.pid})`);
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    // The holder died without cleaning up: its stale lock is taken over.
    expect(run(['users', 'list']).code).toBe(0);
  });

  it('fails clearly when DATABASE_URL is unreachable or wrong', () => {
    const unreachable = run(['db', 'status'], {
      DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/observatory',
    });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain(
      'Cannot connect to PostgreSQL at postgres://postgres:***@127.0.0.1:1/observatory',
    );
    expect(unreachable.stderr).not.toContain('secret');
    const malformed = run(['db', 'status'], { DATABASE_URL: 'not a url' });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('DATABASE_URL');
  });
});
