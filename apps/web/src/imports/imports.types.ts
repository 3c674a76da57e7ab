/** Response shapes of the import API (see /api/docs, tag "imports"). */

export interface ImportSpecItem {
  name: string;
  version: number;
  title: string;
  builtin: boolean;
}

export interface ImportBatch {
  id: number;
  jobId: number | null;
  file: { name: string; sha256: string };
  spec: { name: string; version: number };
  dryRun: boolean;
  status: string;
  statusText: string;
  counts: Record<string, number>;
  errorCount: number;
  warningCount: number;
  createdBy: number | null;
  /** Display name of the user; null when the user was deleted. */
  createdByName: string | null;
  createdAt: string;
  finishedAt: string | null;
  rolledBackAt: string | null;
}

export interface ImportIssue {
  row: number | null;
  column: string | null;
  code: string;
  severity: 'error' | 'warning' | 'info';
  params: Record<string, unknown>;
  message: { en: string; ru: string };
}

export interface Job {
  id: number;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  phase: string | null;
  done: number;
  total: number | null;
  result: unknown;
  error: unknown;
}

/** What an import job keeps as its result. */
export interface ImportJobResult {
  batchId: number | null;
  status: string;
  counts: Record<string, number> | null;
  previousBatchId: number | null;
}

/** The counts an import reports, in display order. */
export const COUNT_KEYS = [
  'rows',
  'inserted',
  'updated',
  'unchanged',
  'merged',
  'skipped',
  'rejected',
  'missing',
] as const;
