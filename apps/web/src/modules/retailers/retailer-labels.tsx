import { PhoneOutlined } from '@ant-design/icons';
import type { RetailerStatus } from '@siyi/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { telHref } from '@/ui/format';

/** Our own tag colours (app.css): antd's preset green and orange text falls below 4.5:1 contrast. */
const STATUS_CLASSES: Record<RetailerStatus, string> = {
  active: 'siyi-tag--good',
  suspended: 'siyi-tag--warn',
  closed: '',
};

export function StatusTag({ status }: { status: RetailerStatus }) {
  const { t } = useTranslation();
  return <Tag className={STATUS_CLASSES[status]}>{t(`statuses.${status}`)}</Tag>;
}

/** Tier 档位 as "18 档": the figure the retailer's allocation follows, so it is always bold. */
export function TierBadge({ tier }: { tier: number }) {
  const { t } = useTranslation();
  return <span className="siyi-tier-badge">{t('retailers.tierValue', { tier })}</span>;
}

/** A phone number that dials on a phone. */
export function PhoneLink({ phone }: { phone: string }) {
  const { t } = useTranslation();
  return (
    <a href={telHref(phone)} aria-label={t('common.call', { phone })}>
      <PhoneOutlined aria-hidden /> {phone}
    </a>
  );
}
