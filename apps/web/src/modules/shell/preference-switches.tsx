import type { Locale } from '@siyi/contracts';
import { App, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { authApi } from '@/modules/auth/auth.api';
import { useSessionQuery, useUpdateSessionUser } from '@/modules/auth/session';
import { type FontScale, type Preferences, preferencesStore, usePreferences } from './preferences';

/** Applies a preference at once; when signed in it is also kept on the server for this user. */
function usePreferenceSetter() {
  const { data: session } = useSessionQuery();
  const updateUser = useUpdateSessionUser();
  const { message } = App.useApp();
  const { t } = useTranslation();

  return async (change: Partial<Preferences>) => {
    preferencesStore.set(change, { signedOut: !session });
    if (!session) return;
    try {
      updateUser(await authApi.updatePreferences(change));
    } catch (error) {
      if (error instanceof ApiError && error.isSessionLoss) return;
      void message.error(t('prefs.saveFailed', { message: error instanceof Error ? error.message : String(error) }));
    }
  };
}

export function LanguageSwitch({ size }: { size?: 'small' | 'middle' | 'large' }) {
  const { t } = useTranslation();
  const { locale } = usePreferences();
  const setPreference = usePreferenceSetter();
  return (
    <Segmented<Locale>
      aria-label={t('prefs.language')}
      size={size}
      value={locale}
      options={[
        { value: 'zh-CN', label: t('prefs.languageZh') },
        { value: 'en', label: t('prefs.languageEn') },
      ]}
      onChange={(value) => void setPreference({ locale: value })}
    />
  );
}

/** "A+" on screen, "Large text" for screen readers. */
function SwitchLabel({ short, full }: { short: string; full: string }) {
  return (
    <>
      <span aria-hidden="true">{short}</span>
      <span className="siyi-visually-hidden">{full}</span>
    </>
  );
}

export function FontSizeSwitch({ size }: { size?: 'small' | 'middle' | 'large' }) {
  const { t } = useTranslation();
  const { fontScale } = usePreferences();
  const setPreference = usePreferenceSetter();
  return (
    <Segmented<FontScale>
      aria-label={t('prefs.fontSize')}
      size={size}
      value={fontScale}
      options={[
        {
          value: 1,
          label: <SwitchLabel short={t('prefs.normalType')} full={t('prefs.normalTypeLabel')} />,
          title: t('prefs.normalTypeLabel'),
        },
        {
          value: 2,
          label: <SwitchLabel short={t('prefs.largeType')} full={t('prefs.largeTypeLabel')} />,
          title: t('prefs.largeTypeLabel'),
        },
      ]}
      onChange={(value) => void setPreference({ fontScale: value })}
    />
  );
}
