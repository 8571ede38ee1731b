import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '@/i18n/i18n';
import { usePreferences } from '@/modules/shell/preferences';
import { useMediaQuery } from '@/ui/use-media-query';
import { themeFor } from './theme';

function ThemedAntd({ children }: { children: ReactNode }) {
  const { locale, fontScale } = usePreferences();
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)');
  return (
    // No space antd would put between the two characters of a Chinese button ("发 布"): Chinese reads them as one word.
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={themeFor(fontScale, reducedMotion)}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** `queryClient` comes from main.tsx, which fills it with the session before the first render. */
export function Providers({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <ThemedAntd>{children}</ThemedAntd>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
