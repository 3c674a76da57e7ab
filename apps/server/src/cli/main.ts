import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ROLES, type Role } from '@observatory/shared';
import { ConfigError, loadConfig, type Config } from '../platform/config.ts';
import { CliFailure, withDatabase, print } from './common.ts';
import { registerImportCommands } from './imports.ts';
import { registerEventCommands } from './events.ts';
import { DatabaseUnavailableError } from '../platform/db/database.ts';
import { DatabaseLockedError } from '../platform/db/lock.ts';
import { MigrationError, migrateDown, migrateToLatest, migrationStatus } from '../platform/db/migrator.ts';
import { AppError } from '../platform/http/errors.ts';
import { translator } from '@observatory/shared/i18n';
import { createUser, listUsers, setRoleByName } from '../modules/users/index.ts';
import { startServer } from '../server.ts';
import { registerExportCommand } from './export.ts';
import { VERSION } from '../version.ts';

export { CliFailure, withDatabase, print } from './common.ts';

/** Builds the web bundle when it is missing (npm start on a fresh clone). */
function ensureWebBuild(config: Config): void {
  if (fs.existsSync(path.join(config.webDist, 'index.html'))) return;
  console.log('Building the web app (first start)…');
  const result = spawnSync(
    process.execPath,
    [path.join(config.repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: path.join(config.repoRoot, 'apps/web'),
      stdio: 'inherit',
      // A production bundle even when started from a test runner that sets NODE_ENV=test.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (result.status !== 0) throw new CliFailure('Building the web app failed (see above).', 2);
}

export function buildProgram(): Command {
  const program = new Command('observatory')
    .description('Observatory — EU – Central Asia drug dialogue platform')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();

  const serveAction = (build: boolean) => async (opts: { port?: string; host?: string }) => {
    const config = loadConfig({
      ...process.env,
      ...(opts.port ? { PORT: opts.port } : {}),
      ...(opts.host ? { HOST: opts.host } : {}),
    });
    if (build) ensureWebBuild(config);
    await startServer(config);
  };
  program
    .command('serve')
    .description('Migrate, seed and serve the API and the web app')
    .option('-p, --port <port>', 'port (default: PORT or 3000)')
    .option('--host <host>', 'interface (default: HOST or 127.0.0.1)')
    .option('--dev', 'development mode (same as serve for now)')
    .action(serveAction(false));
  program
    .command('start')
    .description('Like serve, but first builds the web app if it is missing (used by npm start)')
    .option('-p, --port <port>')
    .option('--host <host>')
    .action(serveAction(true));

  const db = program.command('db').description('Database schema');
  db.command('migrate')
    .description('Apply all pending migrations (in one transaction)')
    .action(async () => {
      const config = loadConfig();
      await withDatabase(config, async ({ db: kdb, engine }) => {
        const results = await migrateToLatest(kdb);
        console.log(
          results.length
            ? results
                .map((r) => `${r.direction === 'Up' ? 'applied' : 'reverted'} ${r.migrationName}`)
                .join('\n')
            : `Database (${engine}) is up to date.`,
        );
      });
    });
  db.command('status')
    .description('List migrations and whether they are applied')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      await withDatabase(config, async ({ db: kdb, engine }) => {
        const list = await migrationStatus(kdb);
        const pending = list.filter((m) => !m.executedAt).length;
        print(!!opts.json, { engine, migrations: list, pending }, () =>
          [
            `engine: ${engine}`,
            ...list.map(
              (m) =>
                `${m.executedAt ? 'applied' : 'pending'}  ${m.name}${m.executedAt ? `  ${new Date(m.executedAt).toISOString()}` : ''}`,
            ),
            `${pending} pending`,
          ].join('\n'),
        );
      });
    });
  db.command('rollback')
    .description('Revert the most recent migration (destroys the data in the tables it created)')
    .requiredOption('--yes', 'confirm')
    .action(async () => {
      const config = loadConfig();
      await withDatabase(config, async ({ db: kdb }) => {
        const results = await migrateDown(kdb);
        console.log(results.map((r) => `reverted ${r.migrationName}`).join('\n') || 'Nothing to revert.');
      });
    });

  const users = program.command('users').description('User accounts');
  users
    .command('create <username>')
    .description('Create a user; prints a one-time password unless --password-stdin is given')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).default('viewer'))
    .option('--name <displayName>', 'display name')
    .option('--email <email>')
    .addOption(new Option('--locale <locale>').choices(['en', 'ru']).default('en'))
    .option('--password-stdin', 'read the password from standard input')
    .option('--json')
    .action(
      async (
        username: string,
        opts: {
          role: Role;
          name?: string;
          email?: string;
          locale: 'en' | 'ru';
          passwordStdin?: boolean;
          json?: boolean;
        },
      ) => {
        const config = loadConfig();
        const password = opts.passwordStdin ? fs.readFileSync(0, 'utf8').replace(/\r?\n$/, '') : undefined;
        if (password !== undefined && password.length < 12)
          throw new CliFailure('The password must have at least 12 characters.', 1);
        if (!/^[A-Za-z0-9._@-]{3,64}$/.test(username))
          throw new CliFailure('User names have 3-64 characters: letters, digits, . _ @ -', 1);
        await withDatabase(
          config,
          async ({ db: kdb }) => {
            await migrateToLatest(kdb);
            const result = await createUser(
              kdb,
              { user: null, via: 'cli' },
              {
                username,
                displayName: opts.name ?? username,
                email: opts.email ?? null,
                role: opts.role,
                locale: opts.locale,
                ...(password ? { password } : {}),
              },
            );
            print(
              !!opts.json,
              result,
              () =>
                `Created ${result.user.username} (${result.user.role}).` +
                (result.oneTimePassword ? `\nOne-time password (shown once): ${result.oneTimePassword}` : ''),
            );
          },
          true,
        );
      },
    );
  users
    .command('list')
    .description('List users')
    .option('--json')
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      await withDatabase(
        config,
        async ({ db: kdb }) => {
          const { items } = await listUsers(kdb);
          print(
            !!opts.json,
            items,
            () =>
              items
                .map(
                  (u) =>
                    `${u.username.padEnd(24)} ${u.role.padEnd(7)} ${u.disabled ? 'disabled' : 'active'}  ${u.displayName}`,
                )
                .join('\n') || 'No users.',
          );
        },
        true,
      );
    });
  users
    .command('set-role <username> <role>')
    .description(`Change a user's role (${ROLES.join(', ')})`)
    .action(async (username: string, role: string) => {
      if (!(ROLES as readonly string[]).includes(role))
        throw new CliFailure(`Unknown role "${role}". Roles: ${ROLES.join(', ')}.`, 2);
      const config = loadConfig();
      await withDatabase(
        config,
        async ({ db: kdb }) => {
          const user = await setRoleByName(kdb, username, role as Role);
          console.log(`${user.username} is now ${user.role}.`);
        },
        true,
      );
    });
  registerImportCommands(program);
  registerEventCommands(program);
  registerExportCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof CliFailure) {
    console.error(error.message);
    return error.exitCode;
  }
  if (
    error instanceof ConfigError ||
    error instanceof DatabaseUnavailableError ||
    error instanceof DatabaseLockedError ||
    error instanceof MigrationError
  ) {
    console.error(error.message);
    return 2;
  }
  if (error instanceof AppError) {
    const t = translator('en');
    console.error(t(`errors:${error.code}`, error.params));
    return 1;
  }
  console.error(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  return 2;
}
