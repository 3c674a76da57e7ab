import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { FallbackTag } from './Bilingual.tsx';
import { send, useForm } from './forms.ts';
import { FormButtons } from './InlineEdit.tsx';
import { paths } from './paths.ts';
import type { PressRelease, PressReleaseContent } from './types.ts';

type TextField = 'title' | 'dateline' | 'lead' | 'participants' | 'contact';

const emptyContent = (): PressReleaseContent => ({
  title: '',
  dateline: '',
  lead: '',
  paragraphs: [],
  participants: '',
  boilerplate: [],
  contact: '',
});

const normalise = (c: PressReleaseContent | null | undefined): PressReleaseContent => ({
  ...emptyContent(),
  ...(c ?? {}),
});

/** The press release as a reader sees it, in the UI language (or the other, marked). */
export function PressReleaseView({ release }: { release: PressRelease }) {
  const lang = useLanguage();
  const own = lang === 'ru' ? release.contentRu : release.contentEn;
  const other = lang === 'ru' ? release.contentEn : release.contentRu;
  const content = own ?? other;
  if (!content) return null;
  const fallback = own ? null : lang === 'ru' ? 'en' : 'ru';
  return (
    <article className="press-release" lang={fallback ?? undefined}>
      <h3>
        {content.title}
        {fallback && <FallbackTag language={fallback} />}
      </h3>
      <p>
        <strong>{content.dateline}</strong> {content.lead}
      </p>
      {content.paragraphs.map((p, i) => (
        <p key={i}>
          {p.heading && <strong>{p.heading} </strong>}
          {p.text}
        </p>
      ))}
      {content.participants && <p>{content.participants}</p>}
      {content.boilerplate.map((text, i) => (
        <p key={i} className="hint">
          {text}
        </p>
      ))}
      {content.contact && <p className="hint">{content.contact}</p>}
    </article>
  );
}

/** One language's editable texts: title, dateline, lead, one text per paragraph, participants, boilerplate, contact. */
function ContentEditor({
  language,
  content,
  onChange,
  errors,
}: {
  language: 'en' | 'ru';
  content: PressReleaseContent;
  onChange: (next: PressReleaseContent) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const id = (field: string) => `press-${language}-${field}`;
  const key = `content${language === 'en' ? 'En' : 'Ru'}`;
  const languageName = t(`dialogueWeb:language.${language}`);
  const label = (text: string) => t('dialogueWeb:form.inLanguage', { label: text, language: languageName });
  const errorLine = (field: string) => {
    const error = errors[`${key}.${field}`];
    return error ? (
      <p className="field-error" id={`${id(field)}-error`}>
        {error}
      </p>
    ) : null;
  };
  const described = (field: string) => (errors[`${key}.${field}`] ? `${id(field)}-error` : undefined);
  const focusLater = (target: string) =>
    requestAnimationFrame(() => document.getElementById(target)?.focus());
  const setParagraph = (i: number, next: PressReleaseContent['paragraphs'][number]) =>
    onChange({ ...content, paragraphs: content.paragraphs.map((p, j) => (j === i ? next : p)) });
  /** Moves a paragraph up or down; the focus follows it. */
  const move = (from: number, to: number) => {
    const paragraphs = [...content.paragraphs];
    const [moved] = paragraphs.splice(from, 1);
    if (!moved) return;
    paragraphs.splice(to, 0, moved);
    onChange({ ...content, paragraphs });
    focusLater(id(`paragraphs.${to}.heading`));
  };
  const remove = (i: number) => {
    onChange({ ...content, paragraphs: content.paragraphs.filter((_, j) => j !== i) });
    const left = content.paragraphs.length - 1;
    focusLater(left > 0 ? id(`paragraphs.${Math.min(i, left - 1)}.heading`) : id('add-paragraph'));
  };
  const textField = (field: TextField) => {
    const multiline = field !== 'title' && field !== 'dateline';
    const props = {
      id: id(field),
      value: content[field],
      'aria-invalid': errors[`${key}.${field}`] ? true : undefined,
      'aria-describedby': described(field),
    };
    return (
      <div className="field" key={field}>
        <label htmlFor={id(field)}>{label(t(`dialogueWeb:press.field.${field}`))}</label>
        {multiline ? (
          <textarea {...props} rows={3} onChange={(e) => onChange({ ...content, [field]: e.target.value })} />
        ) : (
          <input {...props} type="text" onChange={(e) => onChange({ ...content, [field]: e.target.value })} />
        )}
        {errorLine(field)}
      </div>
    );
  };
  return (
    <fieldset className="press-editor" lang={language}>
      <legend>{languageName}</legend>
      {textField('title')}
      {textField('dateline')}
      {textField('lead')}
      {content.paragraphs.map((paragraph, i) => {
        const field = `paragraphs.${i}.text`;
        const headingField = `paragraphs.${i}.heading`;
        const n = i + 1;
        const last = content.paragraphs.length - 1;
        return (
          <div className="field press-paragraph" key={field}>
            <label htmlFor={id(headingField)}>{label(t('dialogueWeb:press.paragraphHeading', { n }))}</label>
            <input
              id={id(headingField)}
              type="text"
              value={paragraph.heading ?? ''}
              aria-invalid={errors[`${key}.${headingField}`] ? true : undefined}
              aria-describedby={described(headingField)}
              onChange={(e) => setParagraph(i, { ...paragraph, heading: e.target.value })}
            />
            {errorLine(headingField)}
            <label htmlFor={id(field)}>
              {label(t('dialogueWeb:press.paragraph', { n, heading: paragraph.heading ?? '' }))}
            </label>
            <textarea
              id={id(field)}
              rows={4}
              value={paragraph.text}
              aria-invalid={errors[`${key}.${field}`] ? true : undefined}
              aria-describedby={described(field)}
              onChange={(e) => setParagraph(i, { ...paragraph, text: e.target.value })}
            />
            {errorLine(field)}
            <div className="paragraph-actions">
              <button type="button" className="link-button" disabled={i === 0} onClick={() => move(i, i - 1)}>
                {t('dialogueWeb:press.moveUp', { n, language: languageName })}
              </button>{' '}
              <button
                type="button"
                className="link-button"
                disabled={i === last}
                onClick={() => move(i, i + 1)}
              >
                {t('dialogueWeb:press.moveDown', { n, language: languageName })}
              </button>{' '}
              <button type="button" className="link-button delete-button" onClick={() => remove(i)}>
                {t('dialogueWeb:press.removeParagraph', { n, language: languageName })}
              </button>
            </div>
          </div>
        );
      })}
      <button
        type="button"
        id={id('add-paragraph')}
        className="button button-secondary"
        onClick={() => {
          onChange({ ...content, paragraphs: [...content.paragraphs, { heading: '', text: '' }] });
          focusLater(id(`paragraphs.${content.paragraphs.length}.heading`));
        }}
      >
        {t('dialogueWeb:press.addParagraph', { language: languageName })}
      </button>
      {textField('participants')}
      <div className="field">
        <label htmlFor={id('boilerplate')}>{label(t('dialogueWeb:press.field.boilerplate'))}</label>
        <p className="hint" id={`${id('boilerplate')}-hint`}>
          {t('dialogueWeb:press.paragraphsHint')}
        </p>
        <textarea
          id={id('boilerplate')}
          aria-describedby={`${id('boilerplate')}-hint`}
          rows={4}
          value={content.boilerplate.join('\n\n')}
          onChange={(e) => onChange({ ...content, boilerplate: e.target.value.split(/\n\s*\n/) })}
        />
      </div>
      {textField('contact')}
    </fieldset>
  );
}

/** The press release: editors generate a draft, edit both languages and publish; readers see the published one. */
export function PressReleaseSection({ meetingId, canEdit }: { meetingId: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const release = useApi<PressRelease>(paths.pressRelease(meetingId));
  const form = useForm();
  const [en, setEn] = useState<PressReleaseContent>(emptyContent);
  const [ru, setRu] = useState<PressReleaseContent>(emptyContent);
  const [editing, setEditing] = useState(false);
  const data = release.data;
  const missing = release.error?.status === 404;

  useEffect(() => {
    if (!data) return;
    setEn(normalise(data.contentEn));
    setRu(normalise(data.contentRu));
  }, [data]);

  const clean = (c: PressReleaseContent): PressReleaseContent => ({
    ...c,
    boilerplate: c.boilerplate.map((p) => p.trim()).filter(Boolean),
  });

  const generate = async () => {
    if ((await form.run(() => send('post', paths.pressReleaseDraft(meetingId), {}))) !== undefined) {
      setEditing(true);
      release.reload();
    }
  };
  const save = async () => {
    const body = {
      contentEn: data?.contentEn ? clean(en) : null,
      contentRu: data?.contentRu ? clean(ru) : null,
    };
    if ((await form.run(() => send('put', paths.pressRelease(meetingId), body))) !== undefined) {
      setEditing(false);
      release.reload();
    }
  };
  const publish = async () => {
    if ((await form.run(() => send('post', paths.pressReleasePublish(meetingId), {}))) !== undefined)
      release.reload();
  };

  return (
    <section aria-labelledby="press-heading" className="meeting-section">
      <h2 id="press-heading">{t('dialogueWeb:press.title')}</h2>
      {form.error && <ErrorMessage error={form.error} />}
      {release.error && !missing && <ErrorMessage error={release.error} onRetry={release.reload} />}
      {(missing || (!data && !release.loading)) && <p className="notice">{t('dialogueWeb:press.none')}</p>}
      {data && (
        <p>
          <span className={`status-tag status-${data.status}`}>
            {t(`dialogueWeb:press.status.${data.status}`)}
          </span>
          {data.publishedAt && (
            <span className="hint">
              {' '}
              {t('dialogueWeb:press.publishedAt', { date: formatDateTime(lang, data.publishedAt) })}
            </span>
          )}
        </p>
      )}
      {data && !editing && <PressReleaseView release={data} />}
      {canEdit && (
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary"
            disabled={form.busy}
            onClick={() => void generate()}
          >
            {data ? t('dialogueWeb:press.regenerate') : t('dialogueWeb:press.generate')}
          </button>
          {data && !editing && (
            <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
              {t('dialogueWeb:press.edit')}
            </button>
          )}
          {data && data.status === 'draft' && !editing && (
            <button
              type="button"
              className="button button-primary"
              disabled={form.busy}
              onClick={() => void publish()}
            >
              {t('dialogueWeb:press.publish')}
            </button>
          )}
        </div>
      )}
      {canEdit && editing && data && (
        <form
          className="form press-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          noValidate
        >
          <div className="bilingual-pair">
            <ContentEditor language="en" content={en} onChange={setEn} errors={form.fieldErrors} />
            <ContentEditor language="ru" content={ru} onChange={setRu} errors={form.fieldErrors} />
          </div>
          <FormButtons
            className="button-row"
            busy={form.busy}
            submit={t('dialogueWeb:form.save')}
            onCancel={() => setEditing(false)}
          />
        </form>
      )}
    </section>
  );
}
