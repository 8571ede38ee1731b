import type { RetailerProfile } from '@siyi/contracts';
import { useTranslation } from 'react-i18next';
import { CardIcon, iconPaths } from '@/modules/retailers/shop-plain';
import { formatDate, formatOpeningHours } from '@/ui/format';
import { Card, Tag } from '@/ui/plain/plain';
import { useRetailerProfile } from './retailer-360.api';
import { closedDaysText, contactsText, creditGradeText } from './shop-profile-words';

/** The licence's state in words, loud when it needs doing something about (profile-sections' tag, plain). */
function LicenceState({ profile }: { profile: RetailerProfile }) {
  const { t } = useTranslation();
  const days = Math.abs(profile.licenceDaysLeft ?? 0);
  switch (profile.licenceState) {
    case 'expiringSoon':
    case 'expired':
      return (
        <Tag tone={profile.licenceState === 'expired' ? 'error' : 'warning'}>
          <CardIcon path={iconPaths.warning} /> {t(`retailer360.values.licenceState.${profile.licenceState}`, { days })}
        </Tag>
      );
    case 'valid':
      return <Tag tone="success">{t('retailer360.values.licenceState.valid', { days })}</Tag>;
    default:
      return <Tag>{t('retailer360.values.licenceState.unknown')}</Tag>;
  }
}

/**
 * The retailer's own archive, read-only, on its portal home: what the company has on file about its shop, so it
 * can see its licence's validity and tell its manager when something is out of date. Shares the home page's
 * query (GET /api/retailers/:id), so it costs no request of its own. Plain kit: the home comes without antd.
 */
export function ShopProfileCard({ retailerId }: { retailerId: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const profile = useRetailerProfile(retailerId);
  const data = profile.data;
  if (!data) return null;
  const items = [
    { key: 'phone', label: t('retailer360.fields.phone'), value: data.phone },
    {
      key: 'hours',
      label: t('retailer360.fields.openingHours'),
      value: formatOpeningHours(data.opensAt, data.closesAt),
    },
    {
      key: 'closed',
      label: t('retailer360.fields.closedWeekdays'),
      value: closedDaysText(data.closedWeekdays, t, locale),
    },
    {
      key: 'contacts',
      label: t('retailer360.fields.otherContacts'),
      value: contactsText(data.otherContacts, t, locale),
    },
    {
      key: 'licence',
      label: t('retailer360.fields.licenceValidTo'),
      value: (
        <span>
          {data.licenceValidTo ? `${formatDate(data.licenceValidTo, locale)} ` : null}
          <LicenceState profile={data} />
        </span>
      ),
    },
    { key: 'grade', label: t('retailer360.fields.creditGrade'), value: creditGradeText(data.creditGrade, t) },
    { key: 'scope', label: t('retailer360.fields.businessScope'), value: data.businessScope || t('common.none') },
  ];
  return (
    <Card title={t('retailer360.portal.title')}>
      <dl className="siyi-shop-profile">
        {items.map((item) => (
          <div key={item.key} style={{ display: 'contents' }}>
            <dt>{item.label}</dt>
            <dd>{item.value}</dd>
          </div>
        ))}
      </dl>
      <p className="siyi-shop-text siyi-shop-muted" style={{ marginTop: 8 }}>
        {t('retailer360.portal.note')}
      </p>
    </Card>
  );
}
