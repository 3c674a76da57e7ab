import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatNumber, formatValue } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { BilingualField, bindPair, BiText } from './Bilingual.tsx';
import { orNull } from './bilingual.ts';
import { DateField, OptionSelect } from './Controls.tsx';
import { Field } from './Field.tsx';
import { today } from './format.ts';
import { send, useForm } from './forms.ts';
import { DeleteButton } from './DeleteButton.tsx';
import { InlineEdit } from './InlineEdit.tsx';
import { NodeForm } from './NewNodeForm.tsx';
import { paths } from './paths.ts';
import { IndicatorLinkForm } from './StrategyLinks.tsx';
import {
  PROGRESS_STATUSES,
  type ProgressStatus,
  type Rollup,
  type StrategyDetail,
  type StrategyNode,
} from './types.ts';

/** A progress bar with its percent and status as text (never colour alone), and the coverage. */
export function ProgressSummary({ rollup, id, label }: { rollup: Rollup; id: string; label: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const percent = rollup.percent === null ? null : Math.round(rollup.percent);
  return (
    <div className="progress-summary">
      {percent !== null && (
        <progress id={id} max={100} value={percent} aria-label={label}>
          {formatNumber(lang, percent)}%
        </progress>
      )}
      <span className="progress-text">
        {percent !== null
          ? t('dialogueWeb:strategy.percent', { percent: formatNumber(lang, percent) })
          : t('dialogueWeb:strategy.noProgress')}
        {rollup.status && (
          <>
            {' · '}
            <span className={`status-tag status-${rollup.status}`}>
              {t(`dialogueWeb:progressStatus.${rollup.status}`)}
            </span>
          </>
        )}
        {rollup.coverage.total > 0 && (
          <span className="hint">
            {' · '}
            {t('dialogueWeb:strategy.coverage', {
              count: rollup.coverage.total,
              reported: formatNumber(lang, rollup.coverage.reported),
              total: formatNumber(lang, rollup.coverage.total),
            })}
          </span>
        )}
      </span>
    </div>
  );
}

/** Editors: a progress update (status, percent, narrative en/ru) for one item. */
function ProgressForm({ node, onChanged }: { node: StrategyNode; onChanged: () => void }) {
  const { t } = useTranslation();
  const form = useForm();
  const [status, setStatus] = useState<ProgressStatus>('on_track');
  const [percent, setPercent] = useState('');
  const [reportedOn, setReportedOn] = useState(today());
  const [narrative, setNarrative] = useState({ en: '', ru: '' });
  const prefix = `progress-${node.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await form.run(() =>
      send('post', paths.nodeProgress(node.id), {
        reportedOn,
        status,
        percent: percent === '' ? null : Number(percent),
        narrativeEn: orNull(narrative.en),
        narrativeRu: orNull(narrative.ru),
      }),
    );
    if (done !== undefined) {
      setPercent('');
      setNarrative({ en: '', ru: '' });
      onChanged();
    }
  };

  return (
    <details className="inline-form">
      <summary>{t('dialogueWeb:strategy.addProgress', { code: node.code })}</summary>
      <form className="form dialogue-form" onSubmit={(e) => void submit(e)} noValidate>
        {form.error && <ErrorMessage error={form.error} />}
        <div className="form-row">
          <DateField
            id={`${prefix}-date`}
            label={t('dialogueWeb:strategy.reportedOn')}
            error={form.fieldErrors.reportedOn}
            value={reportedOn}
            onChange={setReportedOn}
          />
          <OptionSelect
            id={`${prefix}-status`}
            label={t('dialogueWeb:strategy.status')}
            error={form.fieldErrors.status}
            value={status}
            onChange={setStatus}
            options={PROGRESS_STATUSES}
            text={(s) => t(`dialogueWeb:progressStatus.${s}`)}
          />
          <Field
            id={`${prefix}-percent`}
            label={t('dialogueWeb:strategy.percentLabel')}
            error={form.fieldErrors.percent}
          >
            {(props) => (
              <input
                {...props}
                type="number"
                min={0}
                max={100}
                step={1}
                value={percent}
                onChange={(e) => setPercent(e.target.value)}
              />
            )}
          </Field>
        </div>
        <BilingualField
          idPrefix={prefix}
          name="narrative"
          label={t('dialogueWeb:strategy.narrative')}
          multiline
          {...bindPair(narrative, setNarrative)}
          errors={form.fieldErrors}
        />
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {t('dialogueWeb:strategy.saveProgress')}
        </button>
      </form>
    </details>
  );
}

/** One item of the tree with its progress, indicators, alignments and children. */
function NodeItem({
  strategy,
  node,
  level,
  canEdit,
  onChanged,
}: {
  strategy: StrategyDetail;
  node: StrategyNode;
  level: number;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const none = t('web:notAvailable');
  const Heading = level === 0 ? 'h3' : level === 1 ? 'h4' : 'h5';
  const headingId = `node-${node.id}`;
  return (
    <li className={`strategy-node node-${node.kind}`}>
      <Heading id={headingId} className="node-title">
        <span className="tag">{t(`dialogueWeb:nodeKind.${node.kind}`)}</span>{' '}
        <span className="secondary-code">{node.code}</span> <BiText en={node.titleEn} ru={node.titleRu} />
      </Heading>
      {canEdit && (
        <div className="node-actions">
          <InlineEdit
            label={t('dialogueWeb:form.editWhat', { what: node.code })}
            text={t('dialogueWeb:form.edit')}
          >
            {(close) => <NodeForm strategy={strategy} node={node} onChanged={onChanged} onCancel={close} />}
          </InlineEdit>{' '}
          <DeleteButton path={paths.node(node.id)} what={node.code} onDeleted={onChanged} />
        </div>
      )}
      <ProgressSummary
        rollup={node.rollup}
        id={`progress-bar-${node.id}`}
        label={t('dialogueWeb:strategy.progressOf', { code: node.code })}
      />
      {(node.responsibleEn || node.responsibleRu) && (
        <p className="hint">
          {t('dialogueWeb:strategy.responsible')}: <BiText en={node.responsibleEn} ru={node.responsibleRu} />
        </p>
      )}
      {node.latest && (node.latest.narrativeEn || node.latest.narrativeRu) && (
        <p>
          <BiText en={node.latest.narrativeEn} ru={node.latest.narrativeRu} />
        </p>
      )}
      {node.indicators.length > 0 && (
        <ul className="node-indicators">
          {node.indicators.map((link) => (
            <li key={link.id}>
              <strong>{link.indicator.name}</strong>
              {link.area && ` — ${link.area.name}`}
              {link.substance && `, ${link.substance.name}`}
              {': '}
              {t('dialogueWeb:strategy.baseline')}{' '}
              {link.baselineValue !== null ? formatValue(lang, link.baselineValue) : none}
              {link.baselineYear !== null && ` (${link.baselineYear})`}
              {' · '}
              {t('dialogueWeb:strategy.target')}{' '}
              {link.targetValue !== null ? formatValue(lang, link.targetValue) : none}
              {link.targetYear !== null && ` (${link.targetYear})`}
              {' · '}
              {t('dialogueWeb:strategy.latest')}{' '}
              {link.latest
                ? t('dialogueWeb:strategy.latestValue', {
                    value: formatValue(lang, link.latest.value),
                    unit: link.latest.unit,
                    year: link.latest.year,
                    source: link.latest.sourceCode,
                  })
                : none}
              {(link.noteEn || link.noteRu) && (
                <>
                  {' · '}
                  <BiText en={link.noteEn} ru={link.noteRu} />
                </>
              )}
              {canEdit && (
                <>
                  {' '}
                  <DeleteButton
                    path={paths.nodeIndicator(node.id, link.id)}
                    what={t('dialogueWeb:link.what', { indicator: link.indicator.name, code: node.code })}
                    onDeleted={onChanged}
                  />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {node.alignments.length > 0 && (
        <ul className="node-alignments">
          {node.alignments.map((a) => (
            <li key={a.id}>
              {t(`dialogueWeb:relation.${a.relation}`)}:{' '}
              <span className="secondary-code">
                {a.other.strategyCode} {a.other.nodeCode}
              </span>{' '}
              <BiText en={a.other.titleEn} ru={a.other.titleRu} />
              {canEdit && (
                <>
                  {' '}
                  <DeleteButton
                    path={paths.alignment(a.id)}
                    what={t('dialogueWeb:align.what', {
                      code: node.code,
                      other: `${a.other.strategyCode} ${a.other.nodeCode}`,
                    })}
                    onDeleted={onChanged}
                  />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <InlineEdit label={t('dialogueWeb:link.addTo', { code: node.code })} text={t('dialogueWeb:link.add')}>
          {(close) => <IndicatorLinkForm node={node} onChanged={onChanged} onCancel={close} />}
        </InlineEdit>
      )}
      {canEdit && <ProgressForm node={node} onChanged={onChanged} />}
      {node.children.length > 0 && (
        <ul className="strategy-tree">
          {node.children.map((child) => (
            <NodeItem
              key={child.id}
              strategy={strategy}
              node={child}
              level={level + 1}
              canEdit={canEdit}
              onChanged={onChanged}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The strategy tree: policy area / theme → priority → action. */
export function StrategyTree({
  strategy,
  canEdit,
  onChanged,
}: {
  strategy: StrategyDetail;
  canEdit: boolean;
  onChanged: () => void;
}) {
  return (
    <ul className="strategy-tree strategy-tree-root">
      {strategy.nodes.map((node) => (
        <NodeItem
          key={node.id}
          strategy={strategy}
          node={node}
          level={0}
          canEdit={canEdit}
          onChanged={onChanged}
        />
      ))}
    </ul>
  );
}
