import type { Kysely } from 'kysely';
import { execSql } from '../sql.ts';

/**
 * Seizure events (event-level data, like UNODC's individual seizures) with their revision history,
 * what each import batch changed, the staging table of event imports, and the per-substance
 * conversion factors to kilograms.
 *
 * Dates: `event_date` is the first day of the period the source knows (`date_precision` day | month
 * | year), so an event known only by its month is stored as the 1st of that month; `year` and
 * `month` (null for a year-only date) are the roll-up keys and must agree with the date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execSql(
    db,
    `
    create table seizure_event (
      id bigserial primary key,
      event_date date not null,
      date_precision text not null default 'day' check (date_precision in ('day', 'month', 'year')),
      year integer not null check (year between 1900 and 2200),
      month integer check (month between 1 and 12),
      area_id integer not null references area(id) on delete restrict,
      latitude double precision check (latitude between -90 and 90),
      longitude double precision check (longitude between -180 and 180),
      substance_id integer not null references substance(id) on delete restrict,
      amount double precision not null check (amount > 0),
      unit text not null,
      kg_equivalent double precision check (kg_equivalent is null or kg_equivalent > 0),
      origin_area_id integer references area(id) on delete restrict,
      transit_area_ids integer[] not null default '{}',
      destination_area_id integer references area(id) on delete restrict,
      conveyance text,
      agency text,
      source_id integer not null references source(id) on delete restrict,
      confidentiality text not null default 'public' check (confidentiality in ('public', 'dialogue', 'restricted')),
      external_ref text check (external_ref is null or external_ref <> ''),
      notes text,
      revision integer not null default 1,
      change_reason text,
      updated_by integer references app_user(id) on delete set null,
      updated_at timestamptz not null default now(),
      import_batch_id bigint references import_batch(id) on delete set null,
      constraint seizure_event_reference unique (source_id, external_ref),
      constraint seizure_event_point check ((latitude is null) = (longitude is null)),
      constraint seizure_event_date_parts check (
        year = extract(year from event_date)::int
        and case date_precision
          when 'year' then month is null and extract(month from event_date) = 1 and extract(day from event_date) = 1
          when 'month' then month = extract(month from event_date)::int and extract(day from event_date) = 1
          else month = extract(month from event_date)::int
        end
      )
    );
    -- The roll-up key: an import, edit or rollback recomputes only the keys it touched, reading the
    -- events of a key from this index alone (what the roll-ups sum is included).
    create index seizure_event_rollup_idx on seizure_event (area_id, substance_id, source_id, year, month)
      include (id, amount, unit, kg_equivalent, confidentiality);
    create index seizure_event_date_idx on seizure_event (event_date);
    create index seizure_event_substance_idx on seizure_event (substance_id, event_date);
    create index seizure_event_batch_idx on seizure_event (import_batch_id);
    -- Events without a case number are matched on re-import by date, place and substance (then
    -- amount and unit): this index finds the candidates.
    create index seizure_event_unreferenced_idx on seizure_event (source_id, event_date, area_id, substance_id)
      where external_ref is null;

    create table seizure_event_revision (
      id bigserial primary key,
      event_id bigint not null,
      revision integer not null,
      event_date date not null,
      date_precision text not null,
      year integer not null,
      month integer,
      area_id integer not null,
      latitude double precision,
      longitude double precision,
      substance_id integer not null,
      amount double precision not null,
      unit text not null,
      kg_equivalent double precision,
      origin_area_id integer,
      transit_area_ids integer[] not null,
      destination_area_id integer,
      conveyance text,
      agency text,
      source_id integer not null,
      confidentiality text not null,
      external_ref text,
      notes text,
      change_reason text,
      recorded_by integer references app_user(id) on delete set null,
      recorded_at timestamptz not null,
      superseded_by integer references app_user(id) on delete set null,
      superseded_at timestamptz not null default now(),
      superseded_reason text,
      import_batch_id bigint,
      superseded_batch_id bigint,
      deleted boolean not null default false,
      unique (event_id, revision)
    );
    create index seizure_event_revision_batch_idx on seizure_event_revision (superseded_batch_id);

    -- What each committed event batch changed, so a rollback undoes exactly that.
    create table seizure_event_change (
      batch_id bigint not null references import_batch(id) on delete cascade,
      event_id bigint not null,
      action text not null check (action in ('insert', 'update')),
      primary key (batch_id, event_id)
    );

    -- Rows of an event batch between parsing and commit. Never read by queries of the events.
    create table seizure_event_row (
      batch_id bigint not null,
      row_no integer not null,
      event_date date not null,
      date_precision text not null,
      year integer not null,
      month integer,
      area_id integer not null,
      latitude double precision,
      longitude double precision,
      substance_id integer not null,
      amount double precision not null,
      unit text not null,
      origin_area_id integer,
      transit_area_ids integer[] not null,
      destination_area_id integer,
      conveyance text,
      agency text,
      source_id integer not null,
      confidentiality text not null,
      external_ref text,
      notes text,
      outcome text,
      event_id bigint
    );
    create index seizure_event_row_batch_idx on seizure_event_row (batch_id, row_no);

    -- Kilograms per unit of a substance (tablets, doses, litres, …), with where the factor comes
    -- from. Mass units (mg, g, kg, t) convert by definition and are not stored here.
    create table conversion_factor (
      id serial primary key,
      substance_id integer not null references substance(id) on delete cascade,
      unit text not null,
      kg_per_unit double precision not null check (kg_per_unit > 0),
      source_note text not null check (source_note <> ''),
      updated_by integer references app_user(id) on delete set null,
      updated_at timestamptz not null default now(),
      unique (substance_id, unit)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execSql(
    db,
    `
    drop table conversion_factor;
    drop table seizure_event_row;
    drop table seizure_event_change;
    drop table seizure_event_revision;
    drop table seizure_event;
  `,
  );
}
