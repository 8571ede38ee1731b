// antd's prebuilt styles (see theme.ts, zeroRuntime; unused components left out in vite.config.ts) come with the
// first page that draws antd, not with the first screen.
import 'antd/dist/antd.css';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import type { ReactNode } from 'react';
import { usePreferences } from '@/modules/shell/preferences';
import { useMediaQuery } from '@/ui/use-media-query';
import { themeFor } from './theme';

/** antd's theme, language and App context (message, modal) for what it wraps. Loaded by AntdScope. */
export function AntdProvider({ children }: { children: ReactNode }) {
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
