import { useTranslation } from 'react-i18next';
import { Link } from '../components/Link.tsx';
import { useLanguage } from '../i18n/useLanguage.ts';
import { BiText } from './Bilingual.tsx';
import { formatDateRange } from './format.ts';
import type { MeetingSummary } from './types.ts';

/** A table of meetings: date, title, place, status (as text). */
export function MeetingList({ meetings, caption }: { meetings: MeetingSummary[]; caption: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <div className="table-wrap">
      <table className="data-table meeting-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dialogueWeb:meeting.date')}</th>
            <th scope="col">{t('dialogueWeb:meeting.title')}</th>
            <th scope="col">{t('dialogueWeb:meeting.dialogue')}</th>
            <th scope="col">{t('dialogueWeb:meeting.place')}</th>
            <th scope="col">{t('dialogueWeb:meeting.status')}</th>
          </tr>
        </thead>
        <tbody>
          {meetings.map((m) => (
            <tr key={m.id}>
              <td>{formatDateRange(lang, m.startDate, m.endDate)}</td>
              <th scope="row">
                <Link to={`/meetings/${m.id}`}>
                  <BiText en={m.titleEn} ru={m.titleRu} empty={t('dialogueWeb:meeting.untitled')} />
                </Link>
              </th>
              <td>{m.dialogue.title}</td>
              <td>
                <BiText en={m.placeEn} ru={m.placeRu} empty={t('web:notAvailable')} />
              </td>
              <td>
                <span className={`status-tag status-${m.status}`}>{t(`dialogueWeb:status.${m.status}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
