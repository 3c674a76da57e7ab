import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { useLanguage } from '../i18n/useLanguage.ts';
import { BiText } from './Bilingual.tsx';
import { formatDateRange } from './format.ts';
import { NewMeetingForm } from './NewMeetingForm.tsx';
import { send, useForm } from './forms.ts';
import { paths } from './paths.ts';
import { MEETING_STATUSES, type MeetingDetail } from './types.ts';

/** Dates, place, format, chair and status; editors move the status one step on. */
export function MeetingDetails({
  meeting,
  canEdit,
  onChanged,
}: {
  meeting: MeetingDetail;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const form = useForm();
  const next = MEETING_STATUSES[MEETING_STATUSES.indexOf(meeting.status) + 1];
  const none = t('web:notAvailable');
  const [editing, setEditing] = useState(false);

  const advance = async () => {
    if (!next) return;
    const done = await form.run(() => send('patch', paths.meeting(meeting.id), { status: next }));
    if (done !== undefined) onChanged();
  };

  return (
    <section aria-labelledby="details-heading" className="meeting-section">
      <h2 id="details-heading">{t('dialogueWeb:meeting.details')}</h2>
      <dl className="definition-list">
        <div>
          <dt>{t('dialogueWeb:meeting.dialogue')}</dt>
          <dd>
            {meeting.dialogue.title} <span className="secondary-code">{meeting.dialogue.code}</span>
          </dd>
        </div>
        <div>
          <dt>{t('dialogueWeb:meeting.date')}</dt>
          <dd>{formatDateRange(lang, meeting.startDate, meeting.endDate)}</dd>
        </div>
        <div>
          <dt>{t('dialogueWeb:meeting.place')}</dt>
          <dd>
            <BiText en={meeting.placeEn} ru={meeting.placeRu} empty={none} />
          </dd>
        </div>
        <div>
          <dt>{t('dialogueWeb:meeting.format')}</dt>
          <dd>{t(`dialogueWeb:format.${meeting.format}`)}</dd>
        </div>
        <div>
          <dt>{t('dialogueWeb:meeting.chair')}</dt>
          <dd>
            <BiText en={meeting.chairEn} ru={meeting.chairRu} empty={none} />
          </dd>
        </div>
        <div>
          <dt>{t('dialogueWeb:meeting.status')}</dt>
          <dd>
            <span className={`status-tag status-${meeting.status}`}>
              {t(`dialogueWeb:status.${meeting.status}`)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('dialogueWeb:meeting.visibility')}</dt>
          <dd>{t(`dialogueWeb:visibility.${meeting.visibility}`)}</dd>
        </div>
        {meeting.sourceReference && (
          <div>
            <dt>{t('dialogueWeb:meeting.source')}</dt>
            <dd>{meeting.sourceReference}</dd>
          </div>
        )}
      </dl>
      {canEdit && editing && (
        <NewMeetingForm
          dialogues={[]}
          meeting={meeting}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      )}
      {canEdit && !editing && (
        <p className="button-row">
          <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
            {t('dialogueWeb:meeting.editDetails')}
          </button>
          {next && (
            <button
              type="button"
              className="button button-primary"
              disabled={form.busy}
              onClick={() => void advance()}
            >
              {t('dialogueWeb:meeting.advance', { status: t(`dialogueWeb:status.${next}`) })}
            </button>
          )}
        </p>
      )}
      {form.error && <ErrorMessage error={form.error} />}
      <p>
        <Link to="/dialogue">{t('dialogueWeb:meeting.back')}</Link>
      </p>
    </section>
  );
}
