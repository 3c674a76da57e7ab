import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { hasNavigated } from '../router/router.ts';

interface PageHeaderProps {
  title: string;
  intro?: ReactNode;
}

/**
 * A page's `<h1>` and introduction. Sets the document title and, after in-app navigation, moves
 * focus to the heading so that screen-reader users hear that the page changed.
 */
export function PageHeader({ title, intro }: PageHeaderProps) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = t('web:documentTitle', { page: title });
  }, [t, title]);

  useEffect(() => {
    if (hasNavigated()) headingRef.current?.focus({ preventScroll: true });
  }, []);

  return (
    <div className="page-header">
      <h1 ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      {intro && <p className="page-intro">{intro}</p>}
    </div>
  );
}
