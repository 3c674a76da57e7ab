import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TABS, type Tab } from './explorer.state.ts';

/**
 * Chart | Map | Table | Sources, as WAI-ARIA tabs: one tab stop, arrow keys move between tabs
 * (and show them), Home/End jump to the ends.
 */
export function ExplorerTabs({
  tab,
  onChange,
  children,
}: {
  tab: Tab;
  onChange: (tab: Tab) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const refs = useRef(new Map<Tab, HTMLButtonElement>());
  const labels: Record<Tab, string> = {
    chart: t('web:explorer.tabs.chart'),
    map: t('web:explorer.tabs.map'),
    table: t('web:explorer.tabs.table'),
    sources: t('web:explorer.tabs.sources'),
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = TABS.indexOf(tab);
    let next: Tab | undefined;
    if (event.key === 'ArrowRight') next = TABS[(at + 1) % TABS.length];
    else if (event.key === 'ArrowLeft') next = TABS[(at - 1 + TABS.length) % TABS.length];
    else if (event.key === 'Home') next = TABS[0];
    else if (event.key === 'End') next = TABS[TABS.length - 1];
    if (!next) return;
    event.preventDefault();
    onChange(next);
    refs.current.get(next)?.focus();
  };

  return (
    <div className="explorer-tabs">
      <div role="tablist" aria-label={t('web:explorer.tabs.label')} className="tablist" onKeyDown={onKeyDown}>
        {TABS.map((name) => (
          <button
            key={name}
            ref={(node) => {
              if (node) refs.current.set(name, node);
              else refs.current.delete(name);
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`${id}-panel`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => onChange(name)}
          >
            {labels[name]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab}`} className="tabpanel">
        {children}
      </div>
    </div>
  );
}
