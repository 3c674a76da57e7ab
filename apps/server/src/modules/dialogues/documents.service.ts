import fs from 'node:fs';
import type { Language, Role } from '@observatory/shared';
import type { Db } from '../../platform/db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import { errors } from '../../platform/http/errors.ts';
import { discardFile, registerFile, storedPath, type ReceivedFile } from '../../platform/files/store.ts';
import * as repo from './dialogues.repository.ts';
import type * as s from './dialogues.schemas.ts';
import {
  clearancesFor,
  iso,
  label,
  meetingForWrite,
  readableMeeting,
  type Actor,
  type Reader,
} from './dialogues.shared.ts';

/**
 * Meeting documents: a record with or without a stored file, its language and the document it
 * translates, and its clearance (draft: editors only → cleared: signed-in users → public: everyone,
 * when the meeting itself is readable). Downloads enforce the same rule.
 */

export function documentDto(d: repo.DocumentRow, lang: Language): s.DocumentDto {
  return {
    id: d.id,
    meetingId: d.meetingId,
    agendaItemId: d.agendaItemId,
    kind: d.kind,
    title: d.title,
    language: d.language,
    translationOfId: d.translationOfId,
    clearance: d.clearance,
    clearanceText: label(lang, `clearance.${d.clearance}`),
    hasFile: d.fileSha256 !== null,
    fileName: d.fileName,
    size: d.size === null || d.size === undefined ? null : Number(d.size),
    updatedAt: iso(d.updatedAt)!,
  };
}

/** translation_of must be another document of the same meeting, in the other language. */
async function checkTranslation(
  db: Reader,
  meetingId: number,
  language: 'en' | 'ru',
  translationOf: number | null | undefined,
  self?: number,
) {
  if (translationOf === undefined || translationOf === null) return;
  const other = await repo.findDocument(db, translationOf);
  if (!other || other.id === self || other.meetingId !== meetingId || other.language === language)
    throw errors.invalidParameter('translationOf', 'translation_of_invalid');
}
async function checkAgendaItem(db: Reader, meetingId: number, id: number | null | undefined) {
  if (id === undefined || id === null) return;
  const item = await repo.findAgendaItem(db, id);
  if (!item || item.meetingId !== meetingId) throw errors.invalidParameter('agendaItem', 'not_in_meeting');
}

/** Records a document, with the uploaded file when there is one (registered only if all is valid). */
export async function createDocument(
  db: Db,
  filesDir: string,
  actor: Actor,
  meetingId: number,
  body: s.CreateDocumentBody,
  lang: Language,
  upload?: { received: ReceivedFile; fileName: string; mediaType: string | null },
) {
  let id: number;
  try {
    id = await db.transaction().execute(async (trx) => {
      await meetingForWrite(trx, meetingId);
      await checkTranslation(trx, meetingId, body.language, body.translationOf);
      await checkAgendaItem(trx, meetingId, body.agendaItem);
      let fileSha256: string | null = null;
      if (upload) {
        const stored = await registerFile(trx, filesDir, upload.received, {
          originalName: upload.fileName,
          mediaType: upload.mediaType,
          userId: actor.user.id,
        });
        fileSha256 = stored.sha256;
      }
      const values = {
        meetingId,
        agendaItemId: body.agendaItem ?? null,
        kind: body.kind ?? 'other',
        title: body.title,
        language: body.language,
        translationOfId: body.translationOf ?? null,
        fileSha256,
        fileName: upload?.fileName ?? null,
        createdBy: actor.user.id,
      };
      const id = await repo.insertDocument(trx, values);
      await writeAudit(trx, {
        actorId: actor.user.id,
        action: 'document.create',
        entity: 'dialogue_document',
        entityId: id,
        after: values,
        ip: actor.ip,
      });
      return id;
    });
  } catch (error) {
    if (upload) discardFile(upload.received);
    throw error;
  }
  return documentDto((await repo.findDocument(db, id))!, lang);
}

export async function patchDocument(
  db: Db,
  actor: Actor,
  id: number,
  body: s.PatchDocumentBody,
  lang: Language,
) {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findDocument(trx, id);
    if (!before || before.meetingId === null) throw errors.notFound('document', String(id));
    const language = body.language ?? before.language;
    const translationOf = body.translationOf === undefined ? before.translationOfId : body.translationOf;
    await checkTranslation(trx, before.meetingId, language, translationOf, id);
    await checkAgendaItem(trx, before.meetingId, body.agendaItem);
    const values = {
      title: body.title ?? before.title,
      kind: body.kind ?? before.kind,
      language,
      translationOfId: translationOf,
      agendaItemId: body.agendaItem === undefined ? before.agendaItemId : body.agendaItem,
      clearance: body.clearance ?? before.clearance,
    };
    await repo.updateDocument(trx, id, values);
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: values.clearance !== before.clearance ? 'document.clearance' : 'document.update',
      entity: 'dialogue_document',
      entityId: id,
      before,
      after: values,
      ip: actor.ip,
    });
  });
  return documentDto((await repo.findDocument(db, id))!, lang);
}

export async function deleteDocument(db: Db, actor: Actor, id: number) {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findDocument(trx, id);
    if (!before) throw errors.notFound('document', String(id));
    await repo.deleteDocument(trx, id);
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'document.delete',
      entity: 'dialogue_document',
      entityId: id,
      before,
      ip: actor.ip,
    });
  });
  return { deleted: true as const };
}

/** A document the caller may see (404 otherwise: its existence is not revealed). */
async function visibleDocument(db: Reader, id: number, role: Role | null) {
  const d = await repo.findDocument(db, id);
  if (!d || d.meetingId === null || !clearancesFor(role).includes(d.clearance))
    throw errors.notFound('document', String(id));
  await readableMeeting(db, d.meetingId, role);
  return d;
}

export async function getDocument(db: Reader, id: number, role: Role | null, lang: Language) {
  return documentDto(await visibleDocument(db, id, role), lang);
}

/** The stored file of a document the caller may see, with its name and media type. */
export async function documentFile(db: Reader, filesDir: string, id: number, role: Role | null) {
  const d = await visibleDocument(db, id, role);
  if (!d.fileSha256) throw errors.notFound('file', String(id));
  const file = storedPath(filesDir, d.fileSha256);
  if (!fs.existsSync(file)) throw errors.notFound('file', String(id));
  return {
    stream: fs.createReadStream(file),
    fileName: d.fileName ?? `document-${d.id}`,
    mediaType: d.mediaType ?? 'application/octet-stream',
    size: Number(d.size ?? 0),
  };
}

/** RFC 6266 content-disposition with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
