import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { AgendaSection } from '../dialogue/AgendaSection.tsx';
import { resolveText } from '../dialogue/bilingual.ts';
import { BriefingPacksSection } from '../dialogue/BriefingPacksSection.tsx';
import { DelegationsSection } from '../dialogue/DelegationsSection.tsx';
import { DocumentsSection } from '../dialogue/DocumentsSection.tsx';
import { ConclusionsSection } from '../dialogue/FollowUps.tsx';
import { formatDate } from '../dialogue/format.ts';
import { MeetingDetails } from '../dialogue/MeetingDetails.tsx';
import { paths } from '../dialogue/paths.ts';
import { PressReleaseSection } from '../dialogue/PressReleaseSection.tsx';
import type { MeetingDetail, ProgrammeSummary } from '../dialogue/types.ts';
import { useCentralAsiaNames } from '../dialogue/useAreaNames.ts';
import { useCanEdit } from '../dialogue/useCanEdit.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { useLocation } from '../router/router.ts';
import { useSession } from '../session/session.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** One meeting's record: details, agenda, delegations, documents, conclusions, packs, press release. */
export function MeetingPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { pathname } = useLocation();
  const { user } = useSession();
  const canEdit = useCanEdit();
  const id = Number(pathname.split('/')[2]);
  const valid = Number.isInteger(id) && id > 0;
  const meeting = useApi<MeetingDetail>(valid ? paths.meeting(id) : null);
  const programmes = useApi<Page<ProgrammeSummary>>(canEdit ? 'programmes' : null, { pageSize: 100 });
  const areaNames = useCentralAsiaNames();

  if (!valid || meeting.error?.status === 404) return <NotFoundPage />;
  const m = meeting.data;
  const title = m
    ? (resolveText(lang, m.titleEn, m.titleRu)?.text ??
      t('dialogueWeb:meeting.defaultTitle', {
        dialogue: m.dialogue.title,
        date: formatDate(lang, m.startDate),
      }))
    : t('dialogueWeb:meeting.heading');
  const reload = meeting.reload;
  const programmeList = programmes.data?.items ?? [];

  return (
    <>
      <PageHeader title={title} />
      {meeting.error && <ErrorMessage error={meeting.error} onRetry={reload} />}
      {!m && meeting.loading && <Loading />}
      {m && (
        <div className="meeting-record" aria-busy={meeting.loading}>
          <nav className="section-nav" aria-label={t('dialogueWeb:meeting.sections')}>
            <ul>
              <li>
                <a href="#details-heading">{t('dialogueWeb:meeting.details')}</a>
              </li>
              <li>
                <a href="#agenda-heading">{t('dialogueWeb:agenda.title')}</a>
              </li>
              <li>
                <a href="#delegations-heading">{t('dialogueWeb:delegation.title')}</a>
              </li>
              <li>
                <a href="#documents-heading">{t('dialogueWeb:document.title')}</a>
              </li>
              <li>
                <a href="#conclusions-heading">{t('dialogueWeb:conclusions.title')}</a>
              </li>
              {user && (
                <li>
                  <a href="#packs-heading">{t('dialogueWeb:pack.title')}</a>
                </li>
              )}
              <li>
                <a href="#press-heading">{t('dialogueWeb:press.title')}</a>
              </li>
            </ul>
          </nav>
          <MeetingDetails meeting={m} canEdit={canEdit} onChanged={reload} />
          <AgendaSection meeting={m} programmes={programmeList} canEdit={canEdit} onChanged={reload} />
          <DelegationsSection
            meeting={m}
            programmes={programmeList}
            areaNames={areaNames}
            canEdit={canEdit}
            onChanged={reload}
          />
          <DocumentsSection meeting={m} canEdit={canEdit} onChanged={reload} />
          <ConclusionsSection meeting={m} canEdit={canEdit} onChanged={reload} />
          {user && <BriefingPacksSection meetingId={m.id} areaNames={areaNames} canEdit={canEdit} />}
          <PressReleaseSection meetingId={m.id} canEdit={canEdit} />
        </div>
      )}
    </>
  );
}
