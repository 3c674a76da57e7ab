import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatNumber } from '../i18n/format.ts';
import { currentLanguage } from '../i18n/i18n.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { DeleteButton } from './DeleteButton.tsx';
import { LanguageSelect, OptionSelect } from './Controls.tsx';
import { Field } from './Field.tsx';
import { send, useForm } from './forms.ts';
import { FormButtons, InlineEdit } from './InlineEdit.tsx';
import { paths } from './paths.ts';
import {
  CLEARANCES,
  DOCUMENT_KINDS,
  type Clearance,
  type DialogueDocument,
  type DocumentKind,
  type MeetingDetail,
} from './types.ts';

/** Editors: a document's title, language and the document it translates. */
function DocumentEditForm({
  document,
  documents,
  onChanged,
  onCancel,
}: {
  document: DialogueDocument;
  documents: DialogueDocument[];
  onChanged: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm();
  const [title, setTitle] = useState(document.title);
  const [language, setLanguage] = useState<'en' | 'ru'>(document.language);
  const [translationOf, setTranslationOf] = useState(
    document.translationOfId ? String(document.translationOfId) : '',
  );
  const prefix = `document-${document.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { title, language, translationOf: translationOf ? Number(translationOf) : null };
    if ((await form.run(() => send('patch', paths.document(document.id), body))) === undefined) return;
    onCancel();
    onChanged();
  };

  return (
    <form className="form dialogue-form" onSubmit={(e) => void submit(e)} noValidate>
      {form.error && <ErrorMessage error={form.error} />}
      <Field id={`${prefix}-title`} label={t('dialogueWeb:document.name')} error={form.fieldErrors.title}>
        {(props) => <input {...props} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <LanguageSelect
        id={`${prefix}-language`}
        label={t('dialogueWeb:document.language')}
        error={form.fieldErrors.language}
        value={language}
        onChange={setLanguage}
      />
      <Field
        id={`${prefix}-translation-of`}
        label={t('dialogueWeb:document.translationOf')}
        error={form.fieldErrors.translationOf}
      >
        {(props) => (
          <select {...props} value={translationOf} onChange={(e) => setTranslationOf(e.target.value)}>
            <option value="">{t('dialogueWeb:form.none')}</option>
            {documents
              .filter((d) => d.id !== document.id)
              .map((d) => (
                <option key={d.id} value={String(d.id)}>
                  {d.title}
                </option>
              ))}
          </select>
        )}
      </Field>
      <FormButtons busy={form.busy} submit={t('dialogueWeb:form.save')} onCancel={onCancel} />
    </form>
  );
}

/** Meeting documents: language, translation of, clearance (editors change it), download. */
export function DocumentsSection({
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
  const actions = useForm();
  const fileRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<DocumentKind>('presentation');
  const [language, setLanguage] = useState<'en' | 'ru'>(lang);
  const [translationOf, setTranslationOf] = useState('');
  const docs = meeting.documents;
  const titleOf = (id: number | null) => docs.find((d) => d.id === id)?.title ?? String(id);

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    const lang = currentLanguage();
    let request: () => Promise<unknown>;
    if (file) {
      // Multipart: the text fields first, then the file.
      const data = new FormData();
      data.set('title', title);
      data.set('kind', kind);
      data.set('language', language);
      if (translationOf) data.set('translationOf', translationOf);
      data.set('file', file, file.name);
      request = () => api.post(paths.documentUpload(meeting.id), { lang, form: data });
    } else {
      const body = { title, kind, language, translationOf: translationOf ? Number(translationOf) : null };
      request = () => api.post(paths.documents(meeting.id), { lang, body });
    }
    const done = await form.run(request);
    if (done !== undefined) {
      setTitle('');
      setTranslationOf('');
      if (fileRef.current) fileRef.current.value = '';
      onChanged();
    }
  };

  const setClearance = async (id: number, clearance: Clearance) => {
    if ((await actions.run(() => send('patch', paths.document(id), { clearance }))) !== undefined)
      onChanged();
  };

  return (
    <section aria-labelledby="documents-heading" className="meeting-section">
      <h2 id="documents-heading">{t('dialogueWeb:document.title')}</h2>
      {actions.error && <ErrorMessage error={actions.error} />}
      {docs.length === 0 ? (
        <p className="notice">{t('dialogueWeb:document.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('dialogueWeb:document.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dialogueWeb:document.name')}</th>
                <th scope="col">{t('dialogueWeb:document.kind')}</th>
                <th scope="col">{t('dialogueWeb:document.language')}</th>
                <th scope="col">{t('dialogueWeb:document.translationOf')}</th>
                <th scope="col">{t('dialogueWeb:document.clearance')}</th>
                <th scope="col">{t('dialogueWeb:document.file')}</th>
              </tr>
            </thead>
            <tbody>
              {docs.map((d) => (
                <tr key={d.id}>
                  <th scope="row" lang={d.language}>
                    {d.title}
                  </th>
                  <td>{t(`dialogueWeb:documentKind.${d.kind}`)}</td>
                  <td>{t(`dialogueWeb:language.${d.language}`)}</td>
                  <td>{d.translationOfId ? titleOf(d.translationOfId) : t('web:notAvailable')}</td>
                  <td>
                    {canEdit ? (
                      <select
                        aria-label={t('dialogueWeb:document.clearanceOf', { title: d.title })}
                        value={d.clearance}
                        disabled={actions.busy}
                        onChange={(e) => void setClearance(d.id, e.target.value as Clearance)}
                      >
                        {CLEARANCES.map((c) => (
                          <option key={c} value={c}>
                            {t(`dialogueWeb:clearance.${c}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      t(`dialogueWeb:clearance.${d.clearance}`)
                    )}
                  </td>
                  <td>
                    {d.hasFile ? (
                      <a href={paths.documentFile(d.id)} download={d.fileName ?? undefined}>
                        {t('dialogueWeb:document.download', { name: d.fileName ?? d.title })}
                        {d.size !== null &&
                          ` (${formatNumber(lang, Math.max(1, Math.round(d.size / 1024)))} KB)`}
                      </a>
                    ) : (
                      t('dialogueWeb:document.noFile')
                    )}
                    {canEdit && (
                      <>
                        {' '}
                        <InlineEdit
                          label={t('dialogueWeb:form.editWhat', { what: d.title })}
                          text={t('dialogueWeb:form.edit')}
                        >
                          {(close) => (
                            <DocumentEditForm
                              document={d}
                              documents={docs}
                              onChanged={onChanged}
                              onCancel={close}
                            />
                          )}
                        </InlineEdit>{' '}
                        <DeleteButton path={paths.document(d.id)} what={d.title} onDeleted={onChanged} />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {canEdit && (
        <form className="form dialogue-form" onSubmit={(e) => void upload(e)} noValidate>
          <h3>{t('dialogueWeb:document.upload')}</h3>
          {form.error && <ErrorMessage error={form.error} />}
          <Field id="document-title" label={t('dialogueWeb:document.name')} error={form.fieldErrors.title}>
            {(props) => (
              <input {...props} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
            )}
          </Field>
          <div className="form-row">
            <OptionSelect
              id="document-kind"
              label={t('dialogueWeb:document.kind')}
              error={form.fieldErrors.kind}
              value={kind}
              onChange={setKind}
              options={DOCUMENT_KINDS}
              text={(k) => t(`dialogueWeb:documentKind.${k}`)}
            />
            <LanguageSelect
              id="document-language"
              label={t('dialogueWeb:document.language')}
              error={form.fieldErrors.language}
              value={language}
              onChange={setLanguage}
            />
            <Field
              id="document-translation-of"
              label={t('dialogueWeb:document.translationOf')}
              error={form.fieldErrors.translationOf}
            >
              {(props) => (
                <select {...props} value={translationOf} onChange={(e) => setTranslationOf(e.target.value)}>
                  <option value="">{t('dialogueWeb:form.none')}</option>
                  {docs.map((d) => (
                    <option key={d.id} value={String(d.id)}>
                      {d.title}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field id="document-file" label={t('dialogueWeb:document.file')} error={form.fieldErrors.file}>
            {(props) => <input {...props} ref={fileRef} type="file" />}
          </Field>
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {t('dialogueWeb:document.uploadButton')}
          </button>
        </form>
      )}
    </section>
  );
}
