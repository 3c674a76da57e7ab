import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { BilingualField, BiText } from './Bilingual.tsx';
import { orNull } from './bilingual.ts';
import { OptionSelect, ProgrammeSelect } from './Controls.tsx';
import { FollowUpList } from './FollowUps.tsx';
import { removeRecord, send, useForm } from './forms.ts';
import { FormButtons } from './InlineEdit.tsx';
import { paths } from './paths.ts';
import {
  AGENDA_KINDS,
  type AgendaItem,
  type AgendaKind,
  type MeetingDetail,
  type ProgrammeSummary,
} from './types.ts';

interface Draft {
  kind: AgendaKind;
  titleEn: string;
  titleRu: string;
  descriptionEn: string;
  descriptionRu: string;
  programme: string;
}

const blankDraft = (): Draft => ({
  kind: 'eu_update',
  titleEn: '',
  titleRu: '',
  descriptionEn: '',
  descriptionRu: '',
  programme: '',
});

const draftOf = (item: AgendaItem): Draft => ({
  kind: item.kind,
  titleEn: item.titleEn ?? '',
  titleRu: item.titleRu ?? '',
  descriptionEn: item.descriptionEn ?? '',
  descriptionRu: item.descriptionRu ?? '',
  programme: item.programme?.code ?? '',
});

function bodyOf(draft: Draft) {
  return {
    kind: draft.kind,
    titleEn: orNull(draft.titleEn),
    titleRu: orNull(draft.titleRu),
    descriptionEn: orNull(draft.descriptionEn),
    descriptionRu: orNull(draft.descriptionRu),
    programme: draft.programme || null,
  };
}

/** The typed agenda item form (add or edit). */
function AgendaForm({
  idPrefix,
  initial,
  programmes,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  idPrefix: string;
  initial: Draft;
  programmes: ProgrammeSummary[];
  submitLabel: string;
  onSubmit: (draft: Draft, run: ReturnType<typeof useForm>['run']) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm();
  const [draft, setDraft] = useState(initial);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onSubmit(draft, form.run)) setDraft(initial);
  };

  return (
    <form className="form dialogue-form" onSubmit={(e) => void submit(e)} noValidate>
      {form.error && <ErrorMessage error={form.error} />}
      <div className="form-row">
        <OptionSelect
          id={`${idPrefix}-kind`}
          label={t('dialogueWeb:agenda.kind')}
          error={form.fieldErrors.kind}
          value={draft.kind}
          onChange={(value) => set({ kind: value })}
          options={AGENDA_KINDS}
          text={(k) => t(`dialogueWeb:agendaKind.${k}`)}
        />
        <ProgrammeSelect
          id={`${idPrefix}-programme`}
          label={t('dialogueWeb:agenda.programme')}
          error={form.fieldErrors.programme}
          value={draft.programme}
          onChange={(programme) => set({ programme })}
          programmes={programmes}
        />
      </div>
      <BilingualField
        idPrefix={idPrefix}
        name="title"
        label={t('dialogueWeb:agenda.itemTitle')}
        required
        en={draft.titleEn}
        ru={draft.titleRu}
        errors={form.fieldErrors}
        onChange={(l, v) => set(l === 'en' ? { titleEn: v } : { titleRu: v })}
      />
      <BilingualField
        idPrefix={idPrefix}
        name="description"
        label={t('dialogueWeb:agenda.description')}
        multiline
        en={draft.descriptionEn}
        ru={draft.descriptionRu}
        errors={form.fieldErrors}
        onChange={(l, v) => set(l === 'en' ? { descriptionEn: v } : { descriptionRu: v })}
      />
      <FormButtons className="button-row" busy={form.busy} submit={submitLabel} onCancel={onCancel} />
    </form>
  );
}

/** The agenda: typed items in order; editors add, edit, delete and move them. */
export function AgendaSection({
  meeting,
  programmes,
  canEdit,
  onChanged,
}: {
  meeting: MeetingDetail;
  programmes: ProgrammeSummary[];
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const actions = useForm();
  const [editing, setEditing] = useState<number | null>(null);
  const items = [...meeting.agenda].sort((a, b) => a.position - b.position);

  const move = async (index: number, delta: number) => {
    const ids = items.map((i) => i.id);
    const target = index + delta;
    if (target < 0 || target >= ids.length) return;
    [ids[index], ids[target]] = [ids[target] as number, ids[index] as number];
    if ((await actions.run(() => send('put', paths.agendaOrder(meeting.id), { ids }))) !== undefined)
      onChanged();
  };

  const remove = async (item: AgendaItem) => {
    if (await removeRecord(actions, paths.agendaItem(item.id))) onChanged();
  };

  return (
    <section aria-labelledby="agenda-heading" className="meeting-section">
      <h2 id="agenda-heading">{t('dialogueWeb:agenda.title')}</h2>
      {actions.error && <ErrorMessage error={actions.error} />}
      {items.length === 0 ? (
        <p className="notice">{t('dialogueWeb:agenda.empty')}</p>
      ) : (
        <ol className="agenda-list">
          {items.map((item, index) => (
            <li key={item.id} className="agenda-item">
              {editing === item.id ? (
                <AgendaForm
                  idPrefix={`agenda-${item.id}`}
                  initial={draftOf(item)}
                  programmes={programmes}
                  submitLabel={t('dialogueWeb:form.save')}
                  onCancel={() => setEditing(null)}
                  onSubmit={async (draft, run) => {
                    const ok =
                      (await run(() => send('patch', paths.agendaItem(item.id), bodyOf(draft)))) !==
                      undefined;
                    if (ok) {
                      setEditing(null);
                      onChanged();
                    }
                    return ok;
                  }}
                />
              ) : (
                <>
                  <span className="tag">{t(`dialogueWeb:agendaKind.${item.kind}`)}</span>{' '}
                  <strong>
                    <BiText en={item.titleEn} ru={item.titleRu} />
                  </strong>
                  {(item.descriptionEn || item.descriptionRu) && (
                    <p>
                      <BiText en={item.descriptionEn} ru={item.descriptionRu} />
                    </p>
                  )}
                  {item.programme && (
                    <p className="hint">
                      {t('dialogueWeb:agenda.programme')}:{' '}
                      <Link to={`/programmes/${encodeURIComponent(item.programme.code)}`}>
                        {item.programme.name}
                      </Link>
                    </p>
                  )}
                  {canEdit && (
                    <div className="button-row item-actions">
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={index === 0 || actions.busy}
                        onClick={() => void move(index, -1)}
                      >
                        {t('dialogueWeb:agenda.moveUp')}
                        <span className="visually-hidden">: {item.titleEn ?? item.titleRu}</span>
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={index === items.length - 1 || actions.busy}
                        onClick={() => void move(index, 1)}
                      >
                        {t('dialogueWeb:agenda.moveDown')}
                        <span className="visually-hidden">: {item.titleEn ?? item.titleRu}</span>
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => setEditing(item.id)}
                      >
                        {t('dialogueWeb:form.edit')}
                        <span className="visually-hidden">: {item.titleEn ?? item.titleRu}</span>
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={actions.busy}
                        onClick={() => void remove(item)}
                      >
                        {t('dialogueWeb:form.delete')}
                        <span className="visually-hidden">: {item.titleEn ?? item.titleRu}</span>
                      </button>
                    </div>
                  )}
                </>
              )}
            </li>
          ))}
        </ol>
      )}

      <h3>{t('dialogueWeb:agenda.carried')}</h3>
      {meeting.carriedFollowUps.length === 0 ? (
        <p className="hint">{t('dialogueWeb:agenda.noCarried')}</p>
      ) : (
        <FollowUpList
          followUps={meeting.carriedFollowUps}
          canEdit={canEdit}
          carried
          meetingId={meeting.id}
          onChanged={onChanged}
        />
      )}

      {canEdit && (
        <>
          <h3>{t('dialogueWeb:agenda.add')}</h3>
          <AgendaForm
            idPrefix="agenda-new"
            initial={blankDraft()}
            programmes={programmes}
            submitLabel={t('dialogueWeb:agenda.addButton')}
            onSubmit={async (draft, run) => {
              const ok =
                (await run(() => send('post', paths.agenda(meeting.id), bodyOf(draft)))) !== undefined;
              if (ok) onChanged();
              return ok;
            }}
          />
        </>
      )}
    </section>
  );
}
