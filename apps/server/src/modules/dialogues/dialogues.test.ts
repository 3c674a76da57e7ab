import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestApp } from '../../../test/app.ts';

/**
 * Dialogues end to end over HTTP: series, meetings (dates, status rules, deletion), agenda,
 * delegations and heads, documents with clearance and downloads, conclusions, follow-ups carried
 * from meeting to meeting until closed, visibility per role, audit, bad input.
 */

let t: TestApp;
let editor: Session;
let viewer: Session;
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-dialogues-files-'));

beforeAll(async () => {
  t = await createTestApp({ OBSERVATORY_FILES_DIR: filesDir, OBSERVATORY_MAX_UPLOAD_MB: '1' });
  editor = await signIn(t, 'editor');
  viewer = await signIn(t, 'viewer');
});
afterAll(async () => t?.close());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(method: string, url: string, who: Session | null, payload?: unknown) {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: who?.headers ?? {},
    ...(payload === undefined ? {} : { payload: payload as Json }),
  });
  return { status: res.statusCode, body: res.body ? (safeJson(res.body) as Json) : {}, raw: res };
}
function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
async function ok(method: string, url: string, payload?: unknown, who: Session = editor) {
  const r = await call(method, url, who, payload);
  if (r.status >= 300) throw new Error(`${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
async function count(table: string): Promise<number> {
  const r = await t.database.db
    .selectFrom(table as 'meeting')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer; type: string }) {
  const boundary = `----obs${Math.random().toString(36).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

let dialogueCode = 0;
async function newDialogue(visibility: 'public' | 'participants' = 'public') {
  const code = `T-${++dialogueCode}`;
  return ok('POST', '/api/v1/dialogues', {
    code,
    kind: 'regional',
    titleEn: `Test dialogue ${code}`,
    visibility,
  });
}
async function newMeeting(dialogue: string, startDate: string, extra: Json = {}) {
  return ok('POST', '/api/v1/meetings', {
    dialogue,
    startDate,
    endDate: startDate,
    placeEn: 'Brussels',
    placeRu: 'Брюссель',
    visibility: 'public',
    ...extra,
  });
}

describe('dialogue series', () => {
  it('creates regional and bilateral dialogues; a bilateral one needs a partner, codes are unique', async () => {
    const d = await ok('POST', '/api/v1/dialogues', {
      code: 'EU-KAZ-T',
      kind: 'bilateral',
      partnerArea: 'KAZ',
      titleEn: 'EU – Kazakhstan',
      titleRu: null,
    });
    expect(d.partnerArea.code).toBe('KAZ');
    const ru = await ok('GET', `/api/v1/dialogues/${d.id}?lang=ru`);
    expect(ru).toMatchObject({ title: 'EU – Kazakhstan', titleFallback: true, titleRu: null });

    const before = await count('dialogue');
    const noPartner = await call('POST', '/api/v1/dialogues', editor, {
      code: 'X1',
      kind: 'bilateral',
      titleEn: 'x',
    });
    expect(noPartner.status).toBe(400);
    expect(noPartner.body.error.details[0].param).toBe('partnerArea');
    const noTitle = await call('POST', '/api/v1/dialogues?lang=ru', editor, { code: 'X2', kind: 'regional' });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.details[0]).toMatchObject({ param: 'titleEn', code: 'bilingual_required' });
    expect(noTitle.body.error.message).toMatch(/английском/);
    const unknown = await call('POST', '/api/v1/dialogues', editor, {
      code: 'X3',
      kind: 'bilateral',
      partnerArea: 'ZZZ',
      titleEn: 'x',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('unknown_codes');
    const dup = await call('POST', '/api/v1/dialogues', editor, {
      code: 'EU-KAZ-T',
      kind: 'regional',
      titleEn: 'x',
    });
    expect(dup.status).toBe(409);
    expect(await count('dialogue')).toBe(before);

    const patched = await ok('PATCH', `/api/v1/dialogues/${d.id}`, { titleRu: 'ЕС – Казахстан' });
    expect(patched.titleRu).toBe('ЕС – Казахстан');
  });

  it('needs an editor to write; the public sees only public dialogues', async () => {
    expect(
      (await call('POST', '/api/v1/dialogues', null, { code: 'N', kind: 'regional', titleEn: 'x' })).status,
    ).toBe(401);
    expect(
      (await call('POST', '/api/v1/dialogues', viewer, { code: 'N', kind: 'regional', titleEn: 'x' })).status,
    ).toBe(403);
    const hidden = await newDialogue('participants');
    expect((await call('GET', `/api/v1/dialogues/${hidden.id}`, null)).status).toBe(404);
    expect((await call('GET', `/api/v1/dialogues/${hidden.id}`, viewer)).status).toBe(200);
    const list = await call('GET', '/api/v1/dialogues', null);
    expect(list.body.items.map((x: Json) => x.code)).not.toContain(hidden.code);
  });
});

describe('meetings', () => {
  it('refuses dates in the wrong order with a located bilingual message, writing nothing', async () => {
    const d = await newDialogue();
    const before = await count('meeting');
    for (const lang of ['en', 'ru']) {
      const r = await call('POST', `/api/v1/meetings?lang=${lang}`, editor, {
        dialogue: d.code,
        startDate: '2024-05-10',
        endDate: '2024-05-09',
      });
      expect(r.status).toBe(400);
      expect(r.body.error.details[0]).toMatchObject({ param: 'endDate', code: 'date_order' });
      expect(r.body.error.message).toMatch(
        lang === 'en' ? /endDate.*2024-05-09 is before the start date 2024-05-10/ : /endDate.*даты начала/,
      );
    }
    const m = await newMeeting(d.code, '2024-05-10');
    const patch = await call('PATCH', `/api/v1/meetings/${m.id}`, editor, { endDate: '2024-05-01' });
    expect(patch.status).toBe(400);
    expect(patch.body.error.details[0].param).toBe('endDate');
    expect(await count('meeting')).toBe(before + 1);
    expect(
      (
        await call('POST', '/api/v1/meetings', editor, {
          dialogue: 'NOPE',
          startDate: '2024-01-01',
          endDate: '2024-01-01',
        })
      ).body.error.code,
    ).toBe('unknown_codes');
    expect(
      (
        await call('POST', '/api/v1/meetings', editor, {
          dialogue: d.code,
          startDate: '2024-02-30',
          endDate: '2024-03-01',
        })
      ).status,
    ).toBe(400);
  });

  it('moves status forward; backwards only with force; held not before the start date; a held meeting cannot be deleted', async () => {
    const d = await newDialogue();
    const future = await newMeeting(d.code, '2999-01-01');
    const early = await call('PATCH', `/api/v1/meetings/${future.id}`, editor, { status: 'held' });
    expect(early.status).toBe(400);
    expect(early.body.error.details[0]).toMatchObject({ param: 'status', code: 'meeting_not_yet_held' });
    expect((await ok('PATCH', `/api/v1/meetings/${future.id}`, { status: 'invitations' })).status).toBe(
      'invitations',
    );

    const past = await newMeeting(d.code, '2020-03-01');
    expect((await ok('PATCH', `/api/v1/meetings/${past.id}`, { status: 'held' })).status).toBe('held');
    const back = await call('PATCH', `/api/v1/meetings/${past.id}`, editor, { status: 'planning' });
    expect(back.status).toBe(400);
    expect(back.body.error.details[0].code).toBe('meeting_status_backward');
    const del = await call('DELETE', `/api/v1/meetings/${past.id}`, editor);
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('meeting_held_cannot_delete');
    expect(
      (await ok('PATCH', `/api/v1/meetings/${past.id}`, { status: 'planning', force: true })).status,
    ).toBe('planning');
    const audit = await t.database.db
      .selectFrom('auditEvent')
      .select('action')
      .where('entity', '=', 'meeting')
      .where('entityId', '=', String(past.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['meeting.create', 'meeting.update', 'meeting.status_forced_back']),
    );
    expect(await ok('DELETE', `/api/v1/meetings/${past.id}`)).toEqual({ deleted: true });
    expect((await call('GET', `/api/v1/meetings/${past.id}`, editor)).status).toBe(404);
  });

  it('lists meetings by dialogue, status and year; participants-only meetings are 404 for the public', async () => {
    const d = await newDialogue();
    const a = await newMeeting(d.code, '2021-06-01');
    const b = await newMeeting(d.code, '2022-06-01', { visibility: 'participants' });
    const all = await ok('GET', `/api/v1/meetings?dialogue=${d.code}`, undefined, viewer);
    expect(all.items.map((m: Json) => m.id)).toEqual([b.id, a.id]);
    expect(all.total).toBe(2);
    const pub = await call('GET', `/api/v1/meetings?dialogue=${d.code}`, null);
    expect(pub.body.items.map((m: Json) => m.id)).toEqual([a.id]);
    const y = await ok('GET', `/api/v1/meetings?dialogue=${d.code}&year=2022`, undefined, viewer);
    expect(y.items.map((m: Json) => m.id)).toEqual([b.id]);
    expect(
      (await ok('GET', `/api/v1/meetings?dialogue=${d.code}&status=held`, undefined, viewer)).total,
    ).toBe(0);
    expect((await call('GET', `/api/v1/meetings/${b.id}`, null)).status).toBe(404);
    expect((await call('GET', `/api/v1/meetings/${b.id}`, viewer)).status).toBe(200);
    expect((await call('GET', '/api/v1/meetings?status=bogus', null)).status).toBe(400);
  });
});

describe('agenda and delegations', () => {
  it('adds, patches, reorders and deletes agenda items; unknown codes are refused', async () => {
    const d = await newDialogue();
    const m = await newMeeting(d.code, '2023-01-10');
    const a1 = await ok('POST', `/api/v1/meetings/${m.id}/agenda`, {
      kind: 'eu_update',
      titleEn: 'EU update',
    });
    const a2 = await ok('POST', `/api/v1/meetings/${m.id}/agenda`, {
      kind: 'emerging_issues',
      titleRu: 'Новые проблемы',
      area: 'AFG',
    });
    expect(a2).toMatchObject({ position: 1, area: { code: 'AFG' } });
    for (const [field, value] of [
      ['programme', 'NOPE'],
      ['strategy', 'NOPE'],
      ['area', 'ZZZ'],
    ] as const) {
      const r = await call('POST', `/api/v1/meetings/${m.id}/agenda`, editor, {
        kind: 'other',
        titleEn: 'x',
        [field]: value,
      });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'unknown_codes', details: [{ param: field }] });
    }
    expect(
      (await call('POST', `/api/v1/meetings/${m.id}/agenda`, editor, { kind: 'bogus', titleEn: 'x' })).status,
    ).toBe(400);
    expect((await call('POST', `/api/v1/meetings/${m.id}/agenda`, editor, { kind: 'other' })).status).toBe(
      400,
    );
    const order = await ok('PUT', `/api/v1/meetings/${m.id}/agenda/order`, { ids: [a2.id, a1.id] });
    expect(order.map((x: Json) => x.id)).toEqual([a2.id, a1.id]);
    const bad = await call('PUT', `/api/v1/meetings/${m.id}/agenda/order`, editor, { ids: [a2.id] });
    expect(bad.body.error.details[0]).toMatchObject({ param: 'ids', code: 'agenda_order_mismatch' });
    expect((await ok('PATCH', `/api/v1/agenda-items/${a1.id}`, { titleRu: 'Информация ЕС' })).titleRu).toBe(
      'Информация ЕС',
    );
    await ok('DELETE', `/api/v1/agenda-items/${a1.id}`);
    const detail = await ok('GET', `/api/v1/meetings/${m.id}?lang=en`);
    expect(detail.agenda).toHaveLength(1);
    expect(detail.agenda[0]).toMatchObject({
      title: 'Новые проблемы',
      titleFallback: true,
      kindText: 'Emerging issues',
    });
  });

  it('refuses a second delegation of a country and a second head, with clear messages', async () => {
    const d = await newDialogue();
    const m = await newMeeting(d.code, '2023-02-10');
    const kgz = await ok('POST', `/api/v1/meetings/${m.id}/delegations`, {
      side: 'central_asia',
      area: 'KGZ',
    });
    expect(kgz).toMatchObject({ area: { code: 'KGZ', name: 'Kyrgyzstan' }, name: 'Kyrgyzstan' });
    const before = await count('delegation');
    const dup = await call('POST', `/api/v1/meetings/${m.id}/delegations?lang=ru`, editor, {
      side: 'central_asia',
      area: 'KGZ',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'delegation_area_exists' });
    expect(dup.body.error.message).toContain('KGZ');
    expect(await count('delegation')).toBe(before);
    const none = await call('POST', `/api/v1/meetings/${m.id}/delegations`, editor, { side: 'eu' });
    expect(none.body.error.details[0]).toMatchObject({ param: 'area', code: 'delegation_needs_party' });
    expect(
      (
        await call('POST', `/api/v1/meetings/${m.id}/delegations`, editor, {
          side: 'eu',
          institutionEn: 'x',
          supportedBy: 'NOPE',
        })
      ).body.error.code,
    ).toBe('unknown_codes');

    const head = await ok('POST', `/api/v1/delegations/${kgz.id}/participants`, {
      name: 'Head Person',
      isHead: true,
      functionEn: 'Head of delegation',
    });
    expect(head.isHead).toBe(true);
    const second = await call('POST', `/api/v1/delegations/${kgz.id}/participants`, editor, {
      name: 'Other',
      isHead: true,
    });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain('Head Person');
    const member = await ok('POST', `/api/v1/delegations/${kgz.id}/participants`, { name: 'Member' });
    expect((await call('PATCH', `/api/v1/participants/${member.id}`, editor, { isHead: true })).status).toBe(
      409,
    );
    await ok('PATCH', `/api/v1/participants/${head.id}`, { isHead: false });
    expect((await ok('PATCH', `/api/v1/participants/${member.id}`, { isHead: true })).isHead).toBe(true);
    const detail = await ok('GET', `/api/v1/meetings/${m.id}`);
    expect(detail.delegations[0].participants.map((p: Json) => p.name)).toEqual(['Member', 'Head Person']);
  });
});

describe('documents', () => {
  it('uploads, checks translation_of, clears, and enforces clearance on reads and downloads', async () => {
    const d = await newDialogue();
    const m = await newMeeting(d.code, '2023-03-10');
    const up = multipart(
      { title: 'Report', language: 'en', kind: 'report' },
      { name: 'отчёт report.txt', content: Buffer.from('hello dialogue'), type: 'text/plain' },
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${m.id}/documents/upload`,
      headers: { ...editor.headers, 'content-type': up.contentType },
      payload: up.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json<Json>();
    expect(doc).toMatchObject({ clearance: 'draft', hasFile: true, size: 14, fileName: 'отчёт report.txt' });

    const ruDoc = await ok('POST', `/api/v1/meetings/${m.id}/documents`, {
      title: 'Отчёт',
      language: 'ru',
      translationOf: doc.id,
    });
    expect(ruDoc.translationOfId).toBe(doc.id);
    const before = await count('dialogue_document');
    const same = await call('POST', `/api/v1/meetings/${m.id}/documents`, editor, {
      title: 'x',
      language: 'en',
      translationOf: doc.id,
    });
    expect(same.body.error.details[0]).toMatchObject({
      param: 'translationOf',
      code: 'translation_of_invalid',
    });
    const other = await newMeeting(d.code, '2023-04-10');
    const elsewhere = await call('POST', `/api/v1/meetings/${other.id}/documents`, editor, {
      title: 'x',
      language: 'ru',
      translationOf: doc.id,
    });
    expect(elsewhere.status).toBe(400);
    expect(await count('dialogue_document')).toBe(before);

    const download = (who: Session | null) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/documents/${doc.id}/download`,
        headers: who?.headers ?? {},
      });
    expect((await download(null)).statusCode).toBe(404);
    expect((await download(viewer)).statusCode).toBe(404);
    const asEditor = await download(editor);
    expect(asEditor.statusCode).toBe(200);
    expect(asEditor.body).toBe('hello dialogue');
    expect(asEditor.headers['content-disposition']).toContain(
      "filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82%20report.txt",
    );
    expect((await ok('GET', `/api/v1/meetings/${m.id}`, undefined, viewer)).documents).toHaveLength(0);

    await ok('PATCH', `/api/v1/documents/${doc.id}`, { clearance: 'cleared' });
    expect((await download(viewer)).statusCode).toBe(200);
    expect((await download(null)).statusCode).toBe(404);
    expect(
      (await ok('GET', `/api/v1/meetings/${m.id}`, undefined, viewer)).documents.map((x: Json) => x.id),
    ).toEqual([doc.id]);
    await ok('PATCH', `/api/v1/documents/${doc.id}`, { clearance: 'public' });
    expect((await download(null)).statusCode).toBe(200);
    // A public document of a participants-only meeting stays hidden from the public.
    await ok('PATCH', `/api/v1/meetings/${m.id}`, { visibility: 'participants' });
    expect((await download(null)).statusCode).toBe(404);
    const audit = await t.database.db
      .selectFrom('auditEvent')
      .select('action')
      .where('entity', '=', 'dialogue_document')
      .where('entityId', '=', String(doc.id))
      .execute();
    expect(audit.filter((a) => a.action === 'document.clearance')).toHaveLength(2);
    // A record without a file has nothing to download.
    expect((await call('GET', `/api/v1/documents/${ruDoc.id}/download`, editor)).status).toBe(404);
  });

  it('refuses an upload with bad fields, naming the field, and keeps nothing', async () => {
    const d = await newDialogue();
    const m = await newMeeting(d.code, '2023-05-01');
    const before = await count('dialogue_document');
    const files = await count('stored_file');
    for (const [fields, param, code] of [
      [{ title: 'No language' }, 'language', 'zod.required'],
      [{ title: 'Bad', language: 'de' }, 'language', 'zod.invalid_value'],
    ] as const) {
      const up = multipart(fields, { name: 'a.txt', content: Buffer.from('bad fields'), type: 'text/plain' });
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${m.id}/documents/upload?lang=ru`,
        headers: { ...editor.headers, 'content-type': up.contentType },
        payload: up.payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<Json>().error.details[0]).toMatchObject({ param, code });
    }
    const noFile = multipart({ title: 'x', language: 'en' });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${m.id}/documents/upload`,
      headers: { ...editor.headers, 'content-type': noFile.contentType },
      payload: noFile.payload,
    });
    expect(res.json<Json>().error.details[0]).toMatchObject({ param: 'file', code: 'zod.required' });
    expect(await count('dialogue_document')).toBe(before);
    expect(await count('stored_file')).toBe(files);
    expect(fs.readdirSync(path.join(filesDir, 'tmp'))).toEqual([]);
  });

  it('refuses an oversized upload and keeps nothing', async () => {
    const d = await newDialogue();
    const m = await newMeeting(d.code, '2023-05-10');
    const before = await count('dialogue_document');
    const files = await count('stored_file');
    const up = multipart(
      { title: 'Big', language: 'en' },
      { name: 'big.bin', content: Buffer.alloc(1_048_576 + 10, 1), type: 'application/octet-stream' },
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${m.id}/documents/upload`,
      headers: { ...editor.headers, 'content-type': up.contentType },
      payload: up.payload,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json<Json>().error.code).toBe('file_too_large');
    expect(await count('dialogue_document')).toBe(before);
    expect(await count('stored_file')).toBe(files);
  });
});

describe('conclusions and follow-ups', () => {
  it('refuses a follow-up without an owner', async () => {
    const d = await newDialogue();
    const m = await newMeeting(d.code, '2023-06-10');
    const before = await count('follow_up');
    for (const lang of ['en', 'ru']) {
      const r = await call('POST', `/api/v1/meetings/${m.id}/follow-ups?lang=${lang}`, editor, {
        textEn: 'Do it',
      });
      expect(r.status).toBe(400);
      expect(r.body.error.details[0]).toMatchObject({ param: 'owner', code: 'follow_up_owner_required' });
      expect(r.body.error.message).toMatch(lang === 'en' ? /a follow-up needs an owner/ : /ответственный/);
    }
    expect(await count('follow_up')).toBe(before);
    const f = await ok('POST', `/api/v1/meetings/${m.id}/follow-ups`, { textEn: 'Do it', ownerArea: 'TJK' });
    const clear = await call('PATCH', `/api/v1/follow-ups/${f.id}`, editor, { ownerArea: null });
    expect(clear.body.error.details[0].code).toBe('follow_up_owner_required');
  });

  it('carries open follow-ups to later meetings of the same dialogue until closed', async () => {
    const d = await newDialogue();
    const a = await newMeeting(d.code, '2022-01-10');
    const b = await newMeeting(d.code, '2023-01-10');
    const c = await newMeeting(d.code, '2024-01-10');
    const concl = await ok('POST', `/api/v1/meetings/${a.id}/conclusions`, {
      textEn: 'Share data',
      textRu: 'Обмен данными',
    });
    const f1 = await ok('POST', `/api/v1/meetings/${a.id}/follow-ups`, {
      textEn: 'Send the national report',
      ownerArea: 'KAZ',
      dueDate: '2022-06-30',
      conclusion: concl.id,
    });
    const f2 = await ok('POST', `/api/v1/meetings/${a.id}/follow-ups`, {
      textRu: 'Подготовить обзор',
      ownerEn: 'EU Delegation',
    });
    // Another dialogue's follow-up never appears.
    const other = await newDialogue();
    const o = await newMeeting(other.code, '2021-01-10');
    await ok('POST', `/api/v1/meetings/${o.id}/follow-ups`, { textEn: 'Elsewhere', ownerEn: 'Someone' });

    const atB = await ok('GET', `/api/v1/meetings/${b.id}?lang=en`);
    expect(atB.carriedFollowUps.map((f: Json) => f.id)).toEqual([f1.id, f2.id]);
    expect(atB.carriedFollowUps[1]).toMatchObject({ text: 'Подготовить обзор', textFallback: true });
    expect((await ok('GET', `/api/v1/meetings/${a.id}`)).followUps).toHaveLength(2);
    expect((await ok('GET', `/api/v1/meetings/${a.id}`)).carriedFollowUps).toHaveLength(0);

    // Closing at an earlier meeting or at another dialogue's meeting is refused.
    const wrong = await call('PATCH', `/api/v1/follow-ups/${f1.id}`, editor, {
      status: 'done',
      atMeeting: o.id,
    });
    expect(wrong.body.error.details[0]).toMatchObject({
      param: 'atMeeting',
      code: 'closed_at_meeting_invalid',
    });
    const closed = await ok('PATCH', `/api/v1/follow-ups/${f1.id}`, { status: 'done', atMeeting: b.id });
    expect(closed).toMatchObject({ status: 'done', closedAtMeetingId: b.id });
    expect(closed.closedAt).toBeTruthy();

    const atB2 = await ok('GET', `/api/v1/meetings/${b.id}`);
    expect(atB2.carriedFollowUps.map((f: Json) => [f.id, f.status])).toEqual([
      [f1.id, 'done'],
      [f2.id, 'open'],
    ]);
    const atC = await ok('GET', `/api/v1/meetings/${c.id}`);
    expect(atC.carriedFollowUps.map((f: Json) => f.id)).toEqual([f2.id]);

    await ok('PATCH', `/api/v1/follow-ups/${f2.id}`, { status: 'in_progress' });
    expect((await ok('GET', `/api/v1/meetings/${c.id}`)).carriedFollowUps.map((f: Json) => f.status)).toEqual(
      ['in_progress'],
    );
    // The tracker across meetings: by dialogue, status and owner; oldest due date first.
    const all = await ok('GET', `/api/v1/follow-ups?dialogue=${d.code}&lang=en`);
    expect(all.items.map((f: Json) => [f.id, f.status, f.overdue, f.meetingId])).toEqual([
      [f1.id, 'done', false, a.id],
      [f2.id, 'in_progress', false, a.id],
    ]);
    expect(all.total).toBe(2);
    const pending = await ok('GET', `/api/v1/follow-ups?dialogue=${d.code}&status=open&status=in_progress`);
    expect(pending.items.map((f: Json) => f.id)).toEqual([f2.id]);
    expect(
      (await ok('GET', `/api/v1/follow-ups?dialogue=${d.code}&owner=KAZ`)).items.map((f: Json) => f.id),
    ).toEqual([f1.id]);
    await ok('PATCH', `/api/v1/follow-ups/${f2.id}`, { dueDate: '2020-01-01' });
    const late = await ok('GET', `/api/v1/follow-ups?dialogue=${d.code}&status=in_progress`);
    expect(late.items[0]).toMatchObject({ id: f2.id, overdue: true });
    // The public sees the follow-ups of public meetings only.
    const anonymous = await call('GET', `/api/v1/follow-ups?dialogue=${d.code}`, null);
    expect(anonymous.body.total).toBe(2);
    const hidden = await newDialogue('participants');
    const h = await newMeeting(hidden.code, '2024-02-01', { visibility: 'participants' });
    await ok('POST', `/api/v1/meetings/${h.id}/follow-ups`, { textEn: 'Internal', ownerEn: 'EEAS' });
    expect((await call('GET', `/api/v1/follow-ups?dialogue=${hidden.code}`, null)).body).toMatchObject({
      items: [],
      total: 0,
    });
    expect((await ok('GET', `/api/v1/follow-ups?dialogue=${hidden.code}`, undefined, viewer)).total).toBe(1);
    const bad = await call('GET', `/api/v1/follow-ups?status=finished`, editor);
    expect(bad.status).toBe(400);

    // Reopening clears the closing record.
    const reopened = await ok('PATCH', `/api/v1/follow-ups/${f1.id}`, { status: 'open' });
    expect(reopened).toMatchObject({ closedAtMeetingId: null, closedAt: null });
    const audit = await t.database.db
      .selectFrom('auditEvent')
      .select('action')
      .where('entity', '=', 'follow_up')
      .where('entityId', '=', String(f1.id))
      .execute();
    expect(audit.map((x) => x.action)).toEqual(
      expect.arrayContaining(['follow_up.create', 'follow_up.close', 'follow_up.update']),
    );
  });
});
