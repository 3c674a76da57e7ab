import { MASS_UNITS, SEIZURE_UNITS } from './events.rollups.ts';

/**
 * Checks of one seizure event's values, shared by the import (issues located by row and column) and
 * the API (error details located by field). Pure: codes and parameters only; the messages are in the
 * `errors` catalogue.
 */

export interface EventCheck {
  field: 'date' | 'amount' | 'unit' | 'latitude' | 'longitude' | 'agency' | 'reference' | 'notes';
  code: string;
  params: Record<string, unknown>;
}

/** Longest texts kept (the API enforces the same through its schema). */
export const TEXT_LIMITS = { agency: 200, reference: 100, notes: 2000 } as const;

export function checkEventValues(
  v: {
    date?: string | null;
    amount?: number | null;
    unit?: string | null;
    latitude?: number | null;
    longitude?: number | null;
    agency?: string | null;
    reference?: string | null;
    notes?: string | null;
  },
  today: string,
): EventCheck[] {
  const out: EventCheck[] = [];
  if (v.date && v.date > today)
    out.push({ field: 'date', code: 'date_in_future', params: { value: v.date } });
  if (v.amount !== undefined && v.amount !== null && !(v.amount > 0))
    out.push({ field: 'amount', code: 'amount_not_positive', params: { value: v.amount } });
  if (v.unit && !(SEIZURE_UNITS as readonly string[]).includes(v.unit))
    out.push({
      field: 'unit',
      code: 'unit_not_for_seizures',
      params: { unit: v.unit, allowed: SEIZURE_UNITS.join(', ') },
    });
  const lat = v.latitude ?? null;
  const lon = v.longitude ?? null;
  if (lat !== null && (lat < -90 || lat > 90))
    out.push({ field: 'latitude', code: 'latitude_out_of_range', params: { value: lat } });
  if (lon !== null && (lon < -180 || lon > 180))
    out.push({ field: 'longitude', code: 'longitude_out_of_range', params: { value: lon } });
  if ((lat === null) !== (lon === null))
    out.push({ field: lat === null ? 'latitude' : 'longitude', code: 'coordinates_incomplete', params: {} });
  for (const field of ['agency', 'reference', 'notes'] as const) {
    const text = v[field];
    if (text && text.length > TEXT_LIMITS[field])
      out.push({ field, code: 'text_too_long', params: { field, max: TEXT_LIMITS[field] } });
  }
  return out;
}

/** Whether a unit converts to kilograms by definition (mass units). */
export const isMassUnit = (unit: string) => MASS_UNITS[unit] !== undefined;
