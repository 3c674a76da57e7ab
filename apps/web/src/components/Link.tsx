import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate, useLocation } from '../router/router.ts';

interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
  /** Mark the link `aria-current="page"` when its path is the current one (navigation menus). */
  markCurrent?: boolean;
}

/** An in-app link: a real `<a href>` (open in new tab works), navigating without a page load. */
export function Link({ to, markCurrent = false, onClick, children, ...rest }: LinkProps) {
  const { pathname } = useLocation();
  const current = markCurrent && pathname === to.split('?')[0];

  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };

  return (
    <a href={to} onClick={handleClick} aria-current={current ? 'page' : undefined} {...rest}>
      {children}
    </a>
  );
}
