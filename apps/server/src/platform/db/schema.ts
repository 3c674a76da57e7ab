import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Visibility } from '@observatory/shared';

/** Kysely table types. SQL names are snake_case; CamelCasePlugin maps them to these names. */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T, string | T>;

export interface AreaTable {
  id: Generated<number>;
  code: string;
  kind: 'country' | 'territory' | 'group' | 'region' | 'subnational';
  alpha2: string | null;
  m49: number | null;
  atlasId: string | null;
  parentId: number | null;
  nameEn: string;
  nameRu: string;
  names: ColumnType<Record<string, string>, string | undefined, string>;
  officialNameEn: string | null;
  officialNameRu: string | null;
  region: string | null;
  subRegion: string | null;
  synonyms: ColumnType<string[], string[] | undefined, string[]>;
  searchKey: string;
  isSystem: ColumnType<boolean, boolean | undefined, boolean>;
  createdBy: number | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface AreaMemberTable {
  groupId: number;
  memberId: number;
}

export interface SubstanceTable {
  id: Generated<number>;
  code: string;
  parentId: number | null;
  level: 'group' | 'drug' | 'form';
  nameEn: string;
  nameRu: string;
  synonymsEn: ColumnType<string[], string[] | undefined, string[]>;
  synonymsRu: ColumnType<string[], string[] | undefined, string[]>;
  sortOrder: ColumnType<number, number | undefined, number>;
}

export interface SubstanceMappingTable {
  id: Generated<number>;
  scheme: string;
  externalGroup: string | null;
  externalSubgroup: string | null;
  externalName: string;
  normalisedName: string;
  substanceId: number;
  relation: 'exact' | 'broader' | 'narrower';
}

export interface CodelistTable {
  code: string;
  nameEn: string;
  nameRu: string;
  descriptionEn: string | null;
  descriptionRu: string | null;
}

export interface CodeTable {
  codelist: string;
  code: string;
  nameEn: string;
  nameRu: string;
  sortOrder: ColumnType<number, number | undefined, number>;
  attributes: Json<Record<string, unknown>>;
}

/** One disaggregation an indicator allows, e.g. `{ dimension: 'sex', codelist: 'SEX', required: false }`. */
export interface IndicatorDimension {
  dimension: string;
  codelist: string;
  required: boolean;
}

export interface IndicatorTable {
  id: Generated<number>;
  code: string;
  domain: string;
  nameEn: string;
  nameRu: string;
  descriptionEn: string | null;
  descriptionRu: string | null;
  unit: string;
  measureType: string;
  periodType: string;
  dimensions: Json<IndicatorDimension[]>;
  requiresSubstance: boolean;
  hasBounds: boolean;
  allowsNegative: boolean;
  isAdditive: boolean;
  protocol: string | null;
  comparabilityEn: string | null;
  comparabilityRu: string | null;
  sortOrder: ColumnType<number, number | undefined, number>;
}

export interface SourceTable {
  id: Generated<number>;
  code: string;
  publisher: string;
  titleEn: string;
  titleRu: string | null;
  tableName: string | null;
  edition: string | null;
  year: number | null;
  url: string | null;
  licence: string | null;
  fileName: string | null;
  fileChecksum: string | null;
  priority: ColumnType<number, number | undefined, number>;
  notesEn: string | null;
  notesRu: string | null;
  createdBy: number | null;
  createdAt: CreatedAt;
}

export interface Footnote {
  en: string;
  ru: string | null;
}

export interface ObservationTable {
  id: Generated<number>;
  indicatorId: number;
  areaId: number;
  period: string;
  year: number;
  substanceId: number | null;
  dims: Json<Record<string, string>>;
  dimKey: string;
  sourceId: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
  unit: string;
  status: string;
  confidentiality: 'public' | 'dialogue' | 'restricted';
  footnotes: Json<Footnote[]>;
  revision: ColumnType<number, number | undefined, number>;
  changeReason: string | null;
  updatedBy: number | null;
  updatedAt: UpdatedAt;
  importBatchId: number | null;
}

export interface ObservationRevisionTable {
  id: Generated<number>;
  observationId: number;
  revision: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
  unit: string;
  status: string;
  confidentiality: string;
  footnotes: Json<Footnote[]>;
  changeReason: string | null;
  recordedBy: number | null;
  recordedAt: Date;
  supersededBy: number | null;
  supersededAt: CreatedAt;
  supersededReason: string | null;
  importBatchId: number | null;
  supersededBatchId: number | null;
}

export interface StoredFileTable {
  sha256: string;
  size: number;
  originalName: string;
  mediaType: string | null;
  storedBy: number | null;
  storedAt: CreatedAt;
}

export interface MappingSpecTable {
  id: Generated<number>;
  name: string;
  version: number;
  titleEn: string;
  titleRu: string;
  spec: Json<unknown>;
  builtin: ColumnType<boolean, boolean | undefined, boolean>;
  createdBy: number | null;
  createdAt: CreatedAt;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobTable {
  id: Generated<number>;
  kind: string;
  status: JobStatus;
  phase: string | null;
  done: ColumnType<number, number | undefined, number>;
  total: number | null;
  params: Json<Record<string, unknown>>;
  result: Json<unknown> | null;
  error: Json<unknown> | null;
  cancelRequested: ColumnType<boolean, boolean | undefined, boolean>;
  createdBy: number | null;
  createdAt: CreatedAt;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export type ImportBatchStatus =
  'running' | 'checked' | 'rejected' | 'committed' | 'unchanged' | 'failed' | 'cancelled' | 'rolled_back';

export interface ImportBatchTable {
  id: Generated<number>;
  jobId: number | null;
  fileSha256: string;
  fileName: string;
  specName: string;
  specVersion: number;
  spec: Json<unknown>;
  options: Json<Record<string, unknown>>;
  dryRun: boolean;
  status: ImportBatchStatus;
  counts: Json<Record<string, number>>;
  issueCount: ColumnType<number, number | undefined, number>;
  errorCount: ColumnType<number, number | undefined, number>;
  warningCount: ColumnType<number, number | undefined, number>;
  sourceIds: ColumnType<number[], number[] | undefined, number[]>;
  createdBy: number | null;
  createdAt: CreatedAt;
  finishedAt: Date | null;
  rolledBackBy: number | null;
  rolledBackAt: Date | null;
}

export interface ImportIssueTable {
  batchId: number;
  seq: number;
  rowNo: number | null;
  col: string | null;
  code: string;
  severity: 'error' | 'warning' | 'info';
  params: Json<Record<string, unknown>>;
}

export interface ImportChangeTable {
  batchId: number;
  observationId: number;
  action: 'insert' | 'update';
}

export interface ImportRowTable {
  batchId: number;
  rowNo: number;
  indicatorId: number;
  areaId: number;
  substanceId: number | null;
  period: string;
  year: number;
  dims: Json<Record<string, string>>;
  dimKey: string;
  sourceId: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
  unit: string;
  status: string;
  confidentiality: string;
  footnotes: Json<Footnote[]>;
  kept: ColumnType<boolean, boolean | undefined, boolean>;
  outcome: string | null;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  email: string | null;
  passwordHash: string;
  role: 'viewer' | 'editor' | 'admin';
  locale: ColumnType<'en' | 'ru', 'en' | 'ru' | undefined, 'en' | 'ru'>;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  mustChangePassword: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: CreatedAt;
  lastLoginAt: Date | null;
}

export interface SessionTable {
  id: string;
  userId: number;
  csrfToken: string;
  createdAt: CreatedAt;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: CreatedAt;
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  ip: string | null;
}

/** A monitoring site (wastewater treatment plant); `code` is the `site` dimension of observations. */
export interface MonitoringSiteTable {
  id: Generated<number>;
  code: string;
  name: string;
  areaId: number;
  latitude: number;
  longitude: number;
  population: number | null;
  sourceId: number;
  createdAt: CreatedAt;
}

export type SignalKind =
  'record_high' | 'record_low' | 'unusual_change' | 'first_appearance' | 'series_break';

/** A detected signal (see migration 20261128T2110_signals and modules/signals). */
export interface SignalTable {
  id: Generated<number>;
  fingerprint: string;
  /** Hash of what the stored row says (numbers, ids, names, templates): unchanged rows are not rewritten. */
  digest: string;
  kind: SignalKind;
  indicatorId: number;
  areaId: number;
  substanceId: number | null;
  dimKey: string;
  dims: Json<Record<string, string>>;
  year: number;
  severity: 'info' | 'notice' | 'alert';
  params: Json<Record<string, unknown>>;
  observationIds: number[];
  textEn: string;
  textRu: string;
  confidentiality: 'public' | 'dialogue' | 'restricted';
  status: ColumnType<'new' | 'confirmed' | 'muted', 'new' | 'confirmed' | 'muted' | undefined>;
  statusChangedBy: number | null;
  statusChangedAt: Date | null;
  staleAt: Date | null;
  detectedAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface SignalNoteTable {
  id: Generated<number>;
  signalId: number;
  authorId: number | null;
  text: string;
  createdAt: CreatedAt;
}

/** A seizure event: one seizure as an agency recorded it (see migration 20261128T2100_seizure_events). */
export interface SeizureEventTable {
  id: Generated<number>;
  /** A `date` column: drivers give a Date; repositories select it as `YYYY-MM-DD` text. */
  eventDate: ColumnType<Date | string, string, string>;
  datePrecision: 'day' | 'month' | 'year';
  year: number;
  month: number | null;
  areaId: number;
  latitude: number | null;
  longitude: number | null;
  substanceId: number;
  amount: number;
  unit: string;
  kgEquivalent: number | null;
  originAreaId: number | null;
  transitAreaIds: ColumnType<number[], number[] | undefined, number[]>;
  destinationAreaId: number | null;
  conveyance: string | null;
  agency: string | null;
  sourceId: number;
  confidentiality: 'public' | 'dialogue' | 'restricted';
  externalRef: string | null;
  notes: string | null;
  revision: ColumnType<number, number | undefined, number>;
  changeReason: string | null;
  updatedBy: number | null;
  updatedAt: UpdatedAt;
  importBatchId: number | null;
}

/** An earlier version of a seizure event (edits, imports, deletion). */
export interface SeizureEventRevisionTable {
  id: Generated<number>;
  eventId: number;
  revision: number;
  eventDate: ColumnType<Date | string, string, string>;
  datePrecision: string;
  year: number;
  month: number | null;
  areaId: number;
  latitude: number | null;
  longitude: number | null;
  substanceId: number;
  amount: number;
  unit: string;
  kgEquivalent: number | null;
  originAreaId: number | null;
  transitAreaIds: number[];
  destinationAreaId: number | null;
  conveyance: string | null;
  agency: string | null;
  sourceId: number;
  confidentiality: string;
  externalRef: string | null;
  notes: string | null;
  changeReason: string | null;
  recordedBy: number | null;
  recordedAt: Date;
  supersededBy: number | null;
  supersededAt: CreatedAt;
  supersededReason: string | null;
  importBatchId: number | null;
  supersededBatchId: number | null;
  deleted: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface SeizureEventChangeTable {
  batchId: number;
  eventId: number;
  action: 'insert' | 'update';
}

/** Kilograms per unit of a substance (tablets, doses, litres); mass units convert by definition. */
export interface ConversionFactorTable {
  id: Generated<number>;
  substanceId: number;
  unit: string;
  kgPerUnit: number;
  sourceNote: string;
  updatedBy: number | null;
  updatedAt: UpdatedAt;
}

// ---- Dialogue (migration 20261129T0100_dialogue): programmes, strategies, meetings, packs ----

/** A `date` column: drivers give a Date; repositories select it as `YYYY-MM-DD` text (`to_char`). */
type DateColumn = ColumnType<Date | string, string, string>;
type NullableDate = ColumnType<Date | string | null, string | null | undefined, string | null>;
export type { Visibility };
type VisibilityColumn = ColumnType<Visibility, Visibility | undefined, Visibility>;
type Position = ColumnType<number, number | undefined, number>;
/** A bilingual text pair; either side may be missing, not both (checked in SQL). */
type Text2<K extends string> = { [P in `${K}En` | `${K}Ru`]: string | null };

export type ProgrammeTable = Text2<'name'> &
  Text2<'description'> &
  Text2<'funder'> &
  Text2<'implementer'> & {
    id: Generated<number>;
    code: string;
    startDate: NullableDate;
    endDate: NullableDate;
    url: string | null;
    sourceReference: string | null;
    visibility: VisibilityColumn;
    createdBy: number | null;
    createdAt: CreatedAt;
    updatedAt: UpdatedAt;
  };
export interface ProgrammeCountryTable {
  programmeId: number;
  areaId: number;
}
export type ProgrammeComponentTable = Text2<'title'> &
  Text2<'description'> & { id: Generated<number>; programmeId: number; position: Position };
export type ActivityStatus = 'planned' | 'ongoing' | 'completed' | 'cancelled';
export type ProgrammeActivityTable = Text2<'title'> &
  Text2<'description'> & {
    id: Generated<number>;
    programmeId: number;
    componentId: number | null;
    areaId: number | null;
    startDate: NullableDate;
    endDate: NullableDate;
    status: ColumnType<ActivityStatus, ActivityStatus | undefined, ActivityStatus>;
  };

export type StrategyScope = 'eu' | 'national' | 'regional';
export type StrategyTable = Text2<'title'> &
  Text2<'description'> &
  Text2<'adoptedBy'> & {
    id: Generated<number>;
    code: string;
    scope: StrategyScope;
    areaId: number | null;
    periodStart: number;
    periodEnd: number;
    sourceReference: string | null;
    visibility: VisibilityColumn;
    createdBy: number | null;
    createdAt: CreatedAt;
    updatedAt: UpdatedAt;
  };
export type StrategyNodeKind = 'policy_area' | 'cross_cutting_theme' | 'priority' | 'action';
export type StrategyNodeTable = Text2<'title'> &
  Text2<'description'> &
  Text2<'responsible'> & {
    id: Generated<number>;
    strategyId: number;
    parentId: number | null;
    kind: StrategyNodeKind;
    code: string;
    position: Position;
    startDate: NullableDate;
    endDate: NullableDate;
    createdAt: CreatedAt;
    updatedAt: UpdatedAt;
  };
export type StrategyNodeIndicatorTable = Text2<'note'> & {
  id: Generated<number>;
  nodeId: number;
  indicatorId: number;
  areaId: number | null;
  substanceId: number | null;
  baselineValue: number | null;
  baselineYear: number | null;
  targetValue: number | null;
  targetYear: number | null;
};
export type ProgressStatus =
  'not_started' | 'on_track' | 'delayed' | 'at_risk' | 'completed' | 'discontinued';
export type ProgressUpdateTable = Text2<'narrative'> & {
  id: Generated<number>;
  nodeId: number;
  reportedOn: DateColumn;
  status: ProgressStatus;
  percent: number | null;
  evidenceDocumentIds: ColumnType<number[], number[] | undefined, number[]>;
  evidenceObservationIds: ColumnType<number[], number[] | undefined, number[]>;
  createdBy: number | null;
  createdAt: CreatedAt;
};
export type AlignmentRelation = 'supports' | 'contributes_to' | 'equivalent';
export type StrategyAlignmentTable = Text2<'note'> & {
  id: Generated<number>;
  euNodeId: number;
  nationalNodeId: number;
  relation: ColumnType<AlignmentRelation, AlignmentRelation | undefined, AlignmentRelation>;
  createdBy: number | null;
  createdAt: CreatedAt;
};

export type DialogueTable = Text2<'title'> &
  Text2<'description'> & {
    id: Generated<number>;
    code: string;
    kind: 'regional' | 'bilateral';
    partnerAreaId: number | null;
    visibility: VisibilityColumn;
    createdBy: number | null;
    createdAt: CreatedAt;
  };
export type MeetingStatus = 'planning' | 'invitations' | 'held' | 'follow_up';
export type MeetingFormat = 'in_person' | 'online' | 'hybrid';
export type MeetingTable = Text2<'title'> &
  Text2<'place'> &
  Text2<'chair'> & {
    id: Generated<number>;
    dialogueId: number;
    startDate: DateColumn;
    endDate: DateColumn;
    format: ColumnType<MeetingFormat, MeetingFormat | undefined, MeetingFormat>;
    status: ColumnType<MeetingStatus, MeetingStatus | undefined, MeetingStatus>;
    visibility: VisibilityColumn;
    sourceReference: string | null;
    createdBy: number | null;
    createdAt: CreatedAt;
    updatedAt: UpdatedAt;
  };
export type AgendaKind =
  | 'eu_update'
  | 'country_updates'
  | 'strategy_implementation'
  | 'cooperation_programmes'
  | 'emerging_issues'
  | 'other';
export type AgendaItemTable = Text2<'title'> &
  Text2<'description'> & {
    id: Generated<number>;
    meetingId: number;
    position: Position;
    kind: AgendaKind;
    areaId: number | null;
    programmeId: number | null;
    strategyId: number | null;
  };
export type DelegationSide = 'eu' | 'central_asia' | 'other';
export type DelegationTable = Text2<'institution'> & {
  id: Generated<number>;
  meetingId: number;
  side: DelegationSide;
  areaId: number | null;
  supportedByProgrammeId: number | null;
  position: Position;
};
export type ParticipantTable = Text2<'function'> &
  Text2<'organisation'> & {
    id: Generated<number>;
    delegationId: number;
    name: string;
    isHead: ColumnType<boolean, boolean | undefined, boolean>;
    supportedByProgrammeId: number | null;
    position: Position;
  };
export type Clearance = 'draft' | 'cleared' | 'public';
export type DocumentKind =
  'presentation' | 'report' | 'briefing_pack' | 'press_release' | 'summary_record' | 'other';
export interface DialogueDocumentTable {
  id: Generated<number>;
  meetingId: number | null;
  agendaItemId: number | null;
  kind: ColumnType<DocumentKind, DocumentKind | undefined, DocumentKind>;
  title: string;
  language: 'en' | 'ru';
  translationOfId: number | null;
  clearance: ColumnType<Clearance, Clearance | undefined, Clearance>;
  fileSha256: string | null;
  fileName: string | null;
  createdBy: number | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}
export type ConclusionTable = Text2<'text'> & {
  id: Generated<number>;
  meetingId: number;
  agendaItemId: number | null;
  position: Position;
};
export type FollowUpStatus = 'open' | 'in_progress' | 'done' | 'dropped';
export type FollowUpTable = Text2<'text'> &
  Text2<'owner'> & {
    id: Generated<number>;
    meetingId: number;
    conclusionId: number | null;
    ownerAreaId: number | null;
    dueDate: NullableDate;
    status: ColumnType<FollowUpStatus, FollowUpStatus | undefined, FollowUpStatus>;
    closedAtMeetingId: number | null;
    closedAt: Date | null;
    createdBy: number | null;
    createdAt: CreatedAt;
    updatedAt: UpdatedAt;
  };
export interface DataSnapshotTable {
  id: Generated<number>;
  kind: string;
  params: Json<unknown>;
  content: Json<unknown>;
  digest: string;
  createdBy: number | null;
  createdAt: CreatedAt;
}
export interface BriefingPackTable {
  id: Generated<number>;
  meetingId: number;
  /** `EU` or the ISO3 code of one Central Asian country. */
  audience: string;
  language: 'en' | 'ru';
  snapshotId: number | null;
  jobId: number | null;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  docxSha256: string | null;
  pdfSha256: string | null;
  fallbacks: Json<unknown>;
  warnings: Json<unknown>;
  error: Json<unknown> | null;
  createdBy: number | null;
  createdAt: CreatedAt;
  finishedAt: Date | null;
}
export interface PressReleaseTable {
  id: Generated<number>;
  meetingId: number;
  contentEn: Json<unknown> | null;
  contentRu: Json<unknown> | null;
  status: ColumnType<'draft' | 'published', 'draft' | 'published' | undefined, 'draft' | 'published'>;
  publishedAt: Date | null;
  updatedBy: number | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface Database {
  area: AreaTable;
  areaMember: AreaMemberTable;
  substance: SubstanceTable;
  substanceMapping: SubstanceMappingTable;
  codelist: CodelistTable;
  code: CodeTable;
  indicator: IndicatorTable;
  source: SourceTable;
  observation: ObservationTable;
  observationRevision: ObservationRevisionTable;
  appUser: UserTable;
  session: SessionTable;
  auditEvent: AuditEventTable;
  storedFile: StoredFileTable;
  mappingSpec: MappingSpecTable;
  job: JobTable;
  importBatch: ImportBatchTable;
  importIssue: ImportIssueTable;
  importRow: ImportRowTable;
  importChange: ImportChangeTable;
  monitoringSite: MonitoringSiteTable;
  seizureEvent: SeizureEventTable;
  seizureEventRevision: SeizureEventRevisionTable;
  seizureEventChange: SeizureEventChangeTable;
  conversionFactor: ConversionFactorTable;
  signal: SignalTable;
  signalNote: SignalNoteTable;
  programme: ProgrammeTable;
  programmeCountry: ProgrammeCountryTable;
  programmeComponent: ProgrammeComponentTable;
  programmeActivity: ProgrammeActivityTable;
  strategy: StrategyTable;
  strategyNode: StrategyNodeTable;
  strategyNodeIndicator: StrategyNodeIndicatorTable;
  progressUpdate: ProgressUpdateTable;
  strategyAlignment: StrategyAlignmentTable;
  dialogue: DialogueTable;
  meeting: MeetingTable;
  agendaItem: AgendaItemTable;
  delegation: DelegationTable;
  participant: ParticipantTable;
  dialogueDocument: DialogueDocumentTable;
  conclusion: ConclusionTable;
  followUp: FollowUpTable;
  dataSnapshot: DataSnapshotTable;
  briefingPack: BriefingPackTable;
  pressRelease: PressReleaseTable;
}

export type Area = Selectable<AreaTable>;
export type NewArea = Insertable<AreaTable>;
export type AreaUpdate = Updateable<AreaTable>;
export type Substance = Selectable<SubstanceTable>;
export type Indicator = Selectable<IndicatorTable>;
export type Source = Selectable<SourceTable>;
export type NewSource = Insertable<SourceTable>;
export type Observation = Selectable<ObservationTable>;
export type NewObservation = Insertable<ObservationTable>;
export type ObservationUpdate = Updateable<ObservationTable>;
export type User = Selectable<UserTable>;
export type MonitoringSite = Selectable<MonitoringSiteTable>;
