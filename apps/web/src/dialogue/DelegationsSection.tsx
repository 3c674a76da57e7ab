import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { BilingualField, BiText } from './Bilingual.tsx';
import { orNull } from './bilingual.ts';
import { DeleteButton } from './DeleteButton.tsx';
import { Field } from './Field.tsx';
import { send, useForm } from './forms.ts';
import { paths } from './paths.ts';
import { SIDES, type Delegation, type MeetingDetail, type ProgrammeSummary, type Side } from './types.ts';

/** The five Central Asian countries, for a country delegation. */
export const CENTRAL_ASIA = ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'] as const;

function ProgrammeSelect({
  id,
  value,
  onChange,
  programmes,
  error,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  programmes: ProgrammeSummary[];
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={t('dialogueWeb:delegation.supportedBy')} error={error}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('dialogueWeb:form.none')}</option>
          {programmes.map((p) => (
            <option key={p.code} value={p.code}>
              {p.code}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Add a participant to a delegation (editors). */
function ParticipantForm({ delegation, onChanged }: { delegation: Delegation; onChanged: () => void }) {
  const { t } = useTranslation();
  const form = useForm();
  const [name, setName] = useState('');
  const [isHead, setIsHead] = useState(false);
  const [fn, setFn] = useState({ en: '', ru: '' });
  const [org, setOrg] = useState({ en: '', ru: '' });
  const prefix = `participant-${delegation.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await form.run(() =>
      send('post', paths.participants(delegation.id), {
        name,
        isHead,
        functionEn: orNull(fn.en),
        functionRu: orNull(fn.ru),
        organisationEn: orNull(org.en),
        organisationRu: orNull(org.ru),
      }),
    );
    if (done !== undefined) {
      setName('');
      setIsHead(false);
      setFn({ en: '', ru: '' });
      setOrg({ en: '', ru: '' });
      onChanged();
    }
  };

  return (
    <details className="inline-form">
      <summary>{t('dialogueWeb:participant.add', { delegation: delegation.name })}</summary>
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
          en={fn.en}
          ru={fn.ru}
          errors={form.fieldErrors}
          onChange={(l, v) => setFn((c) => ({ ...c, [l]: v }))}
        />
        <BilingualField
          idPrefix={prefix}
          name="organisation"
          label={t('dialogueWeb:participant.organisation')}
          en={org.en}
          ru={org.ru}
          errors={form.fieldErrors}
          onChange={(l, v) => setOrg((c) => ({ ...c, [l]: v }))}
        />
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {t('dialogueWeb:participant.addButton')}
        </button>
      </form>
    </details>
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
  const form = useForm();
  const actions = useForm();
  const [side, setSide] = useState<Side>('central_asia');
  const [area, setArea] = useState('');
  const [institution, setInstitution] = useState({ en: '', ru: '' });
  const [supportedBy, setSupportedBy] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await form.run(() =>
      send('post', paths.delegations(meeting.id), {
        side,
        area: area || null,
        institutionEn: orNull(institution.en),
        institutionRu: orNull(institution.ru),
        supportedBy: supportedBy || null,
      }),
    );
    if (done !== undefined) {
      setArea('');
      setInstitution({ en: '', ru: '' });
      setSupportedBy('');
      onChanged();
    }
  };

  const remove = async (delegation: Delegation) => {
    if ((await actions.run(() => send('delete', paths.delegation(delegation.id)))) !== undefined) onChanged();
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
                        <ParticipantForm delegation={d} onChanged={onChanged} />
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
        <form className="form dialogue-form" onSubmit={(e) => void submit(e)} noValidate>
          <h3>{t('dialogueWeb:delegation.add')}</h3>
          {form.error && <ErrorMessage error={form.error} />}
          <div className="form-row">
            <Field
              id="delegation-side"
              label={t('dialogueWeb:delegation.side')}
              error={form.fieldErrors.side}
            >
              {(props) => (
                <select {...props} value={side} onChange={(e) => setSide(e.target.value as Side)}>
                  {SIDES.map((s) => (
                    <option key={s} value={s}>
                      {t(`dialogueWeb:side.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id="delegation-area"
              label={t('dialogueWeb:delegation.country')}
              hint={t('dialogueWeb:delegation.countryHint')}
              error={form.fieldErrors.area}
            >
              {(props) => (
                <select {...props} value={area} onChange={(e) => setArea(e.target.value)}>
                  <option value="">{t('dialogueWeb:form.none')}</option>
                  {CENTRAL_ASIA.map((code) => (
                    <option key={code} value={code}>
                      {areaNames[code] ?? code}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <ProgrammeSelect
              id="delegation-programme"
              value={supportedBy}
              onChange={setSupportedBy}
              programmes={programmes}
              error={form.fieldErrors.supportedBy}
            />
          </div>
          <BilingualField
            idPrefix="delegation"
            name="institution"
            label={t('dialogueWeb:delegation.institution')}
            en={institution.en}
            ru={institution.ru}
            errors={form.fieldErrors}
            onChange={(l, v) => setInstitution((c) => ({ ...c, [l]: v }))}
          />
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {t('dialogueWeb:delegation.addButton')}
          </button>
        </form>
      )}
    </section>
  );
}
