import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// 1:50m, not 1:110m: Malta (an EU member) is missing from the 110m atlas.
import atlasUrl from 'world-atlas/countries-50m.json?url';

/** A country shape; `id` is the zero-padded UN M49 code ("040" Austria, "762" Tajikistan). */
export type CountryFeature = Feature<Geometry, { name: string }> & { id?: string | number };

let loading: Promise<CountryFeature[]> | null = null;

/** The world's country shapes (Natural Earth via world-atlas), fetched once per visit. */
export function loadCountries(): Promise<CountryFeature[]> {
  loading ??= fetch(atlasUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`world atlas: HTTP ${response.status}`);
      return response.json() as Promise<Topology<{ countries: GeometryCollection<{ name: string }> }>>;
    })
    .then((topology) => {
      const collection = feature(topology, topology.objects.countries) as FeatureCollection<
        Geometry,
        { name: string }
      >;
      return collection.features;
    })
    .catch((error: unknown) => {
      loading = null; // let a later visit try again
      throw error;
    });
  return loading;
}
