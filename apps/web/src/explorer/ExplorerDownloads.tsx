import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { composeSvg, fileName, saveBlob, svgToPng, type ExportText } from './export.ts';

export interface ExplorerDownloadsProps {
  /** The observations of the selection as CSV / XLSX (the API's download); null when nothing is chosen. */
  csvUrl: string | null;
  xlsxUrl: string | null;
  /** The chart's or the map's SVG; null on tabs without a drawing. */
  drawing: RefObject<SVGSVGElement | null> | null;
  exportText: ExportText;
  fileStem: (string | number | null | undefined)[];
}

/** Data downloads (CSV, XLSX), picture downloads (SVG, PNG) and a copyable permalink. */
export function ExplorerDownloads({
  csvUrl,
  xlsxUrl,
  drawing,
  exportText,
  fileStem,
}: ExplorerDownloadsProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');

  const exportSvg = (): string | null => {
    const svg = drawing?.current;
    return svg ? composeSvg(svg, exportText) : null;
  };

  const downloadSvg = () => {
    const svg = exportSvg();
    if (!svg) return setStatus(t('web:explorer.downloads.notReady'));
    saveBlob(new Blob([svg], { type: 'image/svg+xml' }), fileName(fileStem, 'svg'));
    setStatus('');
  };

  const downloadPng = async () => {
    const svg = exportSvg();
    if (!svg) return setStatus(t('web:explorer.downloads.notReady'));
    try {
      saveBlob(await svgToPng(svg), fileName(fileStem, 'png'));
      setStatus('');
    } catch {
      setStatus(t('web:explorer.downloads.failed'));
    }
  };

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setStatus(t('web:explorer.downloads.linkCopied'));
    } catch {
      setStatus(t('web:explorer.downloads.linkNotCopied'));
    }
  };

  return (
    <section className="explorer-downloads" aria-labelledby="explorer-downloads-heading">
      <h3 id="explorer-downloads-heading">{t('web:explorer.downloads.title')}</h3>
      <div className="download-row">
        {csvUrl && (
          <a className="button button-secondary" href={csvUrl} download>
            {t('web:explorer.downloads.csv')}
          </a>
        )}
        {xlsxUrl && (
          <a className="button button-secondary" href={xlsxUrl} download>
            {t('web:explorer.downloads.xlsx')}
          </a>
        )}
        {drawing && (
          <>
            <button type="button" className="button button-secondary" onClick={downloadSvg}>
              {t('web:explorer.downloads.svg')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => void downloadPng()}>
              {t('web:explorer.downloads.png')}
            </button>
          </>
        )}
        <button type="button" className="button button-secondary" onClick={() => void copyLink()}>
          {t('web:explorer.downloads.copyLink')}
        </button>
      </div>
      <p className="hint">{t('web:explorer.downloads.hint')}</p>
      <p className="hint" role="status">
        {status}
      </p>
    </section>
  );
}
