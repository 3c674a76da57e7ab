import type { Kysely } from 'kysely';
import { execSql } from '../sql.ts';

/**
 * Imports: stored original files (content-addressed), mapping specs, import batches with their
 * issues and staged rows, background jobs, and the link from a superseded revision to the batch
 * that superseded it (what a rollback restores).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execSql(
    db,
    `
    create table stored_file (
      sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
      size bigint not null,
      original_name text not null,
      media_type text,
      stored_by integer references app_user(id) on delete set null,
      stored_at timestamptz not null default now()
    );

    create table mapping_spec (
      id serial primary key,
      name text not null,
      version integer not null check (version > 0),
      title_en text not null,
      title_ru text not null,
      spec jsonb not null,
      builtin boolean not null default false,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      unique (name, version)
    );

    create table job (
      id bigserial primary key,
      kind text not null,
      status text not null check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
      phase text,
      done bigint not null default 0,
      total bigint,
      params jsonb not null default '{}',
      result jsonb,
      error jsonb,
      cancel_requested boolean not null default false,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    );
    create index job_status_idx on job (status);

    create table import_batch (
      id bigserial primary key,
      job_id bigint references job(id) on delete set null,
      file_sha256 text not null references stored_file(sha256),
      file_name text not null,
      spec_name text not null,
      spec_version integer not null,
      spec jsonb not null,
      options jsonb not null default '{}',
      dry_run boolean not null default false,
      status text not null check (status in
        ('running', 'checked', 'rejected', 'committed', 'unchanged', 'failed', 'cancelled', 'rolled_back')),
      counts jsonb not null default '{}',
      issue_count integer not null default 0,
      error_count integer not null default 0,
      warning_count integer not null default 0,
      source_ids integer[] not null default '{}',
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      rolled_back_by integer references app_user(id) on delete set null,
      rolled_back_at timestamptz
    );
    create index import_batch_file_idx on import_batch (file_sha256);

    create table import_issue (
      batch_id bigint not null references import_batch(id) on delete cascade,
      seq integer not null,
      row_no integer,
      col text,
      code text not null,
      severity text not null check (severity in ('error', 'warning', 'info')),
      params jsonb not null default '{}',
      primary key (batch_id, seq)
    );

    -- Rows of a batch between parsing and commit. Never read by queries of the cube.
    create table import_row (
      batch_id bigint not null,
      row_no integer not null,
      indicator_id integer not null,
      area_id integer not null,
      substance_id integer,
      period text not null,
      year integer not null,
      dims jsonb not null,
      dim_key text not null,
      source_id integer not null,
      value double precision,
      lower double precision,
      upper double precision,
      unit text not null,
      status text not null,
      confidentiality text not null,
      footnotes jsonb not null,
      kept boolean not null default true,
      outcome text
    );
    create index import_row_batch_idx on import_row (batch_id, row_no);

    -- What each committed batch changed, so a rollback undoes exactly that.
    create table import_change (
      batch_id bigint not null references import_batch(id) on delete cascade,
      observation_id bigint not null,
      action text not null check (action in ('insert', 'update')),
      primary key (batch_id, observation_id)
    );

    alter table observation add constraint observation_import_batch_fk
      foreign key (import_batch_id) references import_batch(id) on delete set null;
    create index observation_import_batch_idx on observation (import_batch_id);
    alter table observation_revision add column superseded_batch_id bigint;
    create index observation_revision_batch_idx on observation_revision (superseded_batch_id);
    create index observation_revision_written_batch_idx on observation_revision (import_batch_id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execSql(
    db,
    `
    drop index observation_revision_written_batch_idx;
    drop index observation_revision_batch_idx;
    alter table observation_revision drop column superseded_batch_id;
    drop index observation_import_batch_idx;
    alter table observation drop constraint observation_import_batch_fk;
    drop table import_change;
    drop table import_row;
    drop table import_issue;
    drop table import_batch;
    drop table job;
    drop table mapping_spec;
    drop table stored_file;
  `,
  );
}
