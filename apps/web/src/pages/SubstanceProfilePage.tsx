import { useTranslation } from 'react-i18next';
import type { RankingResponse, SeriesResponse, SubstanceNode } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatValue } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { formatChange, SignalList, SourceList, Sparkline, useUnitName } from '../profiles/ProfileParts.tsx';
import { explorerHref, latestOf, uniqueSources } from '../profiles/profile.ts';
import { useLocation } from '../router/router.ts';

/** The groups a substance profile compares. */
const GROUPS = ['CA5', 'EU27'] as const;

/** One group's seizures of the substance: trend of the total, then the countries ranked in the latest year. */
function GroupBlock({
  group,
  substance,
  series,
}: {
  group: string;
  substance: string;
  series: SeriesResponse;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const unitName = useUnitName();
  const total = series.series[0];
  const latest = total ? latestOf(total.points) : null;
  const ranking = useApi<RankingResponse>(latest ? 'analytics/ranking' : null, {
    indicator: 'SZR_QTY',
    substance,
    year: latest?.point.year,
    group,
  });
  const groupName = total?.area.name ?? group;
  const unit = unitName(series.unit.code);
  const headingId = `group-${group}`;
  return (
    <section aria-labelledby={headingId} className="group-block">
      <h3 id={headingId}>{groupName}</h3>
      {!latest && <p className="notice">{t('web:overview.noData')}</p>}
      {latest && (
        <>
          <p className="headline-value">
            <Link
              to={explorerHref({
                indicator: 'SZR_QTY',
                substance,
                areas: total?.members ?? [],
                groups: [group],
              })}
              aria-label={t('web:profile.valueLink', {
                name: groupName,
                year: latest.point.year,
                value: formatValue(lang, latest.point.value),
              })}
            >
              {formatValue(lang, latest.point.value)}
            </Link>{' '}
            <span className="headline-unit">{unit}</span>
          </p>
          <p className="headline-meta">
            {t('web:overview.inYear', { year: latest.point.year })}
            {latest.point.coverage &&
              ` · ${t('web:explorer.coverage', {
                count: latest.point.coverage.members,
                reporting: latest.point.coverage.reporting,
              })}`}
            {latest.change !== null &&
              latest.previous &&
              ` · ${t('web:overview.change', { change: formatChange(lang, latest.change), year: latest.previous.year })}`}
          </p>
          <Sparkline points={total?.points ?? []} label={t('web:profile.trendOf', { name: groupName })} />
          {ranking.error && <ErrorMessage error={ranking.error} onRetry={ranking.reload} />}
          {!ranking.data && !ranking.error && <Loading />}
          {ranking.data && (
            <table className="data-table ranking-table">
              <caption>
                {t('web:profile.rankingCaption', { group: groupName, year: ranking.data.year })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('web:profile.rank')}
                  </th>
                  <th scope="col">{t('web:profile.country')}</th>
                  <th scope="col" className="num">
                    {t('web:profile.valueIn', { unit })}
                  </th>
                </tr>
              </thead>
              <tbody>
                {ranking.data.items.map((item) => (
                  <tr key={item.area.code}>
                    <td className="num">{item.rank ?? '—'}</td>
                    <th scope="row">
                      <Link to={`/countries/${item.area.code}`}>{item.area.name}</Link>
                    </th>
                    <td className="num">
                      {item.value === null ? (
                        <span className="secondary">{item.issue?.message ?? t('web:profile.noNumber')}</span>
                      ) : (
                        <Link
                          to={explorerHref({
                            indicator: 'SZR_QTY',
                            substance,
                            areas: [item.area.code],
                            tab: 'table',
                          })}
                        >
                          {formatValue(lang, item.value)}
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

/** `/substances/:code`: which countries report seizures of a substance, group trends, signals, sources. */
export function SubstanceProfilePage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const code = decodeURIComponent(pathname.split('/')[2] ?? '').toLowerCase();
  const substance = useApi<SubstanceNode>(`substances/${encodeURIComponent(code)}`);
  const ca5 = useApi<SeriesResponse>(substance.data ? 'analytics/series' : null, {
    indicator: 'SZR_QTY',
    substance: code,
    group: GROUPS[0],
  });
  const eu27 = useApi<SeriesResponse>(substance.data ? 'analytics/series' : null, {
    indicator: 'SZR_QTY',
    substance: code,
    group: GROUPS[1],
  });

  if (substance.error)
    return (
      <>
        <PageHeader title={t('web:profile.substanceTitle')} />
        <ErrorMessage error={substance.error} onRetry={substance.reload} />
      </>
    );
  if (!substance.data) return <Loading />;
  const answers = [ca5, eu27];
  const error = ca5.error ?? eu27.error;
  return (
    <>
      <PageHeader
        title={substance.data.name}
        intro={t('web:profile.substanceIntro', { name: substance.data.name })}
      />
      <section aria-labelledby="seizures-heading">
        <h2 id="seizures-heading">{t('web:profile.seizuresHeading')}</h2>
        {error && (
          <ErrorMessage
            error={error}
            onRetry={() => {
              ca5.reload();
              eu27.reload();
            }}
          />
        )}
        <div className="group-blocks">
          {answers.map((answer, i) =>
            answer.data ? (
              <GroupBlock key={GROUPS[i]} group={GROUPS[i] ?? ''} substance={code} series={answer.data} />
            ) : answer.error ? null : (
              <Loading key={GROUPS[i]} />
            ),
          )}
        </div>
        <p>
          <Link to={explorerHref({ indicator: 'SZR_QTY', substance: code, areas: [], groups: [...GROUPS] })}>
            {t('web:profile.openInExplorer')}
          </Link>
        </p>
      </section>
      <section aria-labelledby="substance-signals-heading">
        <h2 id="substance-signals-heading">{t('web:profile.signals')}</h2>
        <SignalList query={{ substance: code }} headingId="substance-signals-heading" />
      </section>
      <section aria-labelledby="substance-sources-heading">
        <h2 id="substance-sources-heading">{t('web:profile.sources')}</h2>
        <SourceList sources={uniqueSources(answers.map((a) => a.data?.sources))} />
      </section>
    </>
  );
}
