// Every store, made once from the transport and handed to pages through context. Stores that
// import heavy shared modules (the Stellar SDK's strkey check, the targets schema) are made by
// their own page on first use, so those modules stay out of the first chunk.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { Transport } from '../transport/transport';
import { createChartsStore } from './charts-store';
import { createDeliveriesStore } from './deliveries-store';
import { createFeedStore } from './feed-store';
import { createHealthStore } from './health-store';
import { createNavStore } from './nav-store';
import { createSettingsStore } from './settings-store';
import { createViewsStore } from './views-store';

export function createAppStores(transport: Transport) {
  return {
    transport,
    nav: createNavStore(window.location, (listener) => window.addEventListener('hashchange', listener)),
    health: createHealthStore(transport),
    feed: createFeedStore(transport),
    views: createViewsStore(window.localStorage),
    settings: createSettingsStore(transport, window.localStorage),
    deliveries: createDeliveriesStore(transport),
    charts: createChartsStore(transport),
    lazy: new Map<string, unknown>(),
  };
}

export type AppStores = ReturnType<typeof createAppStores>;

const StoresContext = createContext<AppStores | null>(null);

export function StoresProvider({ stores, children }: { stores: AppStores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): AppStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores outside StoresProvider');
  return stores;
}

/** Reads a slice of a store and re-renders when it changes. */
export function useSlice<S, T>(store: StoreApi<S>, selector: (state: S) => T): T {
  return useStore(store, selector);
}

/** A store made on first use by the page that needs it, then kept for the session. */
export function useLazyStore<S>(key: string, make: (stores: AppStores) => StoreApi<S>): StoreApi<S> {
  const stores = useStores();
  let store = stores.lazy.get(key) as StoreApi<S> | undefined;
  if (!store) {
    store = make(stores);
    stores.lazy.set(key, store);
  }
  return store;
}
