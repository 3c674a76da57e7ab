import { z } from 'zod';
import { langQuery, pageQuery, textPairSchema } from '../../platform/http/schemas.ts';

/** Request and response shapes of dialogues, meetings and everything recorded at a meeting. */

export const MEETING_STATUSES = ['planning', 'invitations', 'held', 'follow_up'] as const;
export const AGENDA_KINDS = [
  'eu_update',
  'country_updates',
  'strategy_implementation',
  'cooperation_programmes',
  'emerging_issues',
  'other',
] as const;
export const SIDES = ['eu', 'central_asia', 'other'] as const;
export const CLEARANCES = ['draft', 'cleared', 'public'] as const;
export const DOCUMENT_KINDS = [
  'presentation',
  'report',
  'briefing_pack',
  'press_release',
  'summary_record',
  'other',
] as const;
export const FOLLOW_UP_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
const visibility = z.enum(['participants', 'public']);

const text = (max: number) => z.string().trim().min(1).max(max).nullable();
const isoDate = z.iso.date().describe('YYYY-MM-DD');
const code = z.string().trim().min(1).max(40);

type Pair<K extends string, T> = { [P in `${K}En` | `${K}Ru`]: T };
/** The input pair `<k>En` / `<k>Ru` (either may be null or left out). */
function pairIn<K extends string>(key: K, max = 2000): Pair<K, z.ZodOptional<z.ZodNullable<z.ZodString>>> {
  return {
    [`${key}En`]: text(max).optional().describe('English'),
    [`${key}Ru`]: text(max).optional().describe('Russian'),
  } as Pair<K, z.ZodOptional<z.ZodNullable<z.ZodString>>>;
}
const pairOut = textPairSchema;

const ref = z.object({ code: z.string(), name: z.string() });

export const idParams = z.object({ id: z.coerce.number().int().positive() });

// ---- dialogues ----

export const dialogueSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  kind: z.enum(['regional', 'bilateral']),
  partnerArea: ref.nullable(),
  ...pairOut('title'),
  ...pairOut('description'),
  visibility,
  meetingCount: z.number().int(),
  createdAt: z.string(),
});
export type DialogueDto = z.infer<typeof dialogueSchema>;
export const dialogueListResponse = z.object({
  items: z.array(dialogueSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export const listDialoguesQuery = pageQuery.merge(langQuery).extend({
  kind: z.enum(['regional', 'bilateral']).optional(),
});
export const createDialogueBody = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
    kind: z.enum(['regional', 'bilateral']),
    partnerArea: code.nullish().describe('Partner country (area code) of a bilateral dialogue'),
    ...pairIn('title', 300),
    ...pairIn('description', 4000),
    visibility: visibility.default('public'),
  })
  .strict();
export type CreateDialogueBody = z.infer<typeof createDialogueBody>;
export const patchDialogueBody = createDialogueBody
  .omit({ code: true })
  .partial()
  .extend({ visibility: visibility.optional() })
  .strict();
export type PatchDialogueBody = z.infer<typeof patchDialogueBody>;

// ---- meetings ----

export const listMeetingsQuery = pageQuery.merge(langQuery).extend({
  dialogue: code.optional().describe('Dialogue code, e.g. EU-CA'),
  status: z.enum(MEETING_STATUSES).optional(),
  year: z.coerce.number().int().min(1900).max(2200).optional().describe('Year of the start date'),
});
export type ListMeetingsQuery = z.infer<typeof listMeetingsQuery>;

export const meetingSchema = z.object({
  id: z.number().int(),
  dialogue: z.object({ id: z.number().int(), code: z.string(), title: z.string() }),
  ...pairOut('title'),
  startDate: z.string(),
  endDate: z.string(),
  ...pairOut('place'),
  format: z.enum(['in_person', 'online', 'hybrid']),
  ...pairOut('chair'),
  status: z.enum(MEETING_STATUSES),
  statusText: z.string(),
  visibility,
  sourceReference: z.string().nullable(),
  updatedAt: z.string(),
});
export type MeetingDto = z.infer<typeof meetingSchema>;
export const meetingListResponse = z.object({
  items: z.array(meetingSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

const meetingFields = {
  ...pairIn('title', 300),
  startDate: isoDate,
  endDate: isoDate,
  ...pairIn('place', 200),
  format: z.enum(['in_person', 'online', 'hybrid']).optional(),
  ...pairIn('chair', 300),
  visibility: visibility.optional(),
  sourceReference: text(500).optional(),
};
export const createMeetingBody = z
  .object({
    dialogue: code.describe('Dialogue code'),
    ...meetingFields,
    status: z.enum(MEETING_STATUSES).optional(),
  })
  .strict();
export type CreateMeetingBody = z.infer<typeof createMeetingBody>;
export const patchMeetingBody = z
  .object({
    ...meetingFields,
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    status: z.enum(MEETING_STATUSES).optional(),
    force: z
      .boolean()
      .optional()
      .describe('Allow moving the status backwards (e.g. held → planning after a mistake); audited'),
  })
  .strict();
export type PatchMeetingBody = z.infer<typeof patchMeetingBody>;

// ---- agenda ----

const agendaFields = {
  kind: z.enum(AGENDA_KINDS),
  ...pairIn('title', 500),
  ...pairIn('description', 8000),
  area: code.nullish().describe('Area code the item is about'),
  programme: code.nullish().describe('Programme code, e.g. CADAP7'),
  strategy: code.nullish().describe('Strategy code, e.g. EU-DS-2021-2025'),
};
export const createAgendaBody = z
  .object({ ...agendaFields, position: z.number().int().min(0).max(10_000).optional() })
  .strict();
export type CreateAgendaBody = z.infer<typeof createAgendaBody>;
export const patchAgendaBody = z.object({ ...agendaFields, kind: z.enum(AGENDA_KINDS).optional() }).strict();
export type PatchAgendaBody = z.infer<typeof patchAgendaBody>;
export const reorderAgendaBody = z
  .object({ ids: z.array(z.number().int().positive()).max(500).describe('Agenda item ids in the new order') })
  .strict();

export const agendaItemSchema = z.object({
  id: z.number().int(),
  position: z.number().int(),
  kind: z.enum(AGENDA_KINDS),
  kindText: z.string(),
  ...pairOut('title'),
  ...pairOut('description'),
  area: ref.nullable(),
  programme: ref.nullable(),
  strategy: ref.nullable(),
});
export type AgendaItemDto = z.infer<typeof agendaItemSchema>;

// ---- delegations and participants ----

export const createDelegationBody = z
  .object({
    side: z.enum(SIDES),
    area: code.nullish().describe('Country (area code) the delegation represents'),
    ...pairIn('institution', 300),
    supportedBy: code.nullish().describe('Programme code that supported the participation'),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type CreateDelegationBody = z.infer<typeof createDelegationBody>;
export const patchDelegationBody = createDelegationBody.extend({ side: z.enum(SIDES).optional() }).strict();
export type PatchDelegationBody = z.infer<typeof patchDelegationBody>;

export const createParticipantBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    isHead: z.boolean().optional(),
    ...pairIn('function', 300),
    ...pairIn('organisation', 300),
    supportedBy: code.nullish().describe('Programme code'),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type CreateParticipantBody = z.infer<typeof createParticipantBody>;
export const patchParticipantBody = createParticipantBody
  .extend({ name: z.string().trim().min(1).max(200).optional() })
  .strict();
export type PatchParticipantBody = z.infer<typeof patchParticipantBody>;

export const participantSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  isHead: z.boolean(),
  ...pairOut('function'),
  ...pairOut('organisation'),
  supportedBy: ref.nullable(),
  position: z.number().int(),
});
export const delegationSchema = z.object({
  id: z.number().int(),
  side: z.enum(SIDES),
  area: ref.nullable(),
  ...pairOut('institution'),
  name: z.string().describe('Country or institution in the request language'),
  supportedBy: ref.nullable(),
  position: z.number().int(),
  participants: z.array(participantSchema),
});
export type DelegationDto = z.infer<typeof delegationSchema>;

// ---- documents ----

export const documentSchema = z.object({
  id: z.number().int(),
  meetingId: z.number().int().nullable(),
  agendaItemId: z.number().int().nullable(),
  kind: z.enum(DOCUMENT_KINDS),
  title: z.string(),
  language: z.enum(['en', 'ru']),
  translationOfId: z.number().int().nullable(),
  clearance: z.enum(CLEARANCES),
  clearanceText: z.string(),
  hasFile: z.boolean(),
  fileName: z.string().nullable(),
  size: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type DocumentDto = z.infer<typeof documentSchema>;
const documentFields = {
  title: z.string().trim().min(1).max(500),
  kind: z.enum(DOCUMENT_KINDS).optional(),
  language: z.enum(['en', 'ru']),
  translationOf: z.coerce.number().int().positive().nullish().describe('Id of the document this translates'),
  agendaItem: z.coerce.number().int().positive().nullish().describe('Agenda item id'),
};
export const createDocumentBody = z.object(documentFields).strict();
export type CreateDocumentBody = z.infer<typeof createDocumentBody>;
export const patchDocumentBody = z
  .object({
    ...documentFields,
    title: documentFields.title.optional(),
    language: documentFields.language.optional(),
    clearance: z.enum(CLEARANCES).optional(),
  })
  .strict();
export type PatchDocumentBody = z.infer<typeof patchDocumentBody>;

// ---- conclusions and follow-ups ----

export const createConclusionBody = z
  .object({
    ...pairIn('text', 8000),
    agendaItem: z.number().int().positive().nullish(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type CreateConclusionBody = z.infer<typeof createConclusionBody>;
export const patchConclusionBody = createConclusionBody;
export const conclusionSchema = z.object({
  id: z.number().int(),
  agendaItemId: z.number().int().nullable(),
  position: z.number().int(),
  ...pairOut('text'),
});

const followUpFields = {
  ...pairIn('text', 4000),
  ownerArea: code.nullish().describe('Owner as an area code (a country)'),
  ...pairIn('owner', 300),
  dueDate: isoDate.nullish(),
  conclusion: z.number().int().positive().nullish().describe('Conclusion id of the same meeting'),
};
export const createFollowUpBody = z
  .object({ ...followUpFields, status: z.enum(['open', 'in_progress']).optional() })
  .strict();
export type CreateFollowUpBody = z.infer<typeof createFollowUpBody>;
export const patchFollowUpBody = z
  .object({
    ...followUpFields,
    status: z.enum(FOLLOW_UP_STATUSES).optional(),
    atMeeting: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        'The meeting at which the status changed (closing: done or dropped); a meeting of the same dialogue, not earlier than the one that raised it. Defaults to the raising meeting',
      ),
  })
  .strict();
export type PatchFollowUpBody = z.infer<typeof patchFollowUpBody>;
export const followUpSchema = z.object({
  id: z.number().int(),
  meetingId: z.number().int(),
  meetingStartDate: z.string(),
  conclusionId: z.number().int().nullable(),
  ...pairOut('text'),
  ownerArea: ref.nullable(),
  ...pairOut('owner'),
  dueDate: z.string().nullable(),
  status: z.enum(FOLLOW_UP_STATUSES),
  statusText: z.string(),
  closedAtMeetingId: z.number().int().nullable(),
  closedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type FollowUpDto = z.infer<typeof followUpSchema>;

export const listFollowUpsQuery = pageQuery.merge(langQuery).extend({
  dialogue: code.optional().describe('Dialogue code, e.g. EU-CA'),
  status: z
    .union([z.enum(FOLLOW_UP_STATUSES), z.array(z.enum(FOLLOW_UP_STATUSES))])
    .optional()
    .transform((v) => (v === undefined ? undefined : [v].flat()))
    .describe('One or more statuses (repeat the parameter); default: all'),
  owner: code.optional().describe('Owner country (area code)'),
});
export type ListFollowUpsQuery = z.infer<typeof listFollowUpsQuery>;

export const followUpListResponse = z.object({
  items: z.array(
    followUpSchema.extend({
      dialogueCode: z.string(),
      ...pairOut('meetingTitle'),
      overdue: z.boolean().describe('Open or in progress with a due date before today'),
    }),
  ),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const meetingDetailSchema = meetingSchema.extend({
  agenda: z.array(agendaItemSchema),
  delegations: z.array(delegationSchema),
  documents: z.array(documentSchema).describe('Only the documents the caller may see'),
  conclusions: z.array(conclusionSchema),
  followUps: z.array(followUpSchema).describe('Follow-ups raised at this meeting'),
  carriedFollowUps: z
    .array(followUpSchema)
    .describe(
      'Follow-ups of earlier meetings of the same dialogue still open or in progress (or closed at this meeting): they stay on the agenda until closed',
    ),
});
export type MeetingDetailDto = z.infer<typeof meetingDetailSchema>;

export const meetingQuery = langQuery;
export const deletedResponse = z.object({ deleted: z.literal(true) });
