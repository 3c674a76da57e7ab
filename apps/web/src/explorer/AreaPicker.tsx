import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Area } from '../api/types.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { MAX_SERIES } from './explorer.state.ts';

export interface AreaPickerProps {
  /** Countries, territories and groups, in the UI language. */
  areas: Area[];
  selectedAreas: string[];
  selectedGroups: string[];
  /** Names known before the area list arrives (from the series answer). */
  knownNames?: Record<string, string>;
  onChange: (areas: string[], groups: string[]) => void;
}

/** Folds case and Cyrillic ё so that "таджик" finds "Таджикистан" and "kyrgyz" finds "Kyrgyzstan". */
function fold(text: string): string {
  return text.toLocaleLowerCase().replace(/ё/g, 'е');
}

const MAX_SUGGESTIONS = 8;

/**
 * Chooses the areas: chips for what is chosen (each removable), a search that adds countries,
 * and for each group a toggle for its total and a button that adds its countries.
 */
export function AreaPicker({
  areas,
  selectedAreas,
  selectedGroups,
  knownNames = {},
  onChange,
}: AreaPickerProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const searchId = useId();
  const hintId = useId();
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState('');
  const byCode = useMemo(() => new Map(areas.map((a) => [a.code, a])), [areas]);
  const groups = areas.filter((a) => a.kind === 'group');
  const total = selectedAreas.length + selectedGroups.length;
  const full = total >= MAX_SERIES;

  const suggestions = useMemo(() => {
    const q = fold(query.trim());
    if (!q) return [];
    const candidates = areas.filter(
      (a) => (a.kind === 'country' || a.kind === 'territory') && !selectedAreas.includes(a.code),
    );
    const score = (a: Area): number => {
      if (a.code.toLowerCase() === q) return 0;
      const names = [a.name, a.nameEn, a.nameRu].map(fold);
      if (names.some((n) => n.startsWith(q))) return 1;
      if (names.some((n) => n.includes(q)) || fold(a.officialName ?? '').includes(q)) return 2;
      return 3;
    };
    return candidates
      .map((a) => ({ area: a, score: score(a) }))
      .filter((c) => c.score < 3)
      .sort((a, b) => a.score - b.score || a.area.name.localeCompare(b.area.name))
      .slice(0, MAX_SUGGESTIONS)
      .map((c) => c.area);
  }, [areas, query, selectedAreas]);

  const name = (code: string) => byCode.get(code)?.name ?? knownNames[code] ?? code;

  const add = (code: string) => {
    if (full) return;
    setNotice('');
    onChange([...selectedAreas, code], selectedGroups);
    setQuery('');
  };

  const addMembers = async (group: string) => {
    let members: string[];
    try {
      const detail = await api.get<{ members: { code: string; kind: string }[] }>(`areas/${group}`, { lang });
      members = detail.members
        .filter((m) => m.kind === 'country' || m.kind === 'territory')
        .map((m) => m.code);
    } catch {
      setNotice(t('web:errors.network'));
      return;
    }
    const extra = members.filter((c) => !selectedAreas.includes(c));
    const room = MAX_SERIES - total;
    onChange([...selectedAreas, ...extra.slice(0, room)], selectedGroups);
    if (extra.length > room) setNotice(t('web:explorer.areas.tooMany', { count: MAX_SERIES }));
  };

  const toggleGroup = (group: string) => {
    setNotice('');
    if (selectedGroups.includes(group))
      onChange(
        selectedAreas,
        selectedGroups.filter((g) => g !== group),
      );
    else if (!full) onChange(selectedAreas, [...selectedGroups, group]);
  };

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      const first = suggestions[0];
      if (first) add(first.code);
    } else if (event.key === 'Escape') setQuery('');
  };

  return (
    <fieldset className="area-picker">
      <legend>{t('web:explorer.areas.label')}</legend>

      {total > 0 ? (
        <ul className="selected-areas" aria-label={t('web:explorer.areas.selected')}>
          {selectedGroups.map((code) => (
            <li key={`g-${code}`} className="area-chip area-chip-group">
              <span>{t('web:explorer.areas.groupTotal', { name: name(code) })}</span>
              <button
                type="button"
                aria-label={t('web:explorer.areas.remove', {
                  name: t('web:explorer.areas.groupTotal', { name: name(code) }),
                })}
                onClick={() => toggleGroup(code)}
              >
                ×
              </button>
            </li>
          ))}
          {selectedAreas.map((code) => (
            <li key={code} className="area-chip">
              <span>{name(code)}</span>
              <button
                type="button"
                aria-label={t('web:explorer.areas.remove', { name: name(code) })}
                onClick={() =>
                  onChange(
                    selectedAreas.filter((c) => c !== code),
                    selectedGroups,
                  )
                }
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('web:explorer.areas.none')}</p>
      )}
      {total > 0 && (
        <button type="button" className="link-button clear-areas" onClick={() => onChange([], [])}>
          {t('web:explorer.areas.clear')}
        </button>
      )}

      <div className="field">
        <label htmlFor={searchId}>{t('web:explorer.areas.search')}</label>
        <input
          id={searchId}
          type="search"
          value={query}
          autoComplete="off"
          spellCheck={false}
          disabled={full}
          aria-describedby={hintId}
          placeholder={t('web:explorer.areas.searchPlaceholder')}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onSearchKey}
        />
        <span id={hintId} className="hint">
          {full ? t('web:explorer.areas.tooMany', { count: MAX_SERIES }) : t('web:explorer.areas.searchHint')}
        </span>
      </div>
      {query.trim() !== '' && (
        <ul className="suggestions" aria-label={t('web:explorer.areas.suggestions')}>
          {suggestions.length === 0 && <li className="hint">{t('web:explorer.areas.noMatch')}</li>}
          {suggestions.map((area) => (
            <li key={area.code}>
              <button type="button" className="suggestion" onClick={() => add(area.code)}>
                {area.name}
                <span className="visually-hidden"> — </span>
                <span className="suggestion-action">{t('web:explorer.areas.add')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      {groups.length > 0 && (
        <div className="group-actions">
          <p className="group-actions-title">{t('web:explorer.areas.groups')}</p>
          <ul>
            {groups.map((group) => (
              <li key={group.code}>
                <span className="group-name">{group.name}</span>
                <span className="group-buttons">
                  <button
                    type="button"
                    className="chip chip-small"
                    aria-pressed={selectedGroups.includes(group.code)}
                    disabled={full && !selectedGroups.includes(group.code)}
                    aria-label={t('web:explorer.areas.groupTotalToggle', { name: group.name })}
                    onClick={() => toggleGroup(group.code)}
                  >
                    {t('web:explorer.areas.total')}
                  </button>
                  <button
                    type="button"
                    className="chip chip-small"
                    disabled={full}
                    aria-label={t('web:explorer.areas.addMembersOf', { name: group.name })}
                    onClick={() => void addMembers(group.code)}
                  >
                    {t('web:explorer.areas.addMembers')}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="hint" role="status">
        {notice}
      </p>
    </fieldset>
  );
}
