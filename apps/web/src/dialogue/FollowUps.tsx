import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { useLanguage } from '../i18n/useLanguage.ts';
import { BilingualField, BiText } from './Bilingual.tsx';
import { orNull } from './bilingual.ts';
import { DeleteButton } from './DeleteButton.tsx';
import { Field } from './Field.tsx';
import { formatDate } from './format.ts';
import { send, useForm } from './forms.ts';
import { paths } from './paths.ts';
import { FOLLOW_UP_STATUSES, type FollowUp, type FollowUpStatus, type MeetingDetail } from './types.ts';

/** Follow-up actions with owner, due date and status (editors change the status). */
export function FollowUpList({
  followUps,
  canEdit,
  carried = false,
  meetingId,
  onChanged,
}: {
  followUps: FollowUp[];
  canEdit: boolean;
  /** Raised at an earlier meeting: shows which one, and closing records this meeting. */
  carried?: boolean;
  meetingId: number;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const form = useForm();

  const setStatus = async (followUp: FollowUp, status: FollowUpStatus) => {
    const body = carried ? { status, atMeeting: meetingId } : { status };
    if ((await form.run(() => send('patch', paths.followUp(followUp.id), body))) !== undefined) onChanged();
  };

  return (
    <>
      {form.error && <ErrorMessage error={form.error} />}
      <ul className="follow-up-list">
        {followUps.map((f) => (
          <li key={f.id} className="follow-up">
            <p>
              <BiText en={f.textEn} ru={f.textRu} />
            </p>
            <p className="hint">
              {t('dialogueWeb:followUp.owner')}:{' '}
              {f.ownerArea ? f.ownerArea.name : <BiText en={f.ownerEn} ru={f.ownerRu} />}
              {' · '}
              {t('dialogueWeb:followUp.due')}:{' '}
              {f.dueDate ? formatDate(lang, f.dueDate) : t('web:notAvailable')}
              {carried && (
                <>
                  {' · '}
                  <Link to={`/meetings/${f.meetingId}`}>
                    {t('dialogueWeb:followUp.raisedAt', { date: formatDate(lang, f.meetingStartDate) })}
                  </Link>
                </>
              )}
            </p>
            {canEdit && !carried && (
              <DeleteButton
                path={paths.followUp(f.id)}
                what={f.textEn ?? f.textRu ?? ''}
                onDeleted={onChanged}
              />
            )}
            {canEdit ? (
              <div className="field field-inline">
                <label htmlFor={`follow-up-status-${f.id}`}>{t('dialogueWeb:followUp.status')}</label>
                <select
                  id={`follow-up-status-${f.id}`}
                  value={f.status}
                  disabled={form.busy}
                  onChange={(e) => void setStatus(f, e.target.value as FollowUpStatus)}
                >
                  {FOLLOW_UP_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`dialogueWeb:followUpStatus.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <p>
                {t('dialogueWeb:followUp.status')}:{' '}
                <span className={`status-tag status-${f.status}`}>
                  {t(`dialogueWeb:followUpStatus.${f.status}`)}
                </span>
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Conclusions of the meeting and the follow-up actions raised at it. */
export function ConclusionsSection({
  meeting,
  canEdit,
  onChanged,
}: {
  meeting: MeetingDetail;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const conclusionForm = useForm();
  const followUpForm = useForm();
  const [conclusion, setConclusion] = useState({ en: '', ru: '' });
  const [text, setText] = useState({ en: '', ru: '' });
  const [owner, setOwner] = useState({ en: '', ru: '' });
  const [dueDate, setDueDate] = useState('');

  const addConclusion = async (event: FormEvent) => {
    event.preventDefault();
    const done = await conclusionForm.run(() =>
      send('post', paths.conclusions(meeting.id), {
        textEn: orNull(conclusion.en),
        textRu: orNull(conclusion.ru),
      }),
    );
    if (done !== undefined) {
      setConclusion({ en: '', ru: '' });
      onChanged();
    }
  };

  const addFollowUp = async (event: FormEvent) => {
    event.preventDefault();
    const done = await followUpForm.run(() =>
      send('post', paths.followUps(meeting.id), {
        textEn: orNull(text.en),
        textRu: orNull(text.ru),
        ownerEn: orNull(owner.en),
        ownerRu: orNull(owner.ru),
        dueDate: dueDate || null,
      }),
    );
    if (done !== undefined) {
      setText({ en: '', ru: '' });
      setOwner({ en: '', ru: '' });
      setDueDate('');
      onChanged();
    }
  };

  return (
    <section aria-labelledby="conclusions-heading" className="meeting-section">
      <h2 id="conclusions-heading">{t('dialogueWeb:conclusions.title')}</h2>
      {meeting.conclusions.length === 0 ? (
        <p className="notice">{t('dialogueWeb:conclusions.empty')}</p>
      ) : (
        <ol className="conclusion-list">
          {meeting.conclusions.map((c) => (
            <li key={c.id}>
              <BiText en={c.textEn} ru={c.textRu} />
              {canEdit && (
                <>
                  {' '}
                  <DeleteButton
                    path={paths.conclusion(c.id)}
                    what={t('dialogueWeb:conclusions.number', { n: c.position + 1 })}
                    onDeleted={onChanged}
                  />
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {canEdit && (
        <form className="form dialogue-form" onSubmit={(e) => void addConclusion(e)} noValidate>
          <h3>{t('dialogueWeb:conclusions.add')}</h3>
          {conclusionForm.error && <ErrorMessage error={conclusionForm.error} />}
          <BilingualField
            idPrefix="conclusion"
            name="text"
            label={t('dialogueWeb:conclusions.text')}
            multiline
            required
            en={conclusion.en}
            ru={conclusion.ru}
            errors={conclusionForm.fieldErrors}
            onChange={(l, v) => setConclusion((c) => ({ ...c, [l]: v }))}
          />
          <button type="submit" className="button button-primary" disabled={conclusionForm.busy}>
            {t('dialogueWeb:conclusions.addButton')}
          </button>
        </form>
      )}

      <h3 id="follow-ups-heading">{t('dialogueWeb:followUp.title')}</h3>
      {meeting.followUps.length === 0 ? (
        <p className="notice">{t('dialogueWeb:followUp.empty')}</p>
      ) : (
        <FollowUpList
          followUps={meeting.followUps}
          canEdit={canEdit}
          meetingId={meeting.id}
          onChanged={onChanged}
        />
      )}
      {canEdit && (
        <form className="form dialogue-form" onSubmit={(e) => void addFollowUp(e)} noValidate>
          <h3>{t('dialogueWeb:followUp.add')}</h3>
          {followUpForm.error && <ErrorMessage error={followUpForm.error} />}
          <BilingualField
            idPrefix="follow-up"
            name="text"
            label={t('dialogueWeb:followUp.text')}
            multiline
            required
            en={text.en}
            ru={text.ru}
            errors={followUpForm.fieldErrors}
            onChange={(l, v) => setText((c) => ({ ...c, [l]: v }))}
          />
          <BilingualField
            idPrefix="follow-up"
            name="owner"
            label={t('dialogueWeb:followUp.owner')}
            required
            en={owner.en}
            ru={owner.ru}
            errors={{
              ...followUpForm.fieldErrors,
              owner: followUpForm.fieldErrors.owner ?? followUpForm.fieldErrors.ownerArea ?? '',
            }}
            onChange={(l, v) => setOwner((c) => ({ ...c, [l]: v }))}
          />
          <Field
            id="follow-up-due"
            label={t('dialogueWeb:followUp.due')}
            error={followUpForm.fieldErrors.dueDate}
          >
            {(props) => (
              <input {...props} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
            )}
          </Field>
          <button type="submit" className="button button-primary" disabled={followUpForm.busy}>
            {t('dialogueWeb:followUp.addButton')}
          </button>
        </form>
      )}
    </section>
  );
}
