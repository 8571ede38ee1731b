import './preference-switches.css';
import type { Locale } from '@siyi/contracts';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { notify } from '@/app/notices';
import { authApi } from '@/modules/auth/auth.api';
import { useSessionQuery, useUpdateSessionUser } from '@/modules/auth/session';
import { type FontScale, type Preferences, preferencesStore, usePreferences } from './preferences';

/** Applies a preference at once; when signed in it is also kept on the server for this user. */
function usePreferenceSetter() {
  const { data: session } = useSessionQuery();
  const updateUser = useUpdateSessionUser();
  const { t } = useTranslation();

  return async (change: Partial<Preferences>) => {
    preferencesStore.set(change, { signedOut: !session });
    if (!session) return;
    try {
      updateUser(await authApi.updatePreferences(change));
    } catch (error) {
      if (error instanceof ApiError && error.isSessionLoss) return;
      notify(
        'error',
        t('prefs.saveFailed', { message: error instanceof Error ? error.message : String(error) }),
        'prefs-save',
      );
    }
  };
}

type SwitchSize = 'small' | 'middle' | 'large';

interface SegmentOption<T> {
  value: T;
  label: ReactNode;
  /** The tooltip, when the label on screen is shorter than its meaning ("A+"). */
  title?: string;
}

/**
 * Two choices side by side, one of them chosen (antd's Segmented look, without antd): native radio buttons in a
 * fieldset, so a screen reader says "Language, group, English, radio button, 2 of 2, checked", Tab reaches the
 * chosen one and the arrow keys move the choice — the browser's own radio group behaviour.
 */
function SegmentedChoice<T extends string | number>({
  label,
  value,
  options,
  size = 'middle',
  onChange,
}: {
  label: string;
  value: T;
  options: readonly SegmentOption<T>[];
  size?: SwitchSize | undefined;
  onChange: (value: T) => void;
}) {
  // The shell draws a switch twice (header and menu): each group needs its own radio name.
  const name = useId();
  return (
    <fieldset className={size === 'middle' ? 'siyi-segmented' : `siyi-segmented siyi-segmented--${size}`}>
      <legend className="siyi-visually-hidden">{label}</legend>
      {options.map((option) => {
        const checked = option.value === value;
        return (
          <label
            key={String(option.value)}
            title={option.title}
            className={checked ? 'siyi-segmented__item siyi-segmented__item--checked' : 'siyi-segmented__item'}
          >
            <input
              type="radio"
              className="siyi-segmented__input"
              name={name}
              checked={checked}
              onChange={() => onChange(option.value)}
            />
            {option.label}
          </label>
        );
      })}
    </fieldset>
  );
}

export function LanguageSwitch({ size }: { size?: SwitchSize }) {
  const { t } = useTranslation();
  const { locale } = usePreferences();
  const setPreference = usePreferenceSetter();
  return (
    <SegmentedChoice<Locale>
      label={t('prefs.language')}
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

export function FontSizeSwitch({ size }: { size?: SwitchSize }) {
  const { t } = useTranslation();
  const { fontScale } = usePreferences();
  const setPreference = usePreferenceSetter();
  return (
    <SegmentedChoice<FontScale>
      label={t('prefs.fontSize')}
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
