import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { createAppStores, StoresProvider } from './stores/app-stores';
import { createTransport } from './transport';
import './styles/theme.css';
import './styles/app.css';
import './styles/feed.css';

const stores = createAppStores(createTransport());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>
  </StrictMode>,
);
