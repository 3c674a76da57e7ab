import type { Kysely } from 'kysely';
import { execSql } from '../sql.ts';

/**
 * The foundation schema: reference data (areas, substances, codelists, indicators), sources, the
 * observation cube with its revision history, users, sessions and the audit log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execSql(
    db,
    `
    create extension if not exists pg_trgm;
    create table area (
      id serial primary key,
      code text not null unique,
      kind text not null check (kind in ('country', 'territory', 'group', 'region', 'subnational')),
      alpha2 text unique,
      m49 integer,
      atlas_id text,
      parent_id integer references area(id) on delete restrict,
      name_en text not null,
      name_ru text not null,
      names jsonb not null default '{}',
      official_name_en text,
      official_name_ru text,
      region text,
      sub_region text,
      synonyms text[] not null default '{}',
      search_key text not null,
      is_system boolean not null default false,
      created_by integer,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index area_parent_idx on area (parent_id);
    create index area_kind_idx on area (kind);
    create index area_search_trgm_idx on area using gin (search_key gin_trgm_ops);

    create table area_member (
      group_id integer not null references area(id) on delete cascade,
      member_id integer not null references area(id) on delete restrict,
      primary key (group_id, member_id)
    );
    create index area_member_member_idx on area_member (member_id);

    create table substance (
      id serial primary key,
      code text not null unique,
      parent_id integer references substance(id) on delete restrict,
      level text not null check (level in ('group', 'drug', 'form')),
      name_en text not null,
      name_ru text not null,
      synonyms_en text[] not null default '{}',
      synonyms_ru text[] not null default '{}',
      sort_order integer not null default 0
    );
    create index substance_parent_idx on substance (parent_id);

    create table substance_mapping (
      id serial primary key,
      scheme text not null,
      external_group text,
      external_subgroup text,
      external_name text not null,
      normalised_name text not null,
      substance_id integer not null references substance(id) on delete cascade,
      relation text not null check (relation in ('exact', 'broader', 'narrower')),
      unique nulls not distinct (scheme, external_group, external_subgroup, external_name)
    );
    create index substance_mapping_lookup_idx on substance_mapping (scheme, normalised_name);

    create table codelist (
      code text primary key,
      name_en text not null,
      name_ru text not null,
      description_en text,
      description_ru text
    );
    create table code (
      codelist text not null references codelist(code) on delete cascade,
      code text not null,
      name_en text not null,
      name_ru text not null,
      sort_order integer not null default 0,
      attributes jsonb not null default '{}',
      primary key (codelist, code)
    );

    create table indicator (
      id serial primary key,
      code text not null unique,
      domain text not null,
      name_en text not null,
      name_ru text not null,
      description_en text,
      description_ru text,
      unit text not null,
      measure_type text not null,
      period_type text not null default 'annual',
      dimensions jsonb not null default '[]',
      requires_substance boolean not null default false,
      has_bounds boolean not null default false,
      allows_negative boolean not null default false,
      is_additive boolean not null default true,
      protocol text,
      comparability_en text,
      comparability_ru text,
      sort_order integer not null default 0
    );

    create table source (
      id serial primary key,
      code text not null unique,
      publisher text not null,
      title_en text not null,
      title_ru text,
      table_name text,
      edition text,
      year integer,
      url text,
      licence text,
      file_name text,
      file_checksum text,
      priority integer not null default 100,
      notes_en text,
      notes_ru text,
      created_by integer,
      created_at timestamptz not null default now()
    );

    create table app_user (
      id serial primary key,
      username text not null,
      display_name text not null,
      email text,
      password_hash text not null,
      role text not null check (role in ('viewer', 'editor', 'admin')),
      locale text not null default 'en' check (locale in ('en', 'ru')),
      disabled boolean not null default false,
      must_change_password boolean not null default false,
      created_at timestamptz not null default now(),
      last_login_at timestamptz
    );
    create unique index app_user_username_idx on app_user (lower(username));

    create table session (
      id text primary key,
      user_id integer not null references app_user(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      user_agent text
    );
    create index session_user_idx on session (user_id);

    create table observation (
      id bigserial primary key,
      indicator_id integer not null references indicator(id) on delete restrict,
      area_id integer not null references area(id) on delete restrict,
      period text not null,
      year integer not null check (year between 1900 and 2200),
      substance_id integer references substance(id) on delete restrict,
      dims jsonb not null default '{}',
      dim_key text not null default '',
      source_id integer not null references source(id) on delete restrict,
      value double precision,
      lower double precision,
      upper double precision,
      unit text not null,
      status text not null default 'A',
      confidentiality text not null default 'public' check (confidentiality in ('public', 'dialogue', 'restricted')),
      footnotes jsonb not null default '[]',
      revision integer not null default 1,
      change_reason text,
      updated_by integer references app_user(id),
      updated_at timestamptz not null default now(),
      import_batch_id bigint,
      constraint observation_identity unique nulls not distinct
        (indicator_id, substance_id, area_id, period, dim_key, source_id),
      constraint observation_value_or_missing check (value is not null or status = 'M'),
      constraint observation_bounds_order check (lower is null or upper is null or lower <= upper)
    );
    create index observation_query_idx on observation (indicator_id, substance_id, area_id, year);
    create index observation_area_idx on observation (area_id, indicator_id);
    create index observation_source_idx on observation (source_id);

    create table observation_revision (
      id bigserial primary key,
      observation_id bigint not null,
      revision integer not null,
      value double precision,
      lower double precision,
      upper double precision,
      unit text not null,
      status text not null,
      confidentiality text not null,
      footnotes jsonb not null,
      change_reason text,
      recorded_by integer references app_user(id),
      recorded_at timestamptz not null,
      superseded_by integer references app_user(id),
      superseded_at timestamptz not null default now(),
      superseded_reason text,
      import_batch_id bigint,
      unique (observation_id, revision)
    );

    create table audit_event (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor_id integer references app_user(id) on delete set null,
      action text not null,
      entity text not null,
      entity_id text,
      before jsonb,
      after jsonb,
      ip text
    );
    create index audit_event_entity_idx on audit_event (entity, entity_id);
    create index audit_event_at_idx on audit_event (at);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execSql(
    db,
    `
    drop table audit_event;
    drop table observation_revision;
    drop table observation;
    drop table session;
    drop table app_user;
    drop table source;
    drop table indicator;
    drop table code;
    drop table codelist;
    drop table substance_mapping;
    drop table substance;
    drop table area_member;
    drop table area;
  `,
  );
}
