import path from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable Observatory reads, parsed once. Nothing else reads `process.env`.
 * The README's configuration table lists the same keys; keep them in step.
 */
const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const configSchema = z.object({
  /** HTTP port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to listen on. */
  HOST: z.string().default('127.0.0.1'),
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  DATABASE_URL: z.string().url().optional(),
  /** Folder for the embedded database and stored files. */
  OBSERVATORY_DATA_DIR: z.string().default('.data'),
  /** Password for the first administrator; when absent a one-time password is generated and printed once. */
  OBSERVATORY_ADMIN_PASSWORD: z.string().min(12).optional(),
  /** User name of the first administrator. */
  OBSERVATORY_ADMIN_USER: z.string().min(3).default('admin'),
  /** Session lifetime in hours. */
  OBSERVATORY_SESSION_HOURS: z.coerce.number().positive().default(12),
  /** Mark cookies `Secure` (set to true behind HTTPS). */
  OBSERVATORY_SECURE_COOKIES: booleanString.default(false),
  /** Failed-login attempts allowed per IP address and minute. */
  OBSERVATORY_LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  /** Largest accepted JSON request body, in bytes. */
  OBSERVATORY_BODY_LIMIT: z.coerce.number().int().positive().default(1_048_576),
  /** Largest accepted upload (import files), in megabytes. */
  OBSERVATORY_MAX_UPLOAD_MB: z.coerce.number().positive().default(100),
  /** Folder for stored original files (default: <data dir>/files). */
  OBSERVATORY_FILES_DIR: z.string().optional(),
  /** Load the demo pack into an empty database at start. */
  OBSERVATORY_DEMO_DATA: booleanString.default(true),
  /** Folder with the built web app (default: apps/web/dist). */
  OBSERVATORY_WEB_DIST: z.string().optional(),
  /** Log level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema> & {
  repoRoot: string;
  dataDir: string;
  filesDir: string;
  webDist: string;
};

/** Repository root, from this file's location (apps/server/src/platform). */
export const repoRoot = path.resolve(import.meta.dirname, '../../../..');

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    ...c,
    repoRoot,
    dataDir: path.resolve(repoRoot, c.OBSERVATORY_DATA_DIR),
    filesDir: path.resolve(repoRoot, c.OBSERVATORY_FILES_DIR ?? path.join(c.OBSERVATORY_DATA_DIR, 'files')),
    webDist: path.resolve(repoRoot, c.OBSERVATORY_WEB_DIST ?? 'apps/web/dist'),
  };
}
