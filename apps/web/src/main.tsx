// antd's prebuilt styles first (see theme.ts, zeroRuntime), so the app's own rules win ties.
import 'antd/dist/antd.css';
import '@/app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { Providers } from '@/app/providers';
import { createRouter } from '@/app/router';
import { initI18n } from '@/i18n/i18n';
import { preferencesStore } from '@/modules/shell/preferences';

initI18n(preferencesStore.get().locale);
preferencesStore.applyInitial();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={createRouter()} />
    </Providers>
  </StrictMode>,
);
