import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.tsx';
import { applyDocumentLanguage, currentLanguage, i18n } from './i18n/i18n.ts';
import { SessionProvider } from './session/SessionProvider.tsx';
import './styles.css';

applyDocumentLanguage(currentLanguage());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nextProvider>
  </StrictMode>,
);
