import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, typed, type ModuleContext } from '../../platform/http/context.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { errorResponses, langQuery } from '../../platform/http/schemas.ts';
import * as schemas from './dialogues.schemas.ts';
import * as service from './dialogues.service.ts';

const tags = ['dialogues'];
const conflict = { 409: errorResponses[400] };
const deleted = { 200: schemas.deletedResponse, ...errorResponses, ...conflict };

export function dialogueRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);
  const { idParams } = schemas;

  // ---- dialogue series ----
  r.get(
    '/api/v1/dialogues',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Dialogue series (regional or bilateral) the caller may see, paged',
        tags,
        querystring: schemas.listDialoguesQuery,
        response: { 200: schemas.dialogueListResponse, ...errorResponses },
      },
    },
    (req) => service.listDialogues(ctx.readDb, req.query, req.user?.role ?? null, requestLanguage(req)),
  );
  r.get(
    '/api/v1/dialogues/:id',
    {
      config: { access: 'public' },
      schema: {
        summary: 'One dialogue series',
        tags,
        params: idParams,
        querystring: langQuery,
        response: { 200: schemas.dialogueSchema, ...errorResponses },
      },
    },
    (req) => service.getDialogue(ctx.readDb, req.params.id, req.user?.role ?? null, requestLanguage(req)),
  );
  r.post(
    '/api/v1/dialogues',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Create a dialogue series (regional, or bilateral with a partner country); audited',
        tags,
        querystring: langQuery,
        body: schemas.createDialogueBody,
        response: { 201: schemas.dialogueSchema, ...errorResponses, ...conflict },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.createDialogue(ctx.db, actorOf(req), req.body, requestLanguage(req))),
  );
  r.patch(
    '/api/v1/dialogues/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Change a dialogue series; audited',
        tags,
        params: idParams,
        querystring: langQuery,
        body: schemas.patchDialogueBody,
        response: { 200: schemas.dialogueSchema, ...errorResponses },
      },
    },
    (req) => service.patchDialogue(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req)),
  );

  // ---- meetings ----
  r.get(
    '/api/v1/meetings',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Meetings the caller may see, filtered by dialogue, status and year, newest first',
        tags,
        querystring: schemas.listMeetingsQuery,
        response: { 200: schemas.meetingListResponse, ...errorResponses },
      },
    },
    (req) => service.listMeetings(ctx.readDb, req.query, req.user?.role ?? null, requestLanguage(req)),
  );
  r.get(
    '/api/v1/follow-ups',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'The follow-up tracker: follow-up actions across the meetings the caller may see, by dialogue, status and owner country, oldest due date first, with overdue flags',
        tags,
        querystring: schemas.listFollowUpsQuery,
        response: { 200: schemas.followUpListResponse, ...errorResponses },
      },
    },
    (req) => service.listFollowUps(ctx.readDb, req.query, req.user?.role ?? null, requestLanguage(req)),
  );
  r.get(
    '/api/v1/meetings/:id',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'The full record of a meeting: agenda, delegations with participants, documents the caller may see, conclusions, follow-ups raised here and follow-ups carried from earlier meetings until closed',
        tags,
        params: idParams,
        querystring: langQuery,
        response: { 200: schemas.meetingDetailSchema, ...errorResponses },
      },
    },
    (req) => service.getMeeting(ctx.readDb, req.params.id, req.user?.role ?? null, requestLanguage(req)),
  );
  r.post(
    '/api/v1/meetings',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Create a meeting of a dialogue; audited',
        tags,
        querystring: langQuery,
        body: schemas.createMeetingBody,
        response: { 201: schemas.meetingDetailSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.createMeeting(ctx.db, actorOf(req), req.body, requestLanguage(req))),
  );
  r.patch(
    '/api/v1/meetings/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Change a meeting; the status moves forward (planning → invitations → held → follow_up), backwards only with force: true; audited',
        tags,
        params: idParams,
        querystring: langQuery,
        body: schemas.patchMeetingBody,
        response: { 200: schemas.meetingDetailSchema, ...errorResponses },
      },
    },
    (req) => service.patchMeeting(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req)),
  );
  r.delete(
    '/api/v1/meetings/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Delete a meeting that has not been held (409 otherwise); audited',
        tags,
        params: idParams,
        response: deleted,
      },
    },
    (req) => service.deleteMeeting(ctx.db, actorOf(req), req.params.id),
  );

  // ---- agenda ----
  r.post(
    '/api/v1/meetings/:id/agenda',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Add an agenda item (typed; optional area, programme and strategy by code); audited',
        tags,
        params: idParams,
        querystring: langQuery,
        body: schemas.createAgendaBody,
        response: { 201: schemas.agendaItemSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await service.addAgendaItem(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req)),
        ),
  );
  r.put(
    '/api/v1/meetings/:id/agenda/order',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Reorder the agenda: every item id of the meeting exactly once, in the new order; audited',
        tags,
        params: idParams,
        querystring: langQuery,
        body: schemas.reorderAgendaBody,
        response: { 200: z.array(schemas.agendaItemSchema), ...errorResponses },
      },
    },
    (req) => service.reorderAgenda(ctx.db, actorOf(req), req.params.id, req.body.ids, requestLanguage(req)),
  );
  r.patch(
    '/api/v1/agenda-items/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Change an agenda item; audited',
        tags,
        params: idParams,
        querystring: langQuery,
        body: schemas.patchAgendaBody,
        response: { 200: schemas.agendaItemSchema, ...errorResponses },
      },
    },
    (req) => service.patchAgendaItem(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req)),
  );
  r.delete(
    '/api/v1/agenda-items/:id',
    {
      config: { access: 'editor' },
      schema: { summary: 'Delete an agenda item; audited', tags, params: idParams, response: deleted },
    },
    (req) => service.deleteAgendaItem(ctx.db, actorOf(req), req.params.id),
  );

  // ---- delegations and participants ----
  r.post(
    '/api/v1/meetings/:id/delegations',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Add a delegation (side; a country or an institution; the programme that supported it); one delegation per country (409); audited',
        tags,
        params: idParams,
        querystring: langQuery,
        body: schemas.createDelegationBody,
        response: { 201: schemas.delegationSchema, ...errorResponses, ...conflict },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await service.addDelegation(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req)),
        ),
  );
  r.patch(
    '/api/v1/delegations/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Change a delegation; audited',
        tags,
        params: idParams,
        querystring: langQuery,
        body: schemas.patchDelegationBody,
        response: { 200: schemas.delegationSchema, ...errorResponses, ...conflict },
      },
    },
    (req) => service.patchDelegation(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req)),
  );
  r.delete(
    '/api/v1/delegations/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Delete a delegation and its participants; audited',
        tags,
        params: idParams,
        response: deleted,
      },
    },
    (req) => service.deleteDelegation(ctx.db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/v1/delegations/:id/participants',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Add a participant to a delegation (one head per delegation, 409 on a second); audited',
        tags,
        params: idParams,
        querystring: langQuery,
        body: schemas.createParticipantBody,
        response: { 201: schemas.participantSchema, ...errorResponses, ...conflict },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await service.addParticipant(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req)),
        ),
  );
  r.patch(
    '/api/v1/participants/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Change a participant; audited',
        tags,
        params: idParams,
        querystring: langQuery,
        body: schemas.patchParticipantBody,
        response: { 200: schemas.participantSchema, ...errorResponses, ...conflict },
      },
    },
    (req) => service.patchParticipant(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req)),
  );
  r.delete(
    '/api/v1/participants/:id',
    {
      config: { access: 'editor' },
      schema: { summary: 'Remove a participant; audited', tags, params: idParams, response: deleted },
    },
    (req) => service.deleteParticipant(ctx.db, actorOf(req), req.params.id),
  );

  // ---- conclusions ----
  r.post(
    '/api/v1/meetings/:id/conclusions',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Add a conclusion (ordered, bilingual, optionally on an agenda item); audited',
        tags,
        params: idParams,
        querystring: langQuery,
        body: schemas.createConclusionBody,
        response: { 201: schemas.conclusionSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await service.addConclusion(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req)),
        ),
  );
  r.patch(
    '/api/v1/conclusions/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Change a conclusion; audited',
        tags,
        params: idParams,
        querystring: langQuery,
        body: schemas.patchConclusionBody,
        response: { 200: schemas.conclusionSchema, ...errorResponses },
      },
    },
    (req) => service.patchConclusion(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req)),
  );
  r.delete(
    '/api/v1/conclusions/:id',
    {
      config: { access: 'editor' },
      schema: { summary: 'Delete a conclusion; audited', tags, params: idParams, response: deleted },
    },
    (req) => service.deleteConclusion(ctx.db, actorOf(req), req.params.id),
  );

  // ---- follow-ups ----
  r.post(
    '/api/v1/meetings/:id/follow-ups',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Raise a follow-up action at a meeting (text, owner — an area code or an owner text —, due date); it stays on later meetings of the dialogue until closed; audited',
        tags,
        params: idParams,
        querystring: langQuery,
        body: schemas.createFollowUpBody,
        response: { 201: schemas.followUpSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.addFollowUp(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req))),
  );
  r.patch(
    '/api/v1/follow-ups/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Update or close a follow-up, e.g. at a later meeting (atMeeting); closing records when and at which meeting; audited',
        tags,
        params: idParams,
        querystring: langQuery,
        body: schemas.patchFollowUpBody,
        response: { 200: schemas.followUpSchema, ...errorResponses },
      },
    },
    (req) => service.patchFollowUp(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req)),
  );
  r.delete(
    '/api/v1/follow-ups/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Delete a follow-up recorded by mistake; audited',
        tags,
        params: idParams,
        response: deleted,
      },
    },
    (req) => service.deleteFollowUp(ctx.db, actorOf(req), req.params.id),
  );
}
