import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { JobProgress } from '../imports/JobProgress.tsx';
import { jobFinished, useJob } from '../imports/useJob.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { LanguageSelect, OptionSelect } from './Controls.tsx';
import { send, useForm } from './forms.ts';
import { paths } from './paths.ts';
import { AUDIENCES, type Audience, type BriefingPack } from './types.ts';

/** One generated pack: audience, language, status, downloads and the translation-fallback notes. */
function PackRow({ pack, audienceName }: { pack: BriefingPack; audienceName: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const ready = pack.status === 'succeeded';
  return (
    <li className="briefing-pack">
      <p>
        <strong>
          {t('dialogueWeb:pack.label', {
            audience: audienceName,
            language: t(`dialogueWeb:language.${pack.language}`),
          })}
        </strong>{' '}
        <span className={`status-tag status-${pack.status}`}>
          {t(`dialogueWeb:pack.status.${pack.status}`)}
        </span>{' '}
        <span className="hint">{formatDateTime(lang, pack.createdAt)}</span>
      </p>
      {ready && (
        <p className="download-row">
          <a
            className="button button-secondary"
            href={pack.files.docx ?? paths.briefingPackFile(pack.id, 'docx')}
            download
          >
            {t('dialogueWeb:pack.downloadDocx', { audience: audienceName })}
          </a>
          <a
            className="button button-secondary"
            href={pack.files.pdf ?? paths.briefingPackFile(pack.id, 'pdf')}
            download
          >
            {t('dialogueWeb:pack.downloadPdf', { audience: audienceName })}
          </a>
        </p>
      )}
      {pack.fallbacks.length > 0 && (
        <details>
          <summary>{t('dialogueWeb:pack.fallbacks', { count: pack.fallbacks.length })}</summary>
          <ul>
            {pack.fallbacks.map((note, i) => (
              <li key={i}>{note.message}</li>
            ))}
          </ul>
        </details>
      )}
      {pack.warnings.length > 0 && (
        <ul className="hint">
          {pack.warnings.map((note, i) => (
            <li key={i}>{note.message}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** Briefing packs (viewers and up): generate one for an audience and language, follow the job, download. */
export function BriefingPacksSection({
  meetingId,
  areaNames,
  canEdit,
}: {
  meetingId: number;
  areaNames: Record<string, string>;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const packs = useApi<{ items: BriefingPack[] }>(paths.briefingPacks(meetingId), { pageSize: 50 });
  const form = useForm();
  const [audience, setAudience] = useState<Audience>('EU');
  const [language, setLanguage] = useState<'en' | 'ru'>('ru');
  const [jobId, setJobId] = useState<number | null>(null);
  const { job, error: jobError } = useJob(jobId);
  const { reload } = packs;

  useEffect(() => {
    if (jobFinished(job)) reload();
  }, [job, reload]);

  const audienceName = (code: string) =>
    code === 'EU' ? t('dialogueWeb:pack.euSide') : (areaNames[code] ?? code);

  const generate = async (event: FormEvent) => {
    event.preventDefault();
    const created = await form.run(() =>
      send<BriefingPack>('post', paths.briefingPacks(meetingId), { audience, language }),
    );
    if (!created) return;
    setJobId(created.jobId);
    reload();
  };

  return (
    <section aria-labelledby="packs-heading" className="meeting-section">
      <h2 id="packs-heading">{t('dialogueWeb:pack.title')}</h2>
      <p className="hint">{t('dialogueWeb:pack.intro')}</p>
      {canEdit && (
        <form className="form dialogue-form" onSubmit={(e) => void generate(e)} noValidate>
          {form.error && <ErrorMessage error={form.error} />}
          <div className="form-row">
            <OptionSelect
              id="pack-audience"
              label={t('dialogueWeb:pack.audience')}
              error={form.fieldErrors.audience}
              value={audience}
              onChange={setAudience}
              options={AUDIENCES}
              text={(code) => audienceName(code)}
            />
            <LanguageSelect
              id="pack-language"
              label={t('dialogueWeb:pack.language')}
              error={form.fieldErrors.language}
              value={language}
              onChange={setLanguage}
            />
          </div>
          <button
            type="submit"
            className="button button-primary"
            disabled={form.busy || (jobId !== null && !jobFinished(job) && !jobError)}
          >
            {t('dialogueWeb:pack.generate')}
          </button>
        </form>
      )}
      {jobId !== null && <JobProgress job={job} label={t('dialogueWeb:pack.progress')} />}
      {jobError && <ErrorMessage error={jobError} />}
      {packs.error && <ErrorMessage error={packs.error} onRetry={packs.reload} />}
      {packs.data && packs.data.items.length === 0 && <p className="notice">{t('dialogueWeb:pack.empty')}</p>}
      {packs.data && packs.data.items.length > 0 && (
        <ul className="briefing-pack-list">
          {packs.data.items.map((pack) => (
            <PackRow key={pack.id} pack={pack} audienceName={audienceName(pack.audience)} />
          ))}
        </ul>
      )}
    </section>
  );
}
