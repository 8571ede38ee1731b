import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "我的零售户 · 四意": tabs, history and screen readers name the page. */
export function useDocumentTitle(title: string | undefined): void {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} · ${appName}` : appName;
  }, [title, appName]);
}
