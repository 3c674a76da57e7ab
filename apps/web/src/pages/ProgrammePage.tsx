import { useTranslation } from 'react-i18next';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { BiText } from '../dialogue/Bilingual.tsx';
import { resolveText } from '../dialogue/bilingual.ts';
import { formatDate, formatPeriod } from '../dialogue/format.ts';
import { InlineEdit } from '../dialogue/InlineEdit.tsx';
import { ProgrammeForm } from '../dialogue/ProgrammeForm.tsx';
import type { ProgrammeDetail } from '../dialogue/types.ts';
import { useCanEdit } from '../dialogue/useCanEdit.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { useLocation } from '../router/router.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** One programme: funder, implementer, countries, period, components, activities and its meetings. */
export function ProgrammePage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const canEdit = useCanEdit();
  const { pathname } = useLocation();
  const code = decodeURIComponent(pathname.split('/')[2] ?? '');
  const {
    data: p,
    error,
    loading,
    reload,
  } = useApi<ProgrammeDetail>(`programmes/${encodeURIComponent(code)}`);
  if (error?.status === 404) return <NotFoundPage />;
  const none = t('web:notAvailable');
  const title = p ? (resolveText(lang, p.nameEn, p.nameRu)?.text ?? p.code) : code;

  return (
    <>
      <PageHeader title={title} />
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {!p && loading && <Loading />}
      {p && (
        <>
          {(p.descriptionEn || p.descriptionRu) && (
            <p className="page-intro">
              <BiText en={p.descriptionEn} ru={p.descriptionRu} />
            </p>
          )}
          <dl className="definition-list">
            <div>
              <dt>{t('dialogueWeb:programme.code')}</dt>
              <dd>{p.code}</dd>
            </div>
            <div>
              <dt>{t('dialogueWeb:programme.funder')}</dt>
              <dd>
                <BiText en={p.funderEn} ru={p.funderRu} empty={none} />
              </dd>
            </div>
            <div>
              <dt>{t('dialogueWeb:programme.implementer')}</dt>
              <dd>
                <BiText en={p.implementerEn} ru={p.implementerRu} empty={none} />
              </dd>
            </div>
            <div>
              <dt>{t('dialogueWeb:programme.countries')}</dt>
              <dd>
                {p.countries.length
                  ? p.countries.map((c, i) => (
                      <span key={c.code}>
                        {i > 0 && ', '}
                        <Link to={`/countries/${c.code}`}>{c.name}</Link>
                      </span>
                    ))
                  : none}
              </dd>
            </div>
            <div>
              <dt>{t('dialogueWeb:programme.period')}</dt>
              <dd>{formatPeriod(lang, p.startDate, p.endDate) ?? none}</dd>
            </div>
            {p.url && (
              <div>
                <dt>{t('dialogueWeb:programme.website')}</dt>
                <dd>
                  <a href={p.url} rel="noreferrer">
                    {p.url}
                  </a>
                </dd>
              </div>
            )}
            {p.sourceReference && (
              <div>
                <dt>{t('dialogueWeb:meeting.source')}</dt>
                <dd>{p.sourceReference}</dd>
              </div>
            )}
          </dl>
          {canEdit && (
            <InlineEdit label={t('dialogueWeb:programme.edit')} text={t('dialogueWeb:programme.edit')}>
              {(close) => <ProgrammeForm programme={p} onChanged={reload} onCancel={close} />}
            </InlineEdit>
          )}

          <section aria-labelledby="components-heading">
            <h2 id="components-heading">{t('dialogueWeb:programme.components')}</h2>
            {p.components.length === 0 ? (
              <p className="notice">{t('dialogueWeb:programme.noComponents')}</p>
            ) : (
              <ol>
                {p.components.map((c) => (
                  <li key={c.id}>
                    <strong>
                      <BiText en={c.titleEn} ru={c.titleRu} />
                    </strong>
                    {(c.descriptionEn || c.descriptionRu) && (
                      <p>
                        <BiText en={c.descriptionEn} ru={c.descriptionRu} />
                      </p>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section aria-labelledby="activities-heading">
            <h2 id="activities-heading">{t('dialogueWeb:programme.activities')}</h2>
            {p.activities.length === 0 ? (
              <p className="notice">{t('dialogueWeb:programme.noActivities')}</p>
            ) : (
              <ul>
                {p.activities.map((a) => (
                  <li key={a.id}>
                    <BiText en={a.titleEn} ru={a.titleRu} />
                    {a.country && ` — ${a.country.name}`}
                    {' · '}
                    {t(`dialogueWeb:activityStatus.${a.status}`)}
                    {formatPeriod(lang, a.startDate, a.endDate) &&
                      ` · ${formatPeriod(lang, a.startDate, a.endDate)}`}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="programme-meetings-heading">
            <h2 id="programme-meetings-heading">{t('dialogueWeb:programme.meetings')}</h2>
            {p.meetings.length === 0 ? (
              <p className="notice">{t('dialogueWeb:programme.noMeetings')}</p>
            ) : (
              <ul>
                {p.meetings.map((m) => (
                  <li key={m.id}>
                    <Link to={`/meetings/${m.id}`}>
                      {formatDate(lang, m.date)}
                      {(m.titleEn || m.titleRu) && ' — '}
                      <BiText en={m.titleEn} ru={m.titleRu} />
                    </Link>{' '}
                    <span className="hint">
                      ({m.via.map((v) => t(`dialogueWeb:programme.via.${v}`)).join(', ')})
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <p>
            <Link to="/programmes">{t('dialogueWeb:programme.all')}</Link>
          </p>
        </>
      )}
    </>
  );
}
