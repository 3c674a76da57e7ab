import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

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
