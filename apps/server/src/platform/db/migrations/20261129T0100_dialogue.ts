import type { Kysely } from 'kysely';
import { execSql } from '../sql.ts';

/**
 * The dialogue itself (issue 6): programmes, strategies and action plans with progress, dialogue
 * series with meetings, agendas, delegations, documents, conclusions and follow-ups, recorded data
 * snapshots, briefing packs and press releases.
 *
 * Texts users write are bilingual pairs (`*_en`, `*_ru`); either may be missing (a translation
 * not yet made) but not both — readers fall back to the other language and say so.
 * Visibility: `visibility` 'participants' (signed-in users) or 'public' (everyone); documents
 * carry a clearance (draft: editors only → cleared: participants → public: everyone).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execSql(
    db,
    `
    create table programme (
      id serial primary key,
      code text not null unique check (code ~ '^[A-Za-z0-9_-]{1,40}$'),
      name_en text, name_ru text,
      description_en text, description_ru text,
      funder_en text, funder_ru text,
      implementer_en text, implementer_ru text,
      start_date date, end_date date,
      url text,
      source_reference text,
      visibility text not null default 'public' check (visibility in ('participants', 'public')),
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (coalesce(name_en, name_ru) is not null),
      check (end_date is null or start_date is null or end_date >= start_date)
    );
    create table programme_country (
      programme_id integer not null references programme(id) on delete cascade,
      area_id integer not null references area(id) on delete restrict,
      primary key (programme_id, area_id)
    );
    create table programme_component (
      id serial primary key,
      programme_id integer not null references programme(id) on delete cascade,
      position integer not null default 0,
      title_en text, title_ru text,
      description_en text, description_ru text,
      check (coalesce(title_en, title_ru) is not null)
    );
    create index programme_component_programme_idx on programme_component (programme_id, position);
    create table programme_activity (
      id serial primary key,
      programme_id integer not null references programme(id) on delete cascade,
      component_id integer references programme_component(id) on delete set null,
      area_id integer references area(id) on delete restrict,
      title_en text, title_ru text,
      description_en text, description_ru text,
      start_date date, end_date date,
      status text not null default 'planned' check (status in ('planned', 'ongoing', 'completed', 'cancelled')),
      check (coalesce(title_en, title_ru) is not null),
      check (end_date is null or start_date is null or end_date >= start_date)
    );
    create index programme_activity_programme_idx on programme_activity (programme_id);

    create table strategy (
      id serial primary key,
      code text not null unique check (code ~ '^[A-Za-z0-9_-]{1,40}$'),
      scope text not null check (scope in ('eu', 'national', 'regional')),
      area_id integer references area(id) on delete restrict,
      title_en text, title_ru text,
      description_en text, description_ru text,
      period_start integer not null check (period_start between 1900 and 2200),
      period_end integer not null check (period_end between 1900 and 2200),
      adopted_by_en text, adopted_by_ru text,
      source_reference text,
      visibility text not null default 'public' check (visibility in ('participants', 'public')),
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (coalesce(title_en, title_ru) is not null),
      check (period_end >= period_start),
      check ((scope = 'national') = (area_id is not null))
    );
    create table strategy_node (
      id serial primary key,
      strategy_id integer not null references strategy(id) on delete cascade,
      parent_id integer references strategy_node(id) on delete cascade,
      kind text not null check (kind in ('policy_area', 'cross_cutting_theme', 'priority', 'action')),
      code text not null check (length(code) between 1 and 40),
      position integer not null default 0,
      title_en text, title_ru text,
      description_en text, description_ru text,
      responsible_en text, responsible_ru text,
      start_date date, end_date date,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (strategy_id, code),
      check (coalesce(title_en, title_ru) is not null),
      check (end_date is null or start_date is null or end_date >= start_date)
    );
    create index strategy_node_parent_idx on strategy_node (strategy_id, parent_id, position);
    create table strategy_node_indicator (
      id serial primary key,
      node_id integer not null references strategy_node(id) on delete cascade,
      indicator_id integer not null references indicator(id) on delete restrict,
      area_id integer references area(id) on delete restrict,
      substance_id integer references substance(id) on delete restrict,
      baseline_value double precision, baseline_year integer check (baseline_year between 1900 and 2200),
      target_value double precision, target_year integer check (target_year between 1900 and 2200),
      note_en text, note_ru text,
      check (target_year is null or baseline_year is null or target_year >= baseline_year)
    );
    create index strategy_node_indicator_node_idx on strategy_node_indicator (node_id);
    create table progress_update (
      id serial primary key,
      node_id integer not null references strategy_node(id) on delete cascade,
      reported_on date not null,
      status text not null check (status in ('not_started', 'on_track', 'delayed', 'at_risk', 'completed', 'discontinued')),
      percent integer check (percent between 0 and 100),
      narrative_en text, narrative_ru text,
      evidence_document_ids integer[] not null default '{}',
      evidence_observation_ids bigint[] not null default '{}',
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index progress_update_node_idx on progress_update (node_id, reported_on desc, id desc);
    create table strategy_alignment (
      id serial primary key,
      eu_node_id integer not null references strategy_node(id) on delete cascade,
      national_node_id integer not null references strategy_node(id) on delete cascade,
      relation text not null default 'supports' check (relation in ('supports', 'contributes_to', 'equivalent')),
      note_en text, note_ru text,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      unique (eu_node_id, national_node_id),
      check (eu_node_id <> national_node_id)
    );

    create table dialogue (
      id serial primary key,
      code text not null unique check (code ~ '^[A-Za-z0-9_-]{1,40}$'),
      kind text not null check (kind in ('regional', 'bilateral')),
      partner_area_id integer references area(id) on delete restrict,
      title_en text, title_ru text,
      description_en text, description_ru text,
      visibility text not null default 'public' check (visibility in ('participants', 'public')),
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      check (coalesce(title_en, title_ru) is not null),
      check ((kind = 'bilateral') = (partner_area_id is not null))
    );
    create table meeting (
      id serial primary key,
      dialogue_id integer not null references dialogue(id) on delete restrict,
      title_en text, title_ru text,
      start_date date not null,
      end_date date not null,
      place_en text, place_ru text,
      format text not null default 'in_person' check (format in ('in_person', 'online', 'hybrid')),
      chair_en text, chair_ru text,
      status text not null default 'planning' check (status in ('planning', 'invitations', 'held', 'follow_up')),
      visibility text not null default 'participants' check (visibility in ('participants', 'public')),
      source_reference text,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (end_date >= start_date)
    );
    create index meeting_dialogue_idx on meeting (dialogue_id, start_date);
    create table agenda_item (
      id serial primary key,
      meeting_id integer not null references meeting(id) on delete cascade,
      position integer not null default 0,
      kind text not null check (kind in ('eu_update', 'country_updates', 'strategy_implementation', 'cooperation_programmes', 'emerging_issues', 'other')),
      title_en text, title_ru text,
      description_en text, description_ru text,
      area_id integer references area(id) on delete restrict,
      programme_id integer references programme(id) on delete set null,
      strategy_id integer references strategy(id) on delete set null,
      check (coalesce(title_en, title_ru) is not null)
    );
    create index agenda_item_meeting_idx on agenda_item (meeting_id, position);
    create table delegation (
      id serial primary key,
      meeting_id integer not null references meeting(id) on delete cascade,
      side text not null check (side in ('eu', 'central_asia', 'other')),
      area_id integer references area(id) on delete restrict,
      institution_en text, institution_ru text,
      supported_by_programme_id integer references programme(id) on delete set null,
      position integer not null default 0,
      check (area_id is not null or coalesce(institution_en, institution_ru) is not null)
    );
    create unique index delegation_area_uq on delegation (meeting_id, area_id) where area_id is not null;
    create index delegation_meeting_idx on delegation (meeting_id, position);
    create table participant (
      id serial primary key,
      delegation_id integer not null references delegation(id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      is_head boolean not null default false,
      function_en text, function_ru text,
      organisation_en text, organisation_ru text,
      supported_by_programme_id integer references programme(id) on delete set null,
      position integer not null default 0
    );
    create unique index participant_one_head_uq on participant (delegation_id) where is_head;
    create index participant_delegation_idx on participant (delegation_id, position);
    create table dialogue_document (
      id serial primary key,
      meeting_id integer references meeting(id) on delete cascade,
      agenda_item_id integer references agenda_item(id) on delete set null,
      kind text not null default 'other' check (kind in ('presentation', 'report', 'briefing_pack', 'press_release', 'summary_record', 'other')),
      title text not null check (length(title) between 1 and 500),
      language text not null check (language in ('en', 'ru')),
      translation_of_id integer references dialogue_document(id) on delete set null,
      clearance text not null default 'draft' check (clearance in ('draft', 'cleared', 'public')),
      file_sha256 text references stored_file(sha256) on delete restrict,
      file_name text,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (translation_of_id is null or translation_of_id <> id)
    );
    create index dialogue_document_meeting_idx on dialogue_document (meeting_id);
    create table conclusion (
      id serial primary key,
      meeting_id integer not null references meeting(id) on delete cascade,
      agenda_item_id integer references agenda_item(id) on delete set null,
      position integer not null default 0,
      text_en text, text_ru text,
      check (coalesce(text_en, text_ru) is not null)
    );
    create index conclusion_meeting_idx on conclusion (meeting_id, position);
    create table follow_up (
      id serial primary key,
      meeting_id integer not null references meeting(id) on delete cascade,
      conclusion_id integer references conclusion(id) on delete set null,
      text_en text, text_ru text,
      owner_en text, owner_ru text,
      owner_area_id integer references area(id) on delete restrict,
      due_date date,
      status text not null default 'open' check (status in ('open', 'in_progress', 'done', 'dropped')),
      closed_at_meeting_id integer references meeting(id) on delete set null,
      closed_at timestamptz,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (coalesce(text_en, text_ru) is not null),
      check (owner_area_id is not null or coalesce(owner_en, owner_ru) is not null)
    );
    create index follow_up_meeting_idx on follow_up (meeting_id);
    create index follow_up_open_idx on follow_up (status) where status in ('open', 'in_progress');

    create table data_snapshot (
      id serial primary key,
      kind text not null,
      params jsonb not null,
      content jsonb not null,
      digest text not null,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create table briefing_pack (
      id serial primary key,
      meeting_id integer not null references meeting(id) on delete cascade,
      audience text not null check (audience ~ '^(EU|[A-Z]{3})$'),
      language text not null check (language in ('en', 'ru')),
      snapshot_id integer references data_snapshot(id) on delete restrict,
      job_id bigint references job(id) on delete set null,
      status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
      docx_sha256 text references stored_file(sha256) on delete restrict,
      pdf_sha256 text references stored_file(sha256) on delete restrict,
      fallbacks jsonb not null default '[]',
      warnings jsonb not null default '[]',
      error jsonb,
      created_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index briefing_pack_meeting_idx on briefing_pack (meeting_id, id desc);
    create table press_release (
      id serial primary key,
      meeting_id integer not null unique references meeting(id) on delete cascade,
      content_en jsonb,
      content_ru jsonb,
      status text not null default 'draft' check (status in ('draft', 'published')),
      published_at timestamptz,
      updated_by integer references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (content_en is not null or content_ru is not null)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execSql(
    db,
    `
    drop table press_release;
    drop table briefing_pack;
    drop table data_snapshot;
    drop table follow_up;
    drop table conclusion;
    drop table dialogue_document;
    drop table participant;
    drop table delegation;
    drop table agenda_item;
    drop table meeting;
    drop table dialogue;
    drop table strategy_alignment;
    drop table progress_update;
    drop table strategy_node_indicator;
    drop table strategy_node;
    drop table strategy;
    drop table programme_activity;
    drop table programme_component;
    drop table programme_country;
    drop table programme;
  `,
  );
}
