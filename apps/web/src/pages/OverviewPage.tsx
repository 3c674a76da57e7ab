import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health, Indicator, Page, Source, Area, SeriesResponse } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatNumber, formatValue } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { formatChange, SignalList, SourceList, Sparkline, useUnitName } from '../profiles/ProfileParts.tsx';
import {
  asOverviewGroup,
  explorerHref,
  HEADLINE_SUBSTANCES,
  latestOf,
  OVERVIEW_GROUPS,
  uniqueSources,
  type OverviewGroup,
} from '../profiles/profile.ts';
import { navigate, useLocation } from '../router/router.ts';
import '../profiles/profiles.css';

// The map needs d3-geo and the atlas: loaded when the overview first draws it, not in the first bundle.
const GroupMap = lazy(() => import('../profiles/GroupMap.tsx').then((m) => ({ default: m.GroupMap })));

function StatusLine() {
  const { t } = useTranslation();
  const { data, error, loading } = useApi<Health>('health');

  let service = t('web:loading');
  let tone = 'pending';
  if (error) {
    service = t('web:overview.statusUnreachable');
    tone = 'bad';
  } else if (data) {
    service = data.status === 'ok' ? t('web:overview.statusOk') : t('web:overview.statusDegraded');
    tone = data.status === 'ok' ? 'good' : 'bad';
  }
  const engine = data
    ? data.database === 'pglite'
      ? t('web:overview.enginePglite')
      : t('web:overview.enginePostgres')
    : t('web:notAvailable');

  return (
    <section className="status-line" aria-labelledby="status-heading" aria-busy={loading}>
      <h2 id="status-heading" className="visually-hidden">
        {t('web:overview.statusHeading')}
      </h2>
      <dl>
        <div>
          <dt>{t('web:overview.service')}</dt>
          <dd>
            <span className={`status-dot status-${tone}`} aria-hidden="true" />
            {service}
          </dd>
        </div>
        <div>
          <dt>{t('web:overview.database')}</dt>
          <dd>{engine}</dd>
        </div>
        <div>
          <dt>{t('web:overview.version')}</dt>
          <dd>{data?.version ?? t('web:notAvailable')}</dd>
        </div>
      </dl>
    </section>
  );
}

interface StatProps {
  to: string;
  count: number | undefined;
  label: (count: number) => string;
  hint: string;
}

function Stat({ to, count, label, hint }: StatProps) {
  const lang = useLanguage();
  const { t } = useTranslation();
  return (
    <li>
      <Link to={to} className="stat-card">
        <span className="stat-value">
          {count === undefined ? t('web:notAvailable') : formatNumber(lang, count)}
        </span>
        <span className="stat-label">{label(count ?? 0)}</span>
        <span className="stat-hint">{hint}</span>
      </Link>
    </li>
  );
}

/** One headline: the group's latest total, its coverage, the change and the trend. */
function HeadlineCard({
  group,
  answer,
}: {
  group: OverviewGroup;
  answer: ReturnType<typeof useApi<SeriesResponse>>;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const unitName = useUnitName();
  const { data, error, reload } = answer;
  if (error)
    return (
      <li className="headline-card">
        <ErrorMessage error={error} onRetry={reload} />
      </li>
    );
  if (!data)
    return (
      <li className="headline-card">
        <Loading />
      </li>
    );
  const series = data.series[0];
  const latest = series ? latestOf(series.points) : null;
  const substance = data.substance?.name ?? '';
  const href = explorerHref({
    indicator: data.indicator.code,
    substance: data.substance?.code ?? null,
    areas: series?.members ?? [],
    groups: [group],
  });
  return (
    <li className="headline-card">
      <h3>
        <Link to={`/substances/${data.substance?.code ?? ''}`}>{substance}</Link>
      </h3>
      {latest ? (
        <>
          <p className="headline-value">
            <Link
              to={href}
              aria-label={t('web:overview.valueLink', {
                substance,
                year: latest.point.year,
                value: formatValue(lang, latest.point.value),
              })}
            >
              {formatValue(lang, latest.point.value)}
            </Link>{' '}
            <span className="headline-unit">{unitName(data.unit.code)}</span>
          </p>
          <p className="headline-meta">
            {t('web:overview.inYear', { year: latest.point.year })}
            {latest.point.coverage && (
              <>
                {' · '}
                {t('web:explorer.coverage', {
                  count: latest.point.coverage.members,
                  reporting: latest.point.coverage.reporting,
                })}
              </>
            )}
          </p>
          <p className="headline-change">
            {latest.change === null || !latest.previous
              ? t('web:overview.noChange')
              : t('web:overview.change', {
                  change: formatChange(lang, latest.change),
                  year: latest.previous.year,
                })}
            {latest.previous?.coverage &&
              latest.point.coverage &&
              latest.previous.coverage.reporting !== latest.point.coverage.reporting && (
                <span className="hint"> {t('web:overview.coverageDiffers')}</span>
              )}
          </p>
          <Sparkline points={series?.points ?? []} label={t('web:overview.trend', { substance })} />
        </>
      ) : (
        <p className="notice">{t('web:overview.noData')}</p>
      )}
    </li>
  );
}

/** The group's headline seizures, a map of the first, its signals and the sources behind it all. */
function GroupOverview({ group }: { group: OverviewGroup }) {
  const { t } = useTranslation();
  const heroin = useApi<SeriesResponse>('analytics/series', {
    indicator: 'SZR_QTY',
    substance: HEADLINE_SUBSTANCES[0],
    group,
  });
  const opium = useApi<SeriesResponse>('analytics/series', {
    indicator: 'SZR_QTY',
    substance: HEADLINE_SUBSTANCES[1],
    group,
  });
  const meth = useApi<SeriesResponse>('analytics/series', {
    indicator: 'SZR_QTY',
    substance: HEADLINE_SUBSTANCES[2],
    group,
  });
  const cannabis = useApi<SeriesResponse>('analytics/series', {
    indicator: 'SZR_QTY',
    substance: HEADLINE_SUBSTANCES[3],
    group,
  });
  const answers = [heroin, opium, meth, cannabis];
  const members = heroin.data?.series[0]?.members ?? [];
  const mapYear = heroin.data?.series[0]
    ? (latestOf(heroin.data.series[0].points)?.point.year ?? null)
    : null;
  const sources = uniqueSources(answers.map((a) => a.data?.sources));

  return (
    <>
      <section aria-labelledby="headlines-heading">
        <h2 id="headlines-heading">
          {t('web:overview.headlinesHeading', { group: t(`web:overview.groups.${group}`) })}
        </h2>
        <ul className="headline-grid" aria-busy={answers.some((a) => a.loading)}>
          {answers.map((answer, i) => (
            <HeadlineCard key={HEADLINE_SUBSTANCES[i]} group={group} answer={answer} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="map-heading">
        <h2 id="map-heading">
          {mapYear === null
            ? t('web:overview.mapHeadingNoYear', { substance: heroin.data?.substance?.name ?? '' })
            : t('web:overview.mapHeading', { substance: heroin.data?.substance?.name ?? '', year: mapYear })}
        </h2>
        {mapYear !== null && (
          <Suspense fallback={<Loading />}>
            <GroupMap
              indicator="SZR_QTY"
              substance={HEADLINE_SUBSTANCES[0]}
              year={mapYear}
              members={members}
              title={t('web:overview.mapHeading', {
                substance: heroin.data?.substance?.name ?? '',
                year: mapYear,
              })}
            />
          </Suspense>
        )}
      </section>
      <section aria-labelledby="signals-heading">
        <h2 id="signals-heading">{t('web:overview.signalsHeading')}</h2>
        <SignalList query={{ area: group }} headingId="signals-heading" />
      </section>
      <section aria-labelledby="overview-sources-heading">
        <h2 id="overview-sources-heading">{t('web:overview.sourcesHeading')}</h2>
        <SourceList sources={sources} />
      </section>
    </>
  );
}

/** Landing page: what Observatory is, whether it is healthy, the headline numbers, and how much it holds. */
export function OverviewPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const group = asOverviewGroup(query.get('group'));
  const countries = useApi<Page<Area>>('areas', { kind: 'country', pageSize: 1 });
  const indicators = useApi<{ items: Indicator[] }>('indicators');
  const sources = useApi<Page<Source>>('sources', { pageSize: 1 });

  return (
    <>
      <PageHeader title={t('web:overview.title')} intro={t('web:overview.lead')} />
      <StatusLine />
      <p className="prose">{t('web:overview.intro')}</p>
      <div className="chips group-selector" role="group" aria-label={t('web:overview.groupLabel')}>
        {OVERVIEW_GROUPS.map((code) => (
          <button
            key={code}
            type="button"
            className="chip"
            aria-pressed={group === code}
            onClick={() => navigate(code === 'CA5' ? '/' : `/?group=${code}`, { replace: true })}
          >
            {t(`web:overview.groups.${code}`)}
          </button>
        ))}
      </div>
      <GroupOverview group={group} />
      <section aria-labelledby="contents-heading">
        <h2 id="contents-heading">{t('web:overview.contentsHeading')}</h2>
        <ul className="stat-grid">
          <Stat
            to="/countries"
            count={countries.data?.total}
            label={(count) => t('web:overview.countries', { count })}
            hint={t('web:overview.countriesHint')}
          />
          <Stat
            to="/indicators"
            count={indicators.data?.items.length}
            label={(count) => t('web:overview.indicators', { count })}
            hint={t('web:overview.indicatorsHint')}
          />
          <Stat
            to="/sources"
            count={sources.data?.total}
            label={(count) => t('web:overview.sources', { count })}
            hint={t('web:overview.sourcesHint')}
          />
        </ul>
      </section>
    </>
  );
}
