import { useSyncExternalStore } from 'react';

/**
 * A very small client-side router on the History API: the app has a handful of flat pages, so a
 * routing library would cost more bytes than it saves.
 */

const listeners = new Set<() => void>();
let navigated = false;
/** Counts history moves (push, back, forward) but not in-place URL updates (replace). */
let visit = 0;

function notify(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', () => {
  navigated = true;
  visit += 1;
  notify();
});

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function url(): string {
  return window.location.pathname + window.location.search;
}

function snapshot(): string {
  return `${visit} ${url()}`;
}

/** Goes to an in-app URL (path and query), adding a history entry unless `replace` is set. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === url()) return;
  if (options.replace) {
    window.history.replaceState(null, '', to);
  } else {
    navigated = true;
    visit += 1;
    window.history.pushState(null, '', to);
    window.scrollTo(0, 0);
  }
  notify();
}

/** True once the visitor has moved between pages (so focus should move to the new page's heading). */
export function hasNavigated(): boolean {
  return navigated;
}

export interface Location {
  pathname: string;
  query: URLSearchParams;
  /** Changes on every history move: keying a page with it starts the page afresh on each visit. */
  key: string;
}

/** The current path and query; the calling component re-renders on navigation. */
export function useLocation(): Location {
  const current = useSyncExternalStore(subscribe, snapshot);
  const space = current.indexOf(' ');
  const key = current.slice(0, space);
  const [pathname = '/', search = ''] = current.slice(space + 1).split('?');
  return { pathname: normalizePath(pathname), query: new URLSearchParams(search), key };
}

/** `/countries/` and `/countries` are the same page. */
export function normalizePath(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}
