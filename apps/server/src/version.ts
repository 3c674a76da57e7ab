import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './platform/config.ts';

/** The product version, from the root package.json. */
export const VERSION: string = (
  JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version;
