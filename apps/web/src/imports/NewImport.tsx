import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { BatchView } from './BatchView.tsx';
import type { ImportJobResult, ImportSpecItem } from './imports.types.ts';
import { JobProgress } from './JobProgress.tsx';
import {
  applyChoice,
  canEditMapping,
  headerOf,
  initialChoice,
  sameChoice,
  unmappedRequired,
  type ColumnChoice,
} from './columnMapping.ts';
import { MappingEditor, useFieldLabel } from './MappingEditor.tsx';
import { columnFound, fetchPreview, mappingRows, type FilePreview } from './preview.ts';
import { jobFinished, useJob } from './useJob.ts';

const DEFAULT_PRESET = 'observatory-long';

/**
 * A new import: the file (dropped or chosen), a preset or an uploaded mapping spec, a preview of the
 * first rows with the column mapping, then a dry run whose report can be committed.
 */
export function NewImport() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [mode, setMode] = useState<'preset' | 'spec'>('preset');
  const [preset, setPreset] = useState(DEFAULT_PRESET);
  const [specText, setSpecText] = useState<string | null>(null);
  const [specInvalid, setSpecInvalid] = useState(false);
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [previewError, setPreviewError] = useState<ApiError | null>(null);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [edits, setEdits] = useState<ColumnChoice>({});
  const [jobId, setJobId] = useState<number | null>(null);
  const [submitError, setSubmitError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const specs = useApi<{ items: ImportSpecItem[] }>('import-specs');
  const presetSpec = useApi<unknown>(mode === 'preset' && preset ? `import-specs/${preset}` : null);
  const dryRun = useJob(jobId);

  const fieldLabel = useFieldLabel();

  useEffect(() => {
    setPreview(null);
    setPreviewError(null);
    if (!file) return;
    let live = true;
    fetchPreview(file, lang, sheet).then(
      (p) => {
        if (live) setPreview(p);
      },
      (reason: unknown) => {
        if (live) setPreviewError(reason instanceof ApiError ? reason : new ApiError(0, 'network', ''));
      },
    );
    return () => {
      live = false;
    };
    // The language only changes the wording of an error; no new request for it.
  }, [file, sheet]);

  // A new file, sheet or spec starts again from the spec's own mapping.
  useEffect(() => setEdits({}), [file, sheet, mode, preset, specText]);

  let spec: unknown = null;
  if (mode === 'preset') spec = presetSpec.data ?? null;
  else if (specText !== null && !specInvalid) spec = JSON.parse(specText) as unknown;
  const mapping = mappingRows(spec);
  const editable = canEditMapping(spec) && preview !== null && preview.columns.length > 0 ? spec : null;
  const header =
    editable && preview ? headerOf(editable, preview.columns, preview.rows) : (preview?.columns ?? []);
  const initial = editable ? initialChoice(editable, header) : {};
  const choice = { ...initial, ...edits };
  const edited = editable !== null && !sameChoice(choice, initial);
  const unmapped = editable ? unmappedRequired(editable, choice) : [];

  const chooseFile = (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    setSheet(undefined);
    setJobId(null);
    setSubmitError(null);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    chooseFile(event.dataTransfer.files[0]);
  };
  const chooseSpec = async (chosen: File | undefined) => {
    if (!chosen) return;
    const text = await chosen.text();
    let ok = true;
    try {
      JSON.parse(text);
    } catch {
      ok = false;
    }
    setSpecText(text);
    setSpecInvalid(!ok);
  };

  const ready =
    file !== null &&
    (mode === 'preset' ? preset !== '' : specText !== null && !specInvalid) &&
    unmapped.length === 0;
  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready || !file) return;
    const form = new FormData();
    if (edited && editable) form.append('spec', JSON.stringify(applyChoice(editable, choice, header)));
    else if (mode === 'preset') form.append('preset', preset);
    else form.append('spec', specText!);
    if (sheet !== undefined) form.append('sheet', sheet);
    form.append('dryRun', 'true');
    form.append('file', file, file.name);
    setBusy(true);
    setSubmitError(null);
    setJobId(null);
    try {
      const { jobId: started } = await api.post<{ jobId: number }>('imports', { lang, form });
      setJobId(started);
    } catch (reason) {
      setSubmitError(reason instanceof ApiError ? reason : new ApiError(0, 'network', ''));
    } finally {
      setBusy(false);
    }
  };

  const result = jobFinished(dryRun.job) ? (dryRun.job!.result as ImportJobResult | null) : null;

  return (
    <>
      <form className="import-form" onSubmit={(event) => void run(event)} aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('web:imports.new.title')}</h2>
        <div
          className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>{t('web:imports.new.drop')}</p>
          <input
            ref={fileInput}
            id={`${id}-file`}
            className="visually-hidden"
            type="file"
            accept=".csv,.tsv,.txt,.xlsx,.json"
            onChange={(event) => chooseFile(event.target.files?.[0])}
          />
          <label htmlFor={`${id}-file`} className="button button-secondary file-button">
            {t('web:imports.new.chooseFile')}
          </label>
          <p className="hint" role="status">
            {file
              ? t('web:imports.new.chosen', {
                  name: file.name,
                  size: formatNumber(lang, Math.ceil(file.size / 1024)),
                })
              : t('web:imports.new.formats')}
          </p>
        </div>

        <fieldset className="import-mapping-choice">
          <legend>{t('web:imports.new.mapping')}</legend>
          <label className="checkbox">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={mode === 'preset'}
              onChange={() => setMode('preset')}
            />
            {t('web:imports.new.usePreset')}
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={mode === 'spec'}
              onChange={() => setMode('spec')}
            />
            {t('web:imports.new.useSpec')}
          </label>
          {mode === 'preset' ? (
            <div className="field">
              <label htmlFor={`${id}-preset`}>{t('web:imports.new.preset')}</label>
              <select id={`${id}-preset`} value={preset} onChange={(event) => setPreset(event.target.value)}>
                {(specs.data?.items ?? []).map((s) => (
                  <option key={`${s.name}@${s.version}`} value={s.name}>
                    {s.title}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <div className="field">
              <label htmlFor={`${id}-spec`}>{t('web:imports.new.specFile')}</label>
              <input
                id={`${id}-spec`}
                type="file"
                accept=".json,application/json"
                onChange={(event) => void chooseSpec(event.target.files?.[0])}
                aria-describedby={`${id}-spec-hint`}
              />
              <p id={`${id}-spec-hint`} className="hint">
                {specInvalid ? t('web:imports.new.specInvalid') : t('web:imports.new.specHint')}
              </p>
            </div>
          )}
        </fieldset>

        {(file || mapping.length > 0) && (
          <section className="import-preview" aria-labelledby={`${id}-preview`}>
            <h3 id={`${id}-preview`}>{t('web:imports.preview.title')}</h3>
            {previewError && <ErrorMessage error={previewError} />}
            {file && !preview && !previewError && (
              <p className="hint" role="status">
                {t('web:imports.preview.loading')}
              </p>
            )}
            {preview?.sheets && preview.sheets.length > 0 && (
              <div className="field">
                <label htmlFor={`${id}-sheet`}>{t('web:imports.preview.sheet')}</label>
                <select
                  id={`${id}-sheet`}
                  value={preview.sheet ?? ''}
                  onChange={(event) => setSheet(event.target.value)}
                >
                  {preview.sheets.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            {preview && (
              <p className="hint">
                {preview.format === 'csv'
                  ? t('web:imports.preview.formatCsv', {
                      encoding: preview.encoding ?? '',
                      delimiter: preview.delimiter ?? '',
                    })
                  : preview.format === 'xlsx'
                    ? t('web:imports.preview.formatXlsx', { sheet: preview.sheet ?? '' })
                    : t('web:imports.preview.formatSdmx')}
              </p>
            )}
            {preview && preview.columns.length > 0 && (
              <div
                className="table-wrap"
                tabIndex={0}
                role="region"
                aria-labelledby={`${id}-preview-caption`}
              >
                <table className="data-table preview-table">
                  <caption id={`${id}-preview-caption`}>
                    {t('web:imports.preview.rows', { count: preview.rows.length })}
                  </caption>
                  <thead>
                    <tr>
                      {preview.columns.map((h, i) => (
                        <th scope="col" key={i}>
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {preview.rows.map((row, r) => (
                      <tr key={r}>
                        {preview.columns.map((_, c) => (
                          <td key={c}>{row[c] ?? ''}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {editable && (
              <MappingEditor
                spec={editable}
                header={header}
                firstRow={
                  header === preview?.columns
                    ? preview.rows[0]
                    : preview?.rows[preview.rows.indexOf(header) + 1]
                }
                choice={choice}
                onChange={(key, index) => setEdits((before) => ({ ...before, [key]: index }))}
              />
            )}
            {edited && (
              <p className="hint">
                {t('web:imports.preview.edited', {
                  name: typeof editable.name === 'string' ? editable.name : '',
                })}{' '}
                <button type="button" className="link-button" onClick={() => setEdits({})}>
                  {t('web:imports.preview.reset')}
                </button>
              </p>
            )}
            {!editable && mapping.length > 0 && (
              <div className="table-wrap">
                <table className="data-table mapping-table">
                  <caption>{t('web:imports.preview.mapping')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('web:imports.preview.field')}</th>
                      <th scope="col">{t('web:imports.preview.source')}</th>
                      {preview && <th scope="col">{t('web:imports.preview.inFile')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {mapping.map((m) => (
                      <tr key={m.field}>
                        <th scope="row">
                          {m.field.startsWith('dims.') ? (
                            <>
                              {t('web:imports.fields.dimension')} <code>{m.field.slice(5)}</code>
                            </>
                          ) : (
                            t(`web:imports.fields.${m.field}`, { defaultValue: m.field })
                          )}
                          {m.optional && (
                            <span className="secondary"> {t('web:imports.preview.optional')}</span>
                          )}
                        </th>
                        <td>
                          {'column' in m.source ? (
                            <>
                              {t('web:imports.preview.column')} <code>{m.source.column}</code>
                            </>
                          ) : 'value' in m.source ? (
                            <>
                              {t('web:imports.preview.fixed')} <code>{m.source.value}</code>
                            </>
                          ) : (
                            <code>{m.source.other}</code>
                          )}
                        </td>
                        {preview && (
                          <td>
                            {'column' in m.source
                              ? columnFound(header, m.source.column)
                                ? t('web:imports.preview.found')
                                : m.optional
                                  ? t('web:imports.preview.absentOptional')
                                  : t('web:imports.preview.missing')
                              : '—'}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        )}

        {submitError && <ErrorMessage error={submitError} />}
        <div className="import-actions">
          <button type="submit" className="button button-primary" disabled={!ready || busy}>
            {t('web:imports.new.run')}
          </button>
          {!file && <p className="hint">{t('web:imports.new.needFile')}</p>}
          {unmapped.length > 0 && (
            <p className="hint notice-error" role="alert">
              {t('web:imports.preview.requiredMissing', { fields: unmapped.map(fieldLabel).join(', ') })}
            </p>
          )}
        </div>
      </form>

      {jobId !== null && !result && (
        <section className="import-step" aria-label={t('web:imports.checking')}>
          {dryRun.error ? (
            <ErrorMessage error={dryRun.error} />
          ) : (
            <JobProgress job={dryRun.job} label={t('web:imports.checking')} />
          )}
        </section>
      )}
      {dryRun.job && jobFinished(dryRun.job) && dryRun.job.status !== 'succeeded' && (
        <p className="notice notice-error" role="alert">
          {t(`web:imports.jobStatus.${dryRun.job.status}`)}
        </p>
      )}
      {result?.batchId != null && (
        <BatchView key={result.batchId} batchId={result.batchId} heading={t('web:imports.report')} />
      )}
    </>
  );
}
