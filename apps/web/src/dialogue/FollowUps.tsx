import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { useLanguage } from '../i18n/useLanguage.ts';
import { BilingualField, bindPair, BiText } from './Bilingual.tsx';
import { orNull } from './bilingual.ts';
import { DeleteButton } from './DeleteButton.tsx';
import { DateField } from './Controls.tsx';
import { formatDate } from './format.ts';
import { send, useForm } from './forms.ts';
import { FormButtons, InlineEdit } from './InlineEdit.tsx';
import { paths } from './paths.ts';
import {
  FOLLOW_UP_STATUSES,
  type Conclusion,
  type FollowUp,
  type FollowUpStatus,
  type MeetingDetail,
} from './types.ts';

/** Add a conclusion to a meeting, or edit one (editors). */
function ConclusionForm({
  meetingId,
  conclusion,
  onChanged,
  onCancel,
}: {
  meetingId: number;
  conclusion?: Conclusion;
  onChanged: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm();
  const [text, setText] = useState({ en: conclusion?.textEn ?? '', ru: conclusion?.textRu ?? '' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { textEn: orNull(text.en), textRu: orNull(text.ru) };
    const done = await form.run(() =>
      conclusion
        ? send('patch', paths.conclusion(conclusion.id), body)
        : send('post', paths.conclusions(meetingId), body),
    );
    if (done === undefined) return;
    if (!conclusion) setText({ en: '', ru: '' });
    onCancel?.();
    onChanged();
  };

  return (
    <form className="form dialogue-form" onSubmit={(e) => void submit(e)} noValidate>
      {!conclusion && <h3>{t('dialogueWeb:conclusions.add')}</h3>}
      {form.error && <ErrorMessage error={form.error} />}
      <BilingualField
        idPrefix={conclusion ? `conclusion-${conclusion.id}` : 'conclusion'}
        name="text"
        label={t('dialogueWeb:conclusions.text')}
        multiline
        required
        {...bindPair(text, setText)}
        errors={form.fieldErrors}
      />
      <FormButtons
        busy={form.busy}
        submit={conclusion ? t('dialogueWeb:form.save') : t('dialogueWeb:conclusions.addButton')}
        onCancel={onCancel}
      />
    </form>
  );
}

/** Add a follow-up action to a meeting, or edit its text, owner and due date (editors). */
function FollowUpForm({
  meetingId,
  followUp,
  onChanged,
  onCancel,
}: {
  meetingId: number;
  followUp?: FollowUp;
  onChanged: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm();
  const [text, setText] = useState({ en: followUp?.textEn ?? '', ru: followUp?.textRu ?? '' });
  const [owner, setOwner] = useState({ en: followUp?.ownerEn ?? '', ru: followUp?.ownerRu ?? '' });
  const [dueDate, setDueDate] = useState(followUp?.dueDate ?? '');
  const prefix = followUp ? `follow-up-${followUp.id}` : 'follow-up';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      textEn: orNull(text.en),
      textRu: orNull(text.ru),
      ownerEn: orNull(owner.en),
      ownerRu: orNull(owner.ru),
      dueDate: dueDate || null,
    };
    const done = await form.run(() =>
      followUp
        ? send('patch', paths.followUp(followUp.id), body)
        : send('post', paths.followUps(meetingId), body),
    );
    if (done === undefined) return;
    if (!followUp) {
      setText({ en: '', ru: '' });
      setOwner({ en: '', ru: '' });
      setDueDate('');
    }
    onCancel?.();
    onChanged();
  };

  return (
    <form className="form dialogue-form" onSubmit={(e) => void submit(e)} noValidate>
      {!followUp && <h3>{t('dialogueWeb:followUp.add')}</h3>}
      {form.error && <ErrorMessage error={form.error} />}
      <BilingualField
        idPrefix={prefix}
        name="text"
        label={t('dialogueWeb:followUp.text')}
        multiline
        required
        {...bindPair(text, setText)}
        errors={form.fieldErrors}
      />
      <BilingualField
        idPrefix={prefix}
        name="owner"
        label={t('dialogueWeb:followUp.owner')}
        required={!followUp?.ownerArea}
        {...bindPair(owner, setOwner)}
        errors={{
          ...form.fieldErrors,
          owner: form.fieldErrors.owner ?? form.fieldErrors.ownerArea ?? '',
        }}
      />
      <DateField
        id={`${prefix}-due`}
        label={t('dialogueWeb:followUp.due')}
        error={form.fieldErrors.dueDate}
        value={dueDate}
        onChange={setDueDate}
      />
      <FormButtons
        busy={form.busy}
        submit={followUp ? t('dialogueWeb:form.save') : t('dialogueWeb:followUp.addButton')}
        onCancel={onCancel}
      />
    </form>
  );
}

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
              <InlineEdit
                label={t('dialogueWeb:form.editWhat', { what: f.textEn ?? f.textRu ?? '' })}
                text={t('dialogueWeb:form.edit')}
              >
                {(close) => (
                  <FollowUpForm meetingId={meetingId} followUp={f} onChanged={onChanged} onCancel={close} />
                )}
              </InlineEdit>
            )}{' '}
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
                  <InlineEdit
                    label={t('dialogueWeb:form.editWhat', {
                      what: t('dialogueWeb:conclusions.number', { n: c.position + 1 }),
                    })}
                    text={t('dialogueWeb:form.edit')}
                  >
                    {(close) => (
                      <ConclusionForm
                        meetingId={meeting.id}
                        conclusion={c}
                        onChanged={onChanged}
                        onCancel={close}
                      />
                    )}
                  </InlineEdit>{' '}
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
      {canEdit && <ConclusionForm meetingId={meeting.id} onChanged={onChanged} />}

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
      {canEdit && <FollowUpForm meetingId={meeting.id} onChanged={onChanged} />}
    </section>
  );
}
