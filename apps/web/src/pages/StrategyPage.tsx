import { useTranslation } from 'react-i18next';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { BiText } from '../dialogue/Bilingual.tsx';
import { resolveText } from '../dialogue/bilingual.ts';
import { InlineEdit } from '../dialogue/InlineEdit.tsx';
import { NodeForm } from '../dialogue/NewNodeForm.tsx';
import { paths } from '../dialogue/paths.ts';
import { AlignmentForm } from '../dialogue/StrategyLinks.tsx';
import { StrategyForm } from '../dialogue/StrategyForm.tsx';
import { ProgressSummary, StrategyTree } from '../dialogue/StrategyTree.tsx';
import type { StrategyDetail } from '../dialogue/types.ts';
import { useCanEdit } from '../dialogue/useCanEdit.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { useLocation } from '../router/router.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** One strategy: its tree with progress rolled up, indicators and alignment links. */
export function StrategyPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const canEdit = useCanEdit();
  const { pathname } = useLocation();
  const code = decodeURIComponent(pathname.split('/')[2] ?? '');
  const { data: s, error, loading, reload } = useApi<StrategyDetail>(paths.strategy(code));
  if (error?.status === 404) return <NotFoundPage />;
  const title = s ? (resolveText(lang, s.titleEn, s.titleRu)?.text ?? s.code) : code;
  const none = t('web:notAvailable');

  return (
    <>
      <PageHeader title={title} />
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {!s && loading && <Loading />}
      {s && (
        <div aria-busy={loading}>
          {(s.descriptionEn || s.descriptionRu) && (
            <p className="page-intro">
              <BiText en={s.descriptionEn} ru={s.descriptionRu} />
            </p>
          )}
          <dl className="definition-list">
            <div>
              <dt>{t('dialogueWeb:strategy.scope')}</dt>
              <dd>
                {t(`dialogueWeb:scope.${s.scope}`)}
                {s.area && ` — ${s.area.name}`}
              </dd>
            </div>
            <div>
              <dt>{t('dialogueWeb:strategy.period')}</dt>
              <dd>
                {s.periodStart}–{s.periodEnd}
              </dd>
            </div>
            <div>
              <dt>{t('dialogueWeb:strategy.adoptedBy')}</dt>
              <dd>
                <BiText en={s.adoptedByEn} ru={s.adoptedByRu} empty={none} />
              </dd>
            </div>
            {s.sourceReference && (
              <div>
                <dt>{t('dialogueWeb:meeting.source')}</dt>
                <dd>{s.sourceReference}</dd>
              </div>
            )}
          </dl>
          {canEdit && (
            <InlineEdit
              label={t('dialogueWeb:strategy.editDetails')}
              text={t('dialogueWeb:strategy.editDetails')}
            >
              {(close) => <StrategyForm strategy={s} onChanged={reload} onCancel={close} />}
            </InlineEdit>
          )}
          <h2>{t('dialogueWeb:strategy.overall')}</h2>
          <ProgressSummary
            rollup={s.rollup}
            id="strategy-progress"
            label={t('dialogueWeb:strategy.overall')}
          />
          <h2>{t('dialogueWeb:strategy.tree')}</h2>
          {s.nodes.length === 0 ? (
            <p className="notice">{t('dialogueWeb:strategy.noNodes')}</p>
          ) : (
            <StrategyTree strategy={s} canEdit={canEdit} onChanged={reload} />
          )}
          {canEdit && (
            <section aria-labelledby="new-node-heading">
              <h2 id="new-node-heading">{t('dialogueWeb:strategy.addNode')}</h2>
              <NodeForm strategy={s} onChanged={reload} />
            </section>
          )}
          {canEdit && (
            <section aria-labelledby="align-heading">
              <h2 id="align-heading">{t('dialogueWeb:align.title')}</h2>
              <AlignmentForm strategy={s} onChanged={reload} />
            </section>
          )}
          <p>
            <Link to="/strategies">{t('dialogueWeb:strategy.all')}</Link>
          </p>
        </div>
      )}
    </>
  );
}
