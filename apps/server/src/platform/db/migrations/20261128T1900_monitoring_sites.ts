import type { Kysely } from 'kysely';
import { execSql } from '../sql.ts';

/**
 * Monitoring sites: places where a sample is taken (wastewater treatment plants of the SCORE
 * network first). `code` is the site code that observations carry in their `site` dimension, so a
 * load can be drawn on a map; the country is an area and the coordinates come from a source.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execSql(
    db,
    `
    create table monitoring_site (
      id serial primary key,
      code text not null unique check (code <> ''),
      name text not null check (name <> ''),
      area_id integer not null references area(id),
      latitude double precision not null check (latitude between -90 and 90),
      longitude double precision not null check (longitude between -180 and 180),
      population integer check (population is null or population >= 0),
      source_id integer not null references source(id),
      created_at timestamptz not null default now()
    );
    create index monitoring_site_area_idx on monitoring_site (area_id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execSql(
    db,
    `
    drop table monitoring_site;
  `,
  );
}
