import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../platform/http/context.ts';
import { dialogueRoutes as seriesRoutes } from './dialogues.routes.ts';
import { documentRoutes } from './documents.routes.ts';
import { pressReleaseRoutes } from './press-release.routes.ts';

/** Dialogues, meetings and their record, documents and press releases. */
export function dialogueRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  seriesRoutes(app, ctx);
  documentRoutes(app, ctx);
  pressReleaseRoutes(app, ctx);
}
export { loadDialogueDemo } from './demo.ts';
export { buildPressRelease, loadRecord, formatDate } from './press-release.service.ts';
export { carriedFollowUps } from './dialogues.repository.ts';
