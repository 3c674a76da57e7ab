import type { Area, Page } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';

/** Names (UI language) of the five Central Asian countries, by code. */
export function useCentralAsiaNames(): Record<string, string> {
  const { data } = useApi<Page<Area>>('areas', { group: 'CA5', pageSize: 20 });
  const names: Record<string, string> = {};
  for (const area of data?.items ?? []) names[area.code] = area.name;
  return names;
}
