import path from 'node:path';
import type { Config } from './platform/config.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { ensureInitialAdmin } from './modules/users/index.ts';
import { buildApp } from './app.ts';
import { seedReferenceData } from './seed.ts';
import { recoverJobs } from './platform/jobs.ts';
import { loadDemoPack, recoverImports } from './modules/imports/index.ts';
import { scheduleSignalDetection } from './modules/signals/index.ts';
import { loadProgrammesDemo } from './modules/programmes/index.ts';
import { loadStrategiesDemo } from './modules/strategies/index.ts';
import { loadDialogueDemo } from './modules/dialogues/index.ts';

/**
 * Starts Observatory: opens the database (taking the embedded lock), migrates, seeds reference
 * data, creates the first administrator if there is none, and serves HTTP until SIGINT/SIGTERM.
 */
export async function startServer(config: Config): Promise<void> {
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    pgliteDir: path.join(config.dataDir, 'pglite'),
    lock: true,
  });
  try {
    await migrateToLatest(database.db);
    await seedReferenceData(database.db);
    await recoverJobs(database.db);
    await recoverImports(database.db);
    if (config.OBSERVATORY_DEMO_DATA) {
      const loaded = await loadDemoPack(database.db, config.filesDir);
      if (loaded) {
        console.log(
          `Loaded the demo pack: ${loaded} observations from public UNODC, EUDA and World Bank files.`,
        );
        // Its signals are found in the background, like after any import.
        await scheduleSignalDetection(database.db, { all: true }, null);
      }
      // The dialogue record of 12 December 2023 with its programme and strategy (each loader does
      // nothing when its rows exist), from the reference press release and strategy text only.
      await loadProgrammesDemo(database.db);
      await loadStrategiesDemo(database.db);
      if (await loadDialogueDemo(database.db)) {
        console.log(
          'Loaded the demo dialogue meeting of 12 December 2023 (Brussels), CADAP 7 and the EU Drugs Strategy 2021-2025.',
        );
      }
    }
    const admin = await ensureInitialAdmin(database.db, {
      username: config.OBSERVATORY_ADMIN_USER,
      password: config.OBSERVATORY_ADMIN_PASSWORD,
    });
    if (admin.created && admin.password) {
      console.log(
        `\nCreated the administrator "${admin.username}". One-time password (shown only now): ${admin.password}\n`,
      );
    } else if (admin.created) {
      console.log(
        `\nCreated the administrator "${admin.username}" with the password from OBSERVATORY_ADMIN_PASSWORD.\n`,
      );
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const app = await buildApp({ config, database, logger: config.LOG_LEVEL !== 'silent' });
  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: shutting down`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
  console.log(
    `Observatory ${database.engine === 'pglite' ? 'with the embedded database' : 'on PostgreSQL'}: http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}/  (API docs: /api/docs)`,
  );
}
