import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { navigate } from '../router/router.ts';
import { BilingualField, bindPair, type Pair } from './Bilingual.tsx';
import { orNull } from './bilingual.ts';
import { DateField, OptionSelect, VisibilitySelect } from './Controls.tsx';
import { Field } from './Field.tsx';
import { send, useForm } from './forms.ts';
import { FormButtons } from './InlineEdit.tsx';
import { paths } from './paths.ts';
import {
  MEETING_FORMATS,
  type DialogueSummary,
  type MeetingFormat,
  type MeetingSummary,
  type Visibility,
} from './types.ts';

const emptyPair = (): Pair => ({ en: '', ru: '' });

const pairOf = (en: string | null, ru: string | null): Pair => ({ en: en ?? '', ru: ru ?? '' });

/**
 * Editors: a new meeting of a dialogue series, or (with `meeting`) the details of an existing one.
 * The server's located errors show at the fields.
 */
export function NewMeetingForm({
  dialogues,
  meeting,
  onSaved,
  onCancel,
}: {
  dialogues: DialogueSummary[];
  meeting?: MeetingSummary;
  onSaved?: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm();
  const [dialogue, setDialogue] = useState(meeting?.dialogue.code ?? dialogues[0]?.code ?? '');
  const [startDate, setStartDate] = useState(meeting?.startDate ?? '');
  const [endDate, setEndDate] = useState(meeting?.endDate ?? '');
  const [format, setFormat] = useState<MeetingFormat>(meeting?.format ?? 'in_person');
  const [visibility, setVisibility] = useState<Visibility>(meeting?.visibility ?? 'participants');
  const [title, setTitle] = useState(() =>
    meeting ? pairOf(meeting.titleEn, meeting.titleRu) : emptyPair(),
  );
  const [place, setPlace] = useState(() =>
    meeting ? pairOf(meeting.placeEn, meeting.placeRu) : emptyPair(),
  );
  const [chair, setChair] = useState(() =>
    meeting ? pairOf(meeting.chairEn, meeting.chairRu) : emptyPair(),
  );
  const errors = form.fieldErrors;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      startDate,
      endDate,
      format,
      visibility,
      titleEn: orNull(title.en),
      titleRu: orNull(title.ru),
      placeEn: orNull(place.en),
      placeRu: orNull(place.ru),
      chairEn: orNull(chair.en),
      chairRu: orNull(chair.ru),
    };
    if (meeting) {
      const saved = await form.run(() => send<MeetingSummary>('patch', paths.meeting(meeting.id), fields));
      if (saved) onSaved?.();
      return;
    }
    const created = await form.run(() => send<MeetingSummary>('post', 'meetings', { dialogue, ...fields }));
    if (created) navigate(`/meetings/${created.id}`);
  };

  return (
    <form className="form dialogue-form" onSubmit={(e) => void submit(e)} noValidate>
      {form.error && <ErrorMessage error={form.error} />}
      {!meeting && (
        <Field id="meeting-dialogue" label={t('dialogueWeb:meeting.dialogue')} error={errors.dialogue}>
          {(props) => (
            <select {...props} value={dialogue} onChange={(e) => setDialogue(e.target.value)} required>
              {dialogues.map((d) => (
                <option key={d.code} value={d.code}>
                  {(d.titleEn || d.titleRu) && `${d.code} — `}
                  {d.titleEn ?? d.titleRu}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <div className="form-row">
        <DateField
          id="meeting-start"
          label={t('dialogueWeb:meeting.startDate')}
          error={errors.startDate}
          required
          value={startDate}
          onChange={setStartDate}
        />
        <DateField
          id="meeting-end"
          label={t('dialogueWeb:meeting.endDate')}
          error={errors.endDate}
          required
          value={endDate}
          onChange={setEndDate}
        />
        <OptionSelect
          id="meeting-format"
          label={t('dialogueWeb:meeting.format')}
          error={errors.format}
          value={format}
          onChange={setFormat}
          options={MEETING_FORMATS}
          text={(f) => t(`dialogueWeb:format.${f}`)}
        />
        <VisibilitySelect
          id="meeting-visibility"
          first="participants"
          error={errors.visibility}
          value={visibility}
          onChange={setVisibility}
        />
      </div>
      <BilingualField
        idPrefix="meeting"
        name="title"
        label={t('dialogueWeb:meeting.title')}
        errors={errors}
        {...bindPair(title, setTitle)}
      />
      <BilingualField
        idPrefix="meeting"
        name="place"
        label={t('dialogueWeb:meeting.place')}
        errors={errors}
        {...bindPair(place, setPlace)}
      />
      <BilingualField
        idPrefix="meeting"
        name="chair"
        label={t('dialogueWeb:meeting.chair')}
        errors={errors}
        {...bindPair(chair, setChair)}
      />
      <FormButtons
        className="button-row"
        busy={form.busy || !dialogue}
        submit={meeting ? t('dialogueWeb:form.save') : t('dialogueWeb:meeting.create')}
        onCancel={onCancel}
      />
    </form>
  );
}
