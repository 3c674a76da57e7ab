import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLanguage } from '../i18n/useLanguage.ts';
import { BiText } from './Bilingual.tsx';
import { formatDate } from './format.ts';
import type { FollowUp } from './types.ts';

interface TrackedFollowUp extends FollowUp {
  dialogueCode: string;
  meetingTitleEn: string | null;
  meetingTitleRu: string | null;
  overdue: boolean;
}

/**
 * Follow-up actions still open or in progress across all meetings the visitor may see, oldest due
 * date first; overdue ones say so in words, not only by colour.
 */
export function FollowUpTracker() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const open = useApi<Page<TrackedFollowUp>>('follow-ups', {
    status: ['open', 'in_progress'],
    pageSize: 100,
  });
  return (
    <section aria-labelledby="tracker-heading">
      <h2 id="tracker-heading">{t('dialogueWeb:tracker.title')}</h2>
      {open.error && <ErrorMessage error={open.error} onRetry={open.reload} />}
      {!open.data && open.loading && <Loading />}
      {open.data && open.data.items.length === 0 && <p className="notice">{t('dialogueWeb:tracker.none')}</p>}
      {open.data && open.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table follow-up-tracker">
            <caption>{t('dialogueWeb:tracker.caption', { count: open.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dialogueWeb:followUp.text')}</th>
                <th scope="col">{t('dialogueWeb:followUp.owner')}</th>
                <th scope="col">{t('dialogueWeb:followUp.due')}</th>
                <th scope="col">{t('dialogueWeb:followUp.status')}</th>
                <th scope="col">{t('dialogueWeb:tracker.raisedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {open.data.items.map((f) => (
                <tr key={f.id}>
                  <th scope="row">
                    <BiText en={f.textEn} ru={f.textRu} />
                  </th>
                  <td>{f.ownerArea ? f.ownerArea.name : <BiText en={f.ownerEn} ru={f.ownerRu} />}</td>
                  <td>
                    {f.dueDate ? formatDate(lang, f.dueDate) : t('web:notAvailable')}
                    {f.overdue && <strong className="overdue"> {t('dialogueWeb:tracker.overdue')}</strong>}
                  </td>
                  <td>{f.statusText}</td>
                  <td>
                    <Link to={`/meetings/${f.meetingId}`}>
                      <BiText
                        en={f.meetingTitleEn}
                        ru={f.meetingTitleRu}
                        empty={formatDate(lang, f.meetingStartDate)}
                      />
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
