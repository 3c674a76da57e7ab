/**
 * Response shapes of the dialogue, strategy, programme and briefing-pack routes as the web app
 * uses them (the server's `*.schemas.ts` are the contract; see /api/docs). Bilingual content comes
 * as `xxxEn` / `xxxRu` pairs — either may be null (a translation not yet made).
 */

export type Visibility = 'participants' | 'public';
export const MEETING_STATUSES = ['planning', 'invitations', 'held', 'follow_up'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
export const AGENDA_KINDS = [
  'eu_update',
  'country_updates',
  'strategy_implementation',
  'cooperation_programmes',
  'emerging_issues',
  'other',
] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];
export const SIDES = ['eu', 'central_asia', 'other'] as const;
export type Side = (typeof SIDES)[number];
export const CLEARANCES = ['draft', 'cleared', 'public'] as const;
export type Clearance = (typeof CLEARANCES)[number];
export const DOCUMENT_KINDS = [
  'presentation',
  'report',
  'briefing_pack',
  'press_release',
  'summary_record',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const FOLLOW_UP_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
export const NODE_KINDS = ['policy_area', 'cross_cutting_theme', 'priority', 'action'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
export const PROGRESS_STATUSES = [
  'not_started',
  'on_track',
  'delayed',
  'at_risk',
  'completed',
  'discontinued',
] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];
/** Briefing-pack audiences: the EU side or one of the five Central Asian countries. */
export const AUDIENCES = ['EU', 'KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface AreaRef {
  code: string;
  name: string;
}

/** A reference by code with its name in the request language. */
export type Ref = AreaRef;

export interface DialogueSummary {
  id: number;
  code: string;
  kind: 'regional' | 'bilateral';
  partnerArea: Ref | null;
  titleEn: string | null;
  titleRu: string | null;
  visibility: Visibility;
  meetingCount: number;
}

export interface MeetingSummary {
  id: number;
  dialogue: { id: number; code: string; title: string };
  titleEn: string | null;
  titleRu: string | null;
  startDate: string;
  endDate: string;
  placeEn: string | null;
  placeRu: string | null;
  format: MeetingFormat;
  chairEn: string | null;
  chairRu: string | null;
  status: MeetingStatus;
  statusText: string;
  visibility: Visibility;
  sourceReference: string | null;
  updatedAt: string;
}

export interface AgendaItem {
  id: number;
  position: number;
  kind: AgendaKind;
  kindText: string;
  titleEn: string | null;
  titleRu: string | null;
  descriptionEn: string | null;
  descriptionRu: string | null;
  area: Ref | null;
  programme: Ref | null;
  strategy: Ref | null;
}

export interface Participant {
  id: number;
  name: string;
  isHead: boolean;
  functionEn: string | null;
  functionRu: string | null;
  organisationEn: string | null;
  organisationRu: string | null;
  supportedBy: Ref | null;
  position: number;
}

export interface Delegation {
  id: number;
  side: Side;
  area: Ref | null;
  institutionEn: string | null;
  institutionRu: string | null;
  name: string;
  supportedBy: Ref | null;
  position: number;
  participants: Participant[];
}

export interface DialogueDocument {
  id: number;
  meetingId: number | null;
  agendaItemId: number | null;
  kind: DocumentKind;
  title: string;
  language: 'en' | 'ru';
  translationOfId: number | null;
  clearance: Clearance;
  clearanceText: string;
  hasFile: boolean;
  fileName: string | null;
  size: number | null;
  updatedAt: string;
}

export interface Conclusion {
  id: number;
  agendaItemId: number | null;
  position: number;
  textEn: string | null;
  textRu: string | null;
}

export interface FollowUp {
  id: number;
  meetingId: number;
  meetingStartDate: string;
  conclusionId: number | null;
  textEn: string | null;
  textRu: string | null;
  ownerArea: Ref | null;
  ownerEn: string | null;
  ownerRu: string | null;
  dueDate: string | null;
  status: FollowUpStatus;
  statusText: string;
  closedAtMeetingId: number | null;
  closedAt: string | null;
  updatedAt: string;
}

export interface MeetingDetail extends MeetingSummary {
  agenda: AgendaItem[];
  delegations: Delegation[];
  documents: DialogueDocument[];
  conclusions: Conclusion[];
  followUps: FollowUp[];
  carriedFollowUps: FollowUp[];
}

export interface PressReleaseContent {
  title: string;
  dateline: string;
  lead: string;
  /** One paragraph per agenda block. */
  paragraphs: { heading?: string; text: string }[];
  participants: string;
  boilerplate: string[];
  contact: string;
  /** Texts missing in this language and taken from the other one. */
  fallbacks?: { field: string; usedLanguage: 'en' | 'ru' }[];
}

export interface PressRelease {
  meetingId: number;
  status: 'draft' | 'published';
  publishedAt: string | null;
  updatedAt: string;
  contentEn: PressReleaseContent | null;
  contentRu: PressReleaseContent | null;
  fallbacks: { language: 'en' | 'ru'; field: string; usedLanguage: 'en' | 'ru' }[];
}

export interface BriefingPack {
  id: number;
  meetingId: number;
  audience: string;
  language: 'en' | 'ru';
  snapshotId: number | null;
  jobId: number | null;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** Download paths, once generated. */
  files: { docx: string | null; pdf: string | null };
  fileNames: { docx: string; pdf: string };
  fallbacks: { field: string; missing: 'en' | 'ru'; used: 'en' | 'ru'; message: string }[];
  warnings: { code: string; message: string }[];
  error: unknown;
  createdAt: string;
  finishedAt: string | null;
}

export interface ProgrammeSummary {
  id: number;
  code: string;
  nameEn: string | null;
  nameRu: string | null;
  descriptionEn: string | null;
  descriptionRu: string | null;
  funderEn: string | null;
  funderRu: string | null;
  implementerEn: string | null;
  implementerRu: string | null;
  startDate: string | null;
  endDate: string | null;
  url: string | null;
  sourceReference: string | null;
  visibility: Visibility;
  countries: Ref[];
}

export interface ProgrammeDetail extends ProgrammeSummary {
  components: {
    id: number;
    position: number;
    titleEn: string | null;
    titleRu: string | null;
    descriptionEn: string | null;
    descriptionRu: string | null;
  }[];
  activities: {
    id: number;
    componentId: number | null;
    country: Ref | null;
    titleEn: string | null;
    titleRu: string | null;
    descriptionEn: string | null;
    descriptionRu: string | null;
    startDate: string | null;
    endDate: string | null;
    status: 'planned' | 'ongoing' | 'completed' | 'cancelled';
  }[];
  meetings: {
    id: number;
    date: string;
    titleEn: string | null;
    titleRu: string | null;
    via: ('agenda' | 'delegation' | 'participant')[];
  }[];
}

export interface StrategySummary {
  id: number;
  code: string;
  scope: 'eu' | 'national' | 'regional';
  area: Ref | null;
  titleEn: string | null;
  titleRu: string | null;
  descriptionEn: string | null;
  descriptionRu: string | null;
  periodStart: number;
  periodEnd: number;
  adoptedByEn: string | null;
  adoptedByRu: string | null;
  sourceReference: string | null;
  visibility: Visibility;
}

export interface Rollup {
  percent: number | null;
  status: ProgressStatus | null;
  statusText: string | null;
  coverage: { reported: number; total: number };
  notReported: string[];
}

export interface ProgressUpdate {
  id: number;
  reportedOn: string;
  status: ProgressStatus;
  statusText: string;
  percent: number | null;
  narrativeEn: string | null;
  narrativeRu: string | null;
  createdAt: string;
}

export interface IndicatorLink {
  id: number;
  indicator: Ref;
  area: Ref | null;
  substance: Ref | null;
  baselineValue: number | null;
  baselineYear: number | null;
  targetValue: number | null;
  targetYear: number | null;
  noteEn: string | null;
  noteRu: string | null;
  latest: { value: number; year: number; unit: string; sourceCode: string; observationId: number } | null;
}

export interface Alignment {
  id: number;
  relation: 'supports' | 'contributes_to' | 'equivalent';
  noteEn: string | null;
  noteRu: string | null;
  other: {
    strategyCode: string;
    nodeId: number;
    nodeCode: string;
    titleEn: string | null;
    titleRu: string | null;
  };
}

export interface StrategyNode {
  id: number;
  kind: NodeKind;
  code: string;
  position: number;
  titleEn: string | null;
  titleRu: string | null;
  descriptionEn: string | null;
  descriptionRu: string | null;
  responsibleEn: string | null;
  responsibleRu: string | null;
  startDate: string | null;
  endDate: string | null;
  latest: ProgressUpdate | null;
  rollup: Rollup;
  indicators: IndicatorLink[];
  alignments: Alignment[];
  children: StrategyNode[];
}

export interface StrategyDetail extends StrategySummary {
  rollup: Rollup;
  nodes: StrategyNode[];
}
