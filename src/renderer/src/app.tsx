// The dashboard's frame: navigation, the engine's status, and the open page. The feed is in the
// first chunk (it is what the app opens on); the other pages load when first opened.
import { lazy, Suspense, useEffect } from 'react';
import { StatusBar } from './components/status-bar';
import { useTheme } from './components/use-theme';
import { FeedPage } from './pages/feed/feed-page';
import { useSlice, useStores } from './stores/app-stores';
import { PAGES, type PageName } from './stores/nav-store';

const ChartsPage = lazy(() => import('./pages/charts/charts-page'));
const ContractsPage = lazy(() => import('./pages/contracts/contracts-page'));
const TargetsPage = lazy(() => import('./pages/targets/targets-page'));
const DeliveriesPage = lazy(() => import('./pages/deliveries/deliveries-page'));
const NotificationsPage = lazy(() => import('./pages/notifications/notifications-page'));
const SettingsPage = lazy(() => import('./pages/settings/settings-page'));

const TITLES: Record<PageName, string> = {
  feed: 'Feed',
  charts: 'Charts',
  contracts: 'Contracts',
  targets: 'Targets',
  deliveries: 'Deliveries',
  notifications: 'Notifications',
  settings: 'Settings',
};

function Page({ page }: { page: PageName }) {
  switch (page) {
    case 'feed': return <FeedPage />;
    case 'charts': return <ChartsPage />;
    case 'contracts': return <ContractsPage />;
    case 'targets': return <TargetsPage />;
    case 'deliveries': return <DeliveriesPage />;
    case 'notifications': return <NotificationsPage />;
    case 'settings': return <SettingsPage />;
  }
}

export function App() {
  const { nav, health, feed, settings, transport } = useStores();
  const page = useSlice(nav, (s) => s.page);
  const theme = useSlice(settings, (s) => s.theme);
  useTheme(theme);

  useEffect(() => {
    // The feed's first page goes first: on a large store /health is the slower answer, and the
    // server would otherwise work on it while the first rows wait.
    void feed.getState().start().finally(() => health.getState().start());
    void settings.getState().load();
    const offShow = transport.desktop?.onShowEvent((eventId) => {
      nav.getState().go('feed', eventId);
      void feed.getState().selectById(eventId);
    });
    return () => {
      health.getState().stop();
      feed.getState().stop();
      offShow?.();
    };
  }, [health, feed, settings, nav, transport]);

  useEffect(() => {
    document.title = `${TITLES[page]} · NotifyChain`;
  }, [page]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to content</a>
      <nav className="sidebar" aria-label="Pages">
        <div className="brand">NotifyChain</div>
        {PAGES.map((name) => (
          <a key={name} className="nav-link" href={`#/${name}`} aria-current={page === name ? 'page' : undefined}>
            {TITLES[name]}
          </a>
        ))}
      </nav>
      <StatusBar />
      <main id="main" className={page === 'feed' ? 'main fill' : 'main'} tabIndex={-1}>
        <Suspense fallback={<p className="muted" role="status">Loading…</p>}>
          <Page page={page} />
        </Suspense>
      </main>
    </div>
  );
}
