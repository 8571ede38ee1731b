import { Card, Descriptions, type DescriptionsProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatOpeningHours } from '@/ui/format';
import { LicenceStateTag } from './profile-sections';
import { useRetailerProfile } from './retailer-360.api';
import { fieldValue } from './retailer-360-words';

/**
 * The retailer's own archive, read-only, on its portal home: what the company has on file about its shop, so it
 * can see its licence's validity and tell its manager when something is out of date. Shares the home page's
 * query (GET /api/retailers/:id), so it costs no request of its own.
 */
export function ShopProfileCard({ retailerId }: { retailerId: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const profile = useRetailerProfile(retailerId);
  const data = profile.data;
  if (!data) return null;
  const items: DescriptionsProps['items'] = [
    { key: 'phone', label: t('retailer360.fields.phone'), children: data.phone },
    {
      key: 'hours',
      label: t('retailer360.fields.openingHours'),
      children: formatOpeningHours(data.opensAt, data.closesAt),
    },
    {
      key: 'closed',
      label: t('retailer360.fields.closedWeekdays'),
      children: fieldValue('closedWeekdays', data.closedWeekdays, t, locale),
    },
    {
      key: 'contacts',
      label: t('retailer360.fields.otherContacts'),
      children: fieldValue('otherContacts', data.otherContacts, t, locale),
    },
    {
      key: 'licence',
      label: t('retailer360.fields.licenceValidTo'),
      children: (
        <span>
          {data.licenceValidTo ? `${formatDate(data.licenceValidTo, locale)} ` : null}
          <LicenceStateTag profile={data} />
        </span>
      ),
    },
    {
      key: 'grade',
      label: t('retailer360.fields.creditGrade'),
      children: fieldValue('creditGrade', data.creditGrade, t, locale),
    },
    { key: 'scope', label: t('retailer360.fields.businessScope'), children: data.businessScope || t('common.none') },
  ];
  return (
    <Card title={t('retailer360.portal.title')}>
      <Descriptions column={1} items={items} />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 8 }}>
        {t('retailer360.portal.note')}
      </Typography.Paragraph>
    </Card>
  );
}
