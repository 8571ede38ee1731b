import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Notices } from '@/app/notices';
import { i18n } from '@/i18n/i18n';

/**
 * `queryClient` comes from main.tsx, which fills it with the session before the first render. antd's theme and
 * context are not here: they come with the pages that draw antd (AntdScope), so the first screen goes without.
 */
export function Providers({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        {children}
        <Notices />
      </QueryClientProvider>
    </I18nextProvider>
  );
}
