import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { editableFields, fixedFields, type ColumnChoice } from './columnMapping.ts';

/** A field's label: `web:imports.fields.*`, or "Dimension <name>". */
export function useFieldLabel(): (key: string) => string {
  const { t } = useTranslation();
  return (key) => {
    if (key.startsWith('dims.')) return `${t('web:imports.fields.dimension')} ${key.slice(5)}`;
    const label: string = t(`web:imports.fields.${key}`, { defaultValue: key });
    return label;
  };
}

/**
 * The column mapping of a long-format spec as one select per field, filled from the previewed
 * file's header; fields the spec fixes to a value are listed below them, read-only.
 */
export function MappingEditor({
  spec,
  header,
  firstRow,
  choice,
  onChange,
}: {
  spec: Record<string, unknown>;
  header: string[];
  firstRow: string[] | undefined;
  choice: ColumnChoice;
  onChange: (key: string, index: number | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const label = useFieldLabel();
  const columnName = (h: string, i: number) =>
    h.trim() === '' ? t('web:imports.preview.unnamedColumn', { number: i + 1 }) : h;

  return (
    <div className="table-wrap">
      <table className="data-table mapping-table">
        <caption>{t('web:imports.preview.mapping')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('web:imports.preview.field')}</th>
            <th scope="col">{t('web:imports.preview.columnInFile')}</th>
            <th scope="col">{t('web:imports.preview.firstValue')}</th>
          </tr>
        </thead>
        <tbody>
          {editableFields(spec).map((f) => {
            const index = choice[f.key] ?? null;
            const selectId = `${id}-${f.key}`;
            return (
              <tr key={f.key} className={f.required && index === null ? 'mapping-unmapped' : undefined}>
                <th scope="row">
                  <label htmlFor={selectId}>{label(f.key)}</label>
                  <span className="secondary">
                    {' '}
                    {f.required ? t('web:imports.preview.required') : t('web:imports.preview.optional')}
                  </span>
                </th>
                <td>
                  <select
                    id={selectId}
                    value={index === null ? '' : String(index)}
                    onChange={(event) =>
                      onChange(f.key, event.target.value === '' ? null : Number(event.target.value))
                    }
                  >
                    <option value="">{t('web:imports.preview.notMapped')}</option>
                    {header.map((h, i) => (
                      <option key={i} value={String(i)}>
                        {columnName(h, i)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{index === null ? '—' : (firstRow?.[index] ?? '')}</td>
              </tr>
            );
          })}
          {fixedFields(spec).map((f) => (
            <tr key={f.key}>
              <th scope="row">{label(f.key)}</th>
              <td>
                {t('web:imports.preview.fixed')} <code>{f.value}</code>
              </td>
              <td>—</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
