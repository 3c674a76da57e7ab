import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { BiText } from '../dialogue/Bilingual.tsx';
import { DialogueForm } from '../dialogue/DialogueForm.tsx';
import { FollowUpTracker } from '../dialogue/FollowUpTracker.tsx';
import { today } from '../dialogue/format.ts';
import { MeetingList } from '../dialogue/MeetingList.tsx';
import { NewMeetingForm } from '../dialogue/NewMeetingForm.tsx';
import { MEETING_STATUSES, type DialogueSummary, type MeetingSummary } from '../dialogue/types.ts';
import { useCanEdit } from '../dialogue/useCanEdit.ts';
import { navigate, useLocation } from '../router/router.ts';

/** Dialogue series and their meetings, upcoming and past, filtered by year and status. */
export function DialoguePage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const { query } = useLocation();
  const year = query.get('year') ?? '';
  const status = query.get('status') ?? '';
  const dialogues = useApi<Page<DialogueSummary>>('dialogues', { pageSize: 100 });
  const meetings = useApi<Page<MeetingSummary>>('meetings', { pageSize: 100, year, status });

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    const search = next.toString();
    navigate(`/dialogue${search ? `?${search}` : ''}`, { replace: true });
  };

  const now = today();
  const items = meetings.data?.items ?? [];
  const upcoming = items
    .filter((m) => m.endDate >= now)
    .sort((a, b) => a.startDate.localeCompare(b.startDate));
  const past = items.filter((m) => m.endDate < now).sort((a, b) => b.startDate.localeCompare(a.startDate));
  const thisYear = new Date().getUTCFullYear();
  const years = Array.from({ length: thisYear + 2 - 2015 }, (_, i) => String(thisYear + 1 - i));

  return (
    <>
      <PageHeader title={t('dialogueWeb:dialogue.title')} intro={t('dialogueWeb:dialogue.intro')} />
      <p>
        <Link to="/programmes">{t('dialogueWeb:programme.all')}</Link>
        {' · '}
        <Link to="/strategies">{t('dialogueWeb:strategy.all')}</Link>
      </p>

      <section aria-labelledby="series-heading">
        <h2 id="series-heading">{t('dialogueWeb:dialogue.series')}</h2>
        {dialogues.error && <ErrorMessage error={dialogues.error} onRetry={dialogues.reload} />}
        {!dialogues.data && dialogues.loading && <Loading />}
        {dialogues.data && dialogues.data.items.length === 0 && (
          <p className="notice">{t('dialogueWeb:dialogue.noSeries')}</p>
        )}
        {dialogues.data && dialogues.data.items.length > 0 && (
          <ul className="dialogue-series">
            {dialogues.data.items.map((d) => (
              <li key={d.code}>
                <strong>
                  <BiText en={d.titleEn} ru={d.titleRu} />
                </strong>{' '}
                <span className="secondary-code">{d.code}</span>{' '}
                <span className="tag">{t(`dialogueWeb:dialogue.kind.${d.kind}`)}</span>{' '}
                <span className="hint">
                  {t('dialogueWeb:dialogue.meetingCount', { count: d.meetingCount })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">{t('dialogueWeb:dialogue.meetings')}</h2>
        <div className="filter-row">
          <div className="field">
            <label htmlFor="meeting-year">{t('dialogueWeb:dialogue.year')}</label>
            <select id="meeting-year" value={year} onChange={(e) => setFilter('year', e.target.value)}>
              <option value="">{t('dialogueWeb:dialogue.anyYear')}</option>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="meeting-status">{t('dialogueWeb:meeting.status')}</label>
            <select id="meeting-status" value={status} onChange={(e) => setFilter('status', e.target.value)}>
              <option value="">{t('dialogueWeb:dialogue.anyStatus')}</option>
              {MEETING_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`dialogueWeb:status.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {meetings.error && <ErrorMessage error={meetings.error} onRetry={meetings.reload} />}
        {!meetings.data && meetings.loading && <Loading />}
        {meetings.data && (
          <div aria-busy={meetings.loading}>
            <h3>{t('dialogueWeb:dialogue.upcoming')}</h3>
            {upcoming.length === 0 ? (
              <p className="notice">{t('dialogueWeb:dialogue.noUpcoming')}</p>
            ) : (
              <MeetingList meetings={upcoming} caption={t('dialogueWeb:dialogue.upcoming')} />
            )}
            <h3>{t('dialogueWeb:dialogue.past')}</h3>
            {past.length === 0 ? (
              <p className="notice">{t('dialogueWeb:dialogue.noPast')}</p>
            ) : (
              <MeetingList meetings={past} caption={t('dialogueWeb:dialogue.past')} />
            )}
          </div>
        )}
      </section>

      <FollowUpTracker />

      {canEdit && (
        <section aria-labelledby="new-series-heading">
          <h2 id="new-series-heading">{t('dialogueWeb:dialogue.newSeries')}</h2>
          <DialogueForm onChanged={dialogues.reload} />
        </section>
      )}

      {canEdit && dialogues.data && dialogues.data.items.length > 0 && (
        <section aria-labelledby="new-meeting-heading">
          <h2 id="new-meeting-heading">{t('dialogueWeb:meeting.new')}</h2>
          <NewMeetingForm dialogues={dialogues.data.items} />
        </section>
      )}
    </>
  );
}
