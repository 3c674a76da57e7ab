import { useTranslation } from 'react-i18next';
import type { Health, Indicator, Page, Source, Area } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { Link } from '../components/Link.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';

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

/** Landing page: what Observatory is, whether it is healthy, and how much it holds. */
export function OverviewPage() {
  const { t } = useTranslation();
  const countries = useApi<Page<Area>>('areas', { kind: 'country', pageSize: 1 });
  const indicators = useApi<{ items: Indicator[] }>('indicators');
  const sources = useApi<Page<Source>>('sources', { pageSize: 1 });

  return (
    <>
      <PageHeader title={t('web:overview.title')} intro={t('web:overview.lead')} />
      <StatusLine />
      <p className="prose">{t('web:overview.intro')}</p>
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
