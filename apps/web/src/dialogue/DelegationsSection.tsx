import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { BilingualField, bindPair, BiText } from './Bilingual.tsx';
import { orNull } from './bilingual.ts';
import { CountrySelect, OptionSelect, ProgrammeSelect } from './Controls.tsx';
import { DeleteButton } from './DeleteButton.tsx';
import { Field } from './Field.tsx';
import { removeRecord, send, useForm } from './forms.ts';
import { InlineEdit, FormButtons } from './InlineEdit.tsx';
import { paths } from './paths.ts';
import {
  SIDES,
  type Delegation,
  type MeetingDetail,
  type Participant,
  type ProgrammeSummary,
  type Side,
} from './types.ts';

/** Add a participant to a delegation, or edit one (editors). */
function ParticipantForm({
  delegation,
  participant,
  programmes,
  onChanged,
  onCancel,
}: {
  delegation: Delegation;
  participant?: Participant;
  programmes: ProgrammeSummary[];
  onChanged: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm();
  const [name, setName] = useState(participant?.name ?? '');
  const [isHead, setIsHead] = useState(participant?.isHead ?? false);
  const [fn, setFn] = useState({ en: participant?.functionEn ?? '', ru: participant?.functionRu ?? '' });
  const [org, setOrg] = useState({
    en: participant?.organisationEn ?? '',
    ru: participant?.organisationRu ?? '',
  });
  const [supportedBy, setSupportedBy] = useState(participant?.supportedBy?.code ?? '');
  const prefix = participant ? `participant-edit-${participant.id}` : `participant-${delegation.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name,
      isHead,
      functionEn: orNull(fn.en),
      functionRu: orNull(fn.ru),
      organisationEn: orNull(org.en),
      organisationRu: orNull(org.ru),
      supportedBy: supportedBy || null,
    };
    const done = await form.run(() =>
      participant
        ? send('patch', paths.participant(participant.id), body)
        : send('post', paths.participants(delegation.id), body),
    );
    if (done === undefined) return;
    if (!participant) {
      setName('');
      setIsHead(false);
      setFn({ en: '', ru: '' });
      setOrg({ en: '', ru: '' });
      setSupportedBy('');
    }
    onCancel?.();
    onChanged();
  };

  const fields = (
    <form className="form dialogue-form" onSubmit={(e) => void submit(e)} noValidate>
      {form.error && <ErrorMessage error={form.error} />}
      <Field id={`${prefix}-name`} label={t('dialogueWeb:participant.name')} error={form.fieldErrors.name}>
        {(props) => <input {...props} type="text" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <div className="checkbox">
        <input
          id={`${prefix}-head`}
          type="checkbox"
          checked={isHead}
          onChange={(e) => setIsHead(e.target.checked)}
        />
        <label htmlFor={`${prefix}-head`}>{t('dialogueWeb:participant.isHead')}</label>
      </div>
      <BilingualField
        idPrefix={prefix}
        name="function"
        label={t('dialogueWeb:participant.function')}
        {...bindPair(fn, setFn)}
        errors={form.fieldErrors}
      />
      <BilingualField
        idPrefix={prefix}
        name="organisation"
        label={t('dialogueWeb:participant.organisation')}
        {...bindPair(org, setOrg)}
        errors={form.fieldErrors}
      />
      <ProgrammeSelect
        id={`${prefix}-programme`}
        label={t('dialogueWeb:delegation.supportedBy')}
        value={supportedBy}
        onChange={setSupportedBy}
        programmes={programmes}
        error={form.fieldErrors.supportedBy}
      />
      <FormButtons
        busy={form.busy}
        submit={participant ? t('dialogueWeb:form.save') : t('dialogueWeb:participant.addButton')}
        onCancel={onCancel}
      />
    </form>
  );
  if (participant) return fields;
  return (
    <details className="inline-form">
      <summary>{t('dialogueWeb:participant.add', { delegation: delegation.name })}</summary>
      {fields}
    </details>
  );
}

/** Add a delegation to a meeting, or edit one: side, country or institution, supporting programme. */
function DelegationForm({
  meeting,
  delegation,
  programmes,
  areaNames,
  onChanged,
  onCancel,
}: {
  meeting: MeetingDetail;
  delegation?: Delegation;
  programmes: ProgrammeSummary[];
  areaNames: Record<string, string>;
  onChanged: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm();
  const [side, setSide] = useState<Side>(delegation?.side ?? 'central_asia');
  const [area, setArea] = useState(delegation?.area?.code ?? '');
  const [institution, setInstitution] = useState({
    en: delegation?.institutionEn ?? '',
    ru: delegation?.institutionRu ?? '',
  });
  const [supportedBy, setSupportedBy] = useState(delegation?.supportedBy?.code ?? '');
  const prefix = delegation ? `delegation-${delegation.id}` : 'delegation';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      side,
      area: area || null,
      institutionEn: orNull(institution.en),
      institutionRu: orNull(institution.ru),
      supportedBy: supportedBy || null,
    };
    const done = await form.run(() =>
      delegation
        ? send('patch', paths.delegation(delegation.id), body)
        : send('post', paths.delegations(meeting.id), body),
    );
    if (done === undefined) return;
    if (!delegation) {
      setArea('');
      setInstitution({ en: '', ru: '' });
      setSupportedBy('');
    }
    onCancel?.();
    onChanged();
  };

  return (
    <form className="form dialogue-form" onSubmit={(e) => void submit(e)} noValidate>
      {!delegation && <h3>{t('dialogueWeb:delegation.add')}</h3>}
      {form.error && <ErrorMessage error={form.error} />}
      <div className="form-row">
        <OptionSelect
          id={`${prefix}-side`}
          label={t('dialogueWeb:delegation.side')}
          error={form.fieldErrors.side}
          value={side}
          onChange={setSide}
          options={SIDES}
          text={(s) => t(`dialogueWeb:side.${s}`)}
        />
        <CountrySelect
          id={`${prefix}-area`}
          label={t('dialogueWeb:delegation.country')}
          hint={t('dialogueWeb:delegation.countryHint')}
          names={areaNames}
          error={form.fieldErrors.area}
          value={area}
          onChange={setArea}
        />
        <ProgrammeSelect
          id={`${prefix}-programme`}
          label={t('dialogueWeb:delegation.supportedBy')}
          value={supportedBy}
          onChange={setSupportedBy}
          programmes={programmes}
          error={form.fieldErrors.supportedBy}
        />
      </div>
      <BilingualField
        idPrefix={prefix}
        name="institution"
        label={t('dialogueWeb:delegation.institution')}
        {...bindPair(institution, setInstitution)}
        errors={form.fieldErrors}
      />
      <FormButtons
        busy={form.busy}
        submit={delegation ? t('dialogueWeb:form.save') : t('dialogueWeb:delegation.addButton')}
        onCancel={onCancel}
      />
    </form>
  );
}

/** Delegations (country or institution, side, supporting programme) and their participants. */
export function DelegationsSection({
  meeting,
  programmes,
  areaNames,
  canEdit,
  onChanged,
}: {
  meeting: MeetingDetail;
  programmes: ProgrammeSummary[];
  /** Country names by code in the UI language, for the country select. */
  areaNames: Record<string, string>;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const actions = useForm();

  const remove = async (delegation: Delegation) => {
    if (await removeRecord(actions, paths.delegation(delegation.id))) onChanged();
  };

  return (
    <section aria-labelledby="delegations-heading" className="meeting-section">
      <h2 id="delegations-heading">{t('dialogueWeb:delegation.title')}</h2>
      {actions.error && <ErrorMessage error={actions.error} />}
      {meeting.delegations.length === 0 ? (
        <p className="notice">{t('dialogueWeb:delegation.empty')}</p>
      ) : (
        SIDES.filter((s) => meeting.delegations.some((d) => d.side === s)).map((s) => (
          <div key={s}>
            <h3>{t(`dialogueWeb:side.${s}`)}</h3>
            <ul className="delegation-list">
              {meeting.delegations
                .filter((d) => d.side === s)
                .map((d) => (
                  <li key={d.id} className="delegation">
                    <strong>{d.name}</strong>
                    {d.supportedBy && (
                      <span className="hint">
                        {' '}
                        {t('dialogueWeb:delegation.supportedByShort')}{' '}
                        <Link to={`/programmes/${encodeURIComponent(d.supportedBy.code)}`}>
                          {d.supportedBy.name}
                        </Link>
                      </span>
                    )}
                    {d.participants.length > 0 && (
                      <ul className="participant-list">
                        {d.participants.map((p) => (
                          <li key={p.id}>
                            {p.name}
                            {p.isHead && <span className="tag"> {t('dialogueWeb:participant.head')}</span>}
                            {(p.functionEn || p.functionRu) && (
                              <>
                                , <BiText en={p.functionEn} ru={p.functionRu} />
                              </>
                            )}
                            {(p.organisationEn || p.organisationRu) && (
                              <>
                                , <BiText en={p.organisationEn} ru={p.organisationRu} />
                              </>
                            )}
                            {canEdit && (
                              <>
                                {' '}
                                <InlineEdit
                                  label={t('dialogueWeb:form.editWhat', { what: p.name })}
                                  text={t('dialogueWeb:form.edit')}
                                >
                                  {(close) => (
                                    <ParticipantForm
                                      delegation={d}
                                      participant={p}
                                      programmes={programmes}
                                      onChanged={onChanged}
                                      onCancel={close}
                                    />
                                  )}
                                </InlineEdit>{' '}
                                <DeleteButton
                                  path={paths.participant(p.id)}
                                  what={p.name}
                                  onDeleted={onChanged}
                                />
                              </>
                            )}
                          </li>
                        ))}
                      </ul>
                    )}
                    {canEdit && (
                      <>
                        <InlineEdit
                          label={t('dialogueWeb:form.editWhat', { what: d.name })}
                          text={t('dialogueWeb:form.edit')}
                        >
                          {(close) => (
                            <DelegationForm
                              meeting={meeting}
                              delegation={d}
                              programmes={programmes}
                              areaNames={areaNames}
                              onChanged={onChanged}
                              onCancel={close}
                            />
                          )}
                        </InlineEdit>
                        <ParticipantForm delegation={d} programmes={programmes} onChanged={onChanged} />
                        <button
                          type="button"
                          className="button button-secondary"
                          disabled={actions.busy}
                          onClick={() => void remove(d)}
                        >
                          {t('dialogueWeb:delegation.remove', { delegation: d.name })}
                        </button>
                      </>
                    )}
                  </li>
                ))}
            </ul>
          </div>
        ))
      )}

      {canEdit && (
        <DelegationForm
          meeting={meeting}
          programmes={programmes}
          areaNames={areaNames}
          onChanged={onChanged}
        />
      )}
    </section>
  );
}
