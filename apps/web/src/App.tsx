import { lazy, Suspense, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Footer } from './components/Footer.tsx';
import { Header } from './components/Header.tsx';
import { Loading } from './components/Loading.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { useLocation } from './router/router.ts';

// The overview is in the first bundle; the other pages load when first visited.
const CountriesPage = lazy(() =>
  import('./pages/CountriesPage.tsx').then((m) => ({ default: m.CountriesPage })),
);
const IndicatorsPage = lazy(() =>
  import('./pages/IndicatorsPage.tsx').then((m) => ({ default: m.IndicatorsPage })),
);
const ExplorerPage = lazy(() =>
  import('./pages/ExplorerPage.tsx').then((m) => ({ default: m.ExplorerPage })),
);
const SourcesPage = lazy(() => import('./pages/SourcesPage.tsx').then((m) => ({ default: m.SourcesPage })));
const SignInPage = lazy(() => import('./pages/SignInPage.tsx').then((m) => ({ default: m.SignInPage })));
const ImportsPage = lazy(() => import('./pages/ImportsPage.tsx').then((m) => ({ default: m.ImportsPage })));
const UsersPage = lazy(() => import('./pages/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const CountryProfilePage = lazy(() =>
  import('./pages/CountryProfilePage.tsx').then((m) => ({ default: m.CountryProfilePage })),
);
const SubstanceProfilePage = lazy(() =>
  import('./pages/SubstanceProfilePage.tsx').then((m) => ({ default: m.SubstanceProfilePage })),
);
const DialoguePage = lazy(() =>
  import('./pages/DialoguePage.tsx').then((m) => ({ default: m.DialoguePage })),
);
const MeetingPage = lazy(() => import('./pages/MeetingPage.tsx').then((m) => ({ default: m.MeetingPage })));
const StrategiesPage = lazy(() =>
  import('./pages/StrategiesPage.tsx').then((m) => ({ default: m.StrategiesPage })),
);
const StrategyPage = lazy(() =>
  import('./pages/StrategyPage.tsx').then((m) => ({ default: m.StrategyPage })),
);
const ProgrammesPage = lazy(() =>
  import('./pages/ProgrammesPage.tsx').then((m) => ({ default: m.ProgrammesPage })),
);
const ProgrammePage = lazy(() =>
  import('./pages/ProgrammePage.tsx').then((m) => ({ default: m.ProgrammePage })),
);
const NotFoundPage = lazy(() =>
  import('./pages/NotFoundPage.tsx').then((m) => ({ default: m.NotFoundPage })),
);

/** Client routes. The server answers every non-API path with index.html, so deep links work. */
const ROUTES: Record<string, ComponentType> = {
  '/': OverviewPage,
  '/explorer': ExplorerPage,
  '/countries': CountriesPage,
  '/indicators': IndicatorsPage,
  '/sources': SourcesPage,
  '/sign-in': SignInPage,
  '/users': UsersPage,
  '/imports': ImportsPage,
  '/dialogue': DialoguePage,
  '/strategies': StrategiesPage,
  '/programmes': ProgrammesPage,
};

/** Pages with a code in the path: `/countries/TJK`, `/substances/heroin`. */
const PROFILE_ROUTES: Record<string, ComponentType> = {
  countries: CountryProfilePage,
  substances: SubstanceProfilePage,
  meetings: MeetingPage,
  strategies: StrategyPage,
  programmes: ProgrammePage,
};

function pageFor(pathname: string): ComponentType {
  const exact = ROUTES[pathname];
  if (exact) return exact;
  const match = /^\/([a-z]+)\/[^/]+$/.exec(pathname);
  return (match && PROFILE_ROUTES[match[1] ?? '']) ?? NotFoundPage;
}

/** The page shell: skip link, header, the routed page, footer. */
export function App() {
  const { t } = useTranslation();
  const { pathname, key } = useLocation();
  const Page = pageFor(pathname);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('web:skipToContent')}
      </a>
      <Header />
      <main id="main" className="container" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          {/* A new visit (link, back, forward) starts the page afresh; in-place URL updates do not. */}
          <Page key={key} />
        </Suspense>
      </main>
      <Footer />
    </>
  );
}
