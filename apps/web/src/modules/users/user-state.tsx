import type { UserSummary } from '@siyi/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Disabled, locked (a sign-in lock is running) or active. */
export function UserState({ user }: { user: Pick<UserSummary, 'disabled' | 'locked'> }) {
  const { t } = useTranslation();
  if (user.disabled) return <Tag>{t('users.stateDisabled')}</Tag>;
  if (user.locked) return <Tag color="red">{t('users.stateLocked')}</Tag>;
  return <Tag color="green">{t('users.stateNormal')}</Tag>;
}
