import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area, Page } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useLanguage } from '../i18n/useLanguage.ts';
import { navigate, useLocation } from '../router/router.ts';

const GROUPS = ['', 'CA5', 'EU27'] as const;
type Group = (typeof GROUPS)[number];

function asGroup(value: string | null): Group {
  return (GROUPS as readonly string[]).includes(value ?? '') ? (value as Group) : '';
}

/** Waits until the value has been still for `ms` (typing in the search box). */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Searchable list of countries (and optionally territories), filterable by Central Asia / EU-27. */
export function CountriesPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { query } = useLocation();
  const searchId = useId();
  const [text, setText] = useState(query.get('q') ?? '');
  const [group, setGroup] = useState<Group>(asGroup(query.get('group')));
  const [territories, setTerritories] = useState(query.get('territories') === '1');
  const q = useDebounced(text.trim(), 250);

  // Keep the URL shareable: /countries?q=…&group=CA5&territories=1
  useEffect(() => {
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    if (group) params.set('group', group);
    if (territories) params.set('territories', '1');
    const search = params.toString();
    navigate(`/countries${search ? `?${search}` : ''}`, { replace: true });
  }, [q, group, territories]);

  const { data, error, loading, reload } = useApi<Page<Area>>('areas', {
    q,
    group,
    kind: territories ? 'country,territory' : 'country',
    pageSize: 500,
  });

  const groupLabels: Record<Group, string> = {
    '': t('web:countries.groupAll'),
    CA5: t('web:countries.groupCA5'),
    EU27: t('web:countries.groupEU27'),
  };
  const otherLang = lang === 'ru' ? 'en' : 'ru';

  return (
    <>
      <PageHeader title={t('web:countries.title')} intro={t('web:countries.intro')} />

      <div className="filters">
        <div className="field search-field">
          <label htmlFor={searchId}>{t('web:countries.searchLabel')}</label>
          <input
            id={searchId}
            type="search"
            value={text}
            placeholder={t('web:countries.searchPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <div className="filter-row">
          <div className="chips" role="group" aria-label={t('web:countries.groupLabel')}>
            {GROUPS.map((code) => (
              <button
                key={code || 'all'}
                type="button"
                className="chip"
                aria-pressed={group === code}
                onClick={() => setGroup(code)}
              >
                {groupLabels[code]}
              </button>
            ))}
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={territories}
              onChange={(event) => setTerritories(event.target.checked)}
            />
            {t('web:countries.includeTerritories')}
          </label>
        </div>
      </div>

      <p className="result-count" role="status">
        {data &&
          (territories
            ? t('web:countries.countWithTerritories', { count: data.total })
            : t('web:countries.count', { count: data.total }))}
      </p>

      {error && <ErrorMessage error={error} onRetry={reload} />}
      {!data && !error && loading && <Loading />}
      {data && data.items.length === 0 && (
        <p className="notice">
          {territories || !q
            ? t('web:countries.empty', { query: q })
            : t('web:countries.emptyTryTerritories', { query: q })}
        </p>
      )}
      {data && data.items.length > 0 && (
        <div className="table-wrap" aria-busy={loading}>
          <table className="data-table">
            <caption className="visually-hidden">{t('web:countries.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="name-col">
                  {t('web:countries.name')}
                </th>
                <th scope="col">{t('web:countries.officialName')}</th>
                <th scope="col" className="code-col">
                  {t('web:countries.alpha3')}
                </th>
                <th scope="col" className="code-col">
                  {t('web:countries.alpha2')}
                </th>
                <th scope="col" className="code-col">
                  {t('web:countries.m49')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((area) => (
                <tr key={area.code}>
                  <th scope="row">
                    <Link to={`/countries/${area.code}`} className="area-name">
                      {area.name}
                    </Link>
                    {area.kind === 'territory' && <span className="tag">{t('web:countries.territory')}</span>}
                    <span className="secondary" lang={otherLang}>
                      {otherLang === 'ru' ? area.nameRu : area.nameEn}
                    </span>
                  </th>
                  <td>{area.officialName ?? ''}</td>
                  <td className="code-col">
                    <code>{area.code}</code>
                  </td>
                  <td className="code-col">
                    <code>{area.alpha2 ?? ''}</code>
                  </td>
                  <td className="code-col">
                    <code>{area.m49 === null ? '' : String(area.m49).padStart(3, '0')}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
