import type { Kysely } from 'kysely';
import { execSql } from '../sql.ts';

/**
 * Signals: notable changes found in the cube by automatic detection (record highs and lows,
 * unusual year-on-year changes, first appearances, breaks in series), with their numbers, the
 * observations behind them, bilingual texts, the analyst's status and notes.
 *
 * `fingerprint` (kind, series key, year) makes re-detection idempotent: a signal found again is
 * updated in place (only when its `digest` — numbers, observations, names, templates — changed)
 * and keeps its status and notes. A signal no longer found is deleted when no
 * analyst touched it (status `new`, no notes), otherwise kept with `stale_at` set.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execSql(
    db,
    `
    create table signal (
      id bigserial primary key,
      fingerprint text not null unique,
      digest text not null,
      kind text not null check (kind in ('record_high', 'record_low', 'unusual_change', 'first_appearance', 'series_break')),
      indicator_id integer not null references indicator(id) on delete cascade,
      area_id integer not null references area(id) on delete cascade,
      substance_id integer references substance(id) on delete cascade,
      dim_key text not null default '',
      dims jsonb not null default '{}',
      year integer not null check (year between 1900 and 2200),
      severity text not null check (severity in ('info', 'notice', 'alert')),
      params jsonb not null,
      observation_ids bigint[] not null check (cardinality(observation_ids) > 0),
      text_en text not null,
      text_ru text not null,
      confidentiality text not null check (confidentiality in ('public', 'dialogue', 'restricted')),
      status text not null default 'new' check (status in ('new', 'confirmed', 'muted')),
      status_changed_by integer references app_user(id) on delete set null,
      status_changed_at timestamptz,
      stale_at timestamptz,
      detected_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index signal_series_idx on signal (indicator_id, area_id);
    create index signal_year_idx on signal (year desc);
    create index signal_observations_idx on signal using gin (observation_ids);

    create table signal_note (
      id bigserial primary key,
      signal_id bigint not null references signal(id) on delete cascade,
      author_id integer references app_user(id) on delete set null,
      text text not null check (length(text) between 1 and 4000),
      created_at timestamptz not null default now()
    );
    create index signal_note_signal_idx on signal_note (signal_id, id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execSql(
    db,
    `
    drop table signal_note;
    drop table signal;
  `,
  );
}
