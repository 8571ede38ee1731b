import { WarningOutlined } from '@ant-design/icons';
import './retailer-360.css';
import type { RetailerProfile } from '@siyi/contracts';
import { Alert, Card, Descriptions, type DescriptionsProps, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PhoneLink, StatusTag, TierBadge } from '@/modules/retailers/retailer-labels';
import { TopProductsTable, WeeklySalesChart } from '@/modules/retailers/retailer-sales';
import { SALES_WEEKS, useRetailerSales } from '@/modules/retailers/retailers.api';
import { formatDate, formatMoney, formatOpeningHours, formatWeekday } from '@/ui/format';
import { BlockLoading, QueryView } from '@/ui/states';
import { fieldValue } from './retailer-360-words';

const COLUMNS: DescriptionsProps['column'] = { xs: 1, sm: 2, lg: 3 };

function useNone(): ReactNode {
  const { t } = useTranslation();
  return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
}

/** The licence's state in words, loud when it needs doing something about. */
export function LicenceStateTag({ profile }: { profile: RetailerProfile }) {
  const { t } = useTranslation();
  const days = Math.abs(profile.licenceDaysLeft ?? 0);
  switch (profile.licenceState) {
    case 'expiringSoon':
      return (
        <Tag color="warning" icon={<WarningOutlined aria-hidden />}>
          {t('retailer360.values.licenceState.expiringSoon', { days })}
        </Tag>
      );
    case 'expired':
      return (
        <Tag color="error" icon={<WarningOutlined aria-hidden />}>
          {t('retailer360.values.licenceState.expired', { days })}
        </Tag>
      );
    case 'valid':
      return <Tag color="success">{t('retailer360.values.licenceState.valid', { days })}</Tag>;
    default:
      return <Tag>{t('retailer360.values.licenceState.unknown')}</Tag>;
  }
}

export function ProfileSections({ profile }: { profile: RetailerProfile }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const none = useNone();
  const value = (field: string, raw: unknown) => fieldValue(field, raw, t, locale);

  const basic: DescriptionsProps['items'] = [
    { key: 'shopName', label: t('retailer360.fields.shopName'), children: profile.shopName },
    { key: 'address', label: t('retailer360.fields.address'), children: profile.address, span: 'filled' },
    {
      key: 'county',
      label: t('retailer360.fields.county'),
      children: profile.countyName
        ? t('retailers.countyValue', { name: profile.countyName, code: profile.countyCode })
        : profile.countyCode,
    },
    { key: 'town', label: t('retailer360.fields.townCode'), children: profile.townCode ?? none },
    { key: 'format', label: t('retailer360.fields.businessFormat'), children: t(`formats.${profile.businessFormat}`) },
    { key: 'scope', label: t('retailer360.fields.businessScope'), children: profile.businessScope || none },
    { key: 'status', label: t('retailer360.fields.status'), children: <StatusTag status={profile.status} /> },
    {
      key: 'hours',
      label: t('retailer360.fields.openingHours'),
      children: formatOpeningHours(profile.opensAt, profile.closesAt),
    },
    {
      key: 'closed',
      label: t('retailer360.fields.closedWeekdays'),
      children: value('closedWeekdays', profile.closedWeekdays),
    },
    {
      key: 'orderMethod',
      label: t('retailer360.fields.orderMethod'),
      children: value('orderMethod', profile.orderMethod),
    },
    {
      key: 'orderDay',
      label: t('retailer360.fields.orderWeekday'),
      children: t('retailers.detail.orderDay', { day: formatWeekday(profile.orderWeekday, locale) }),
    },
  ];
  const network: DescriptionsProps['items'] = [
    { key: 'district', label: t('retailer360.fields.district'), children: profile.districtName },
    {
      key: 'manager',
      label: t('retailer360.fields.manager'),
      children: profile.managerName ? (
        <span>
          {profile.managerName}
          {profile.managerPhone ? (
            <>
              {' '}
              <PhoneLink phone={profile.managerPhone} />
            </>
          ) : null}
        </span>
      ) : (
        t('common.notAssigned')
      ),
    },
    {
      key: 'batch',
      label: t('retailer360.fields.visitBatch'),
      children: profile.visitBatch === null ? none : value('visitBatch', profile.visitBatch),
    },
    {
      key: 'frequency',
      label: t('retailer360.fields.orderFrequency'),
      children: value('orderFrequency', profile.orderFrequency),
    },
    {
      key: 'bestVisit',
      label: t('retailer360.fields.bestVisit'),
      children:
        profile.bestVisitFrom !== null && profile.bestVisitTo !== null
          ? formatOpeningHours(profile.bestVisitFrom, profile.bestVisitTo)
          : none,
    },
  ];
  const licence: DescriptionsProps['items'] = [
    { key: 'no', label: t('retailer360.fields.licenceNo'), children: profile.licenceNo },
    { key: 'type', label: t('retailer360.fields.licenceType'), children: value('licenceType', profile.licenceType) },
    {
      key: 'validity',
      label: t('retailer360.fields.licenceValidity'),
      children: (
        <span>
          {profile.licenceValidFrom || profile.licenceValidTo
            ? t('retailer360.values.validity', {
                from: profile.licenceValidFrom ? formatDate(profile.licenceValidFrom, locale) : '…',
                to: profile.licenceValidTo ? formatDate(profile.licenceValidTo, locale) : '…',
              })
            : null}{' '}
          <LicenceStateTag profile={profile} />
        </span>
      ),
      span: 'filled',
    },
    {
      key: 'grade',
      label: t('retailer360.fields.creditGrade'),
      children: profile.creditGrade ? value('creditGrade', profile.creditGrade) : none,
    },
    { key: 'model', label: t('retailer360.fields.isModelShop'), children: value('isModelShop', profile.isModelShop) },
    {
      key: 'minors',
      label: t('retailer360.fields.minorsNoticePosted'),
      children: value('minorsNoticePosted', profile.minorsNoticePosted),
    },
    { key: 'school', label: t('retailer360.fields.nearSchool'), children: value('nearSchool', profile.nearSchool) },
  ];
  const contacts: DescriptionsProps['items'] = [
    { key: 'owner', label: t('retailer360.fields.ownerName'), children: profile.ownerName },
    { key: 'phone', label: t('retailer360.fields.phone'), children: <PhoneLink phone={profile.phone} /> },
    ...profile.otherContacts.map((contact, index) => ({
      key: `other-${index}`,
      label: contact.role
        ? t('retailer360.values.contactLine', { name: contact.name, role: contact.role })
        : contact.name,
      children: <PhoneLink phone={contact.phone} />,
    })),
  ];

  return (
    <>
      {profile.licenceState === 'expiringSoon' || profile.licenceState === 'expired' ? (
        <Alert
          type={profile.licenceState === 'expired' ? 'error' : 'warning'}
          showIcon
          title={
            profile.licenceState === 'expired'
              ? t('retailer360.values.licenceState.expired', { days: Math.abs(profile.licenceDaysLeft ?? 0) })
              : t('retailer360.values.licenceState.expiringSoon', { days: profile.licenceDaysLeft ?? 0 })
          }
        />
      ) : null}
      <Card title={t('retailer360.sections.basic')}>
        <Descriptions column={COLUMNS} items={basic} />
      </Card>
      <div className="siyi-grid siyi-grid--charts">
        <Card title={t('retailer360.sections.contacts')}>
          <Descriptions column={1} items={contacts} />
        </Card>
        <Card title={t('retailer360.sections.network')}>
          <Descriptions column={1} items={network} />
        </Card>
      </div>
      <Card title={t('retailer360.sections.licence')}>
        <Descriptions column={COLUMNS} items={licence} />
      </Card>
      {profile.notes !== null ? (
        <Card title={t('retailer360.sections.notes')}>
          {profile.notes ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {profile.notes}
            </Typography.Paragraph>
          ) : (
            none
          )}
        </Card>
      ) : null}
      <SalesSection profile={profile} />
    </>
  );
}

/** Tier, the weekly volume and amount trend, and the average price per carton — all from orders. */
function SalesSection({ profile }: { profile: RetailerProfile }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const sales = useRetailerSales(profile.id);
  return (
    <>
      <Card title={t('retailer360.sections.sales')}>
        <QueryView query={sales} loading={<BlockLoading rows={2} />}>
          {(data) => {
            const four = data.recentFourWeeks;
            return (
              <div className="siyi-r360-stats">
                <div>
                  <Typography.Text type="secondary">{t('retailer360.fields.tier')}</Typography.Text>
                  <div>
                    <TierBadge tier={profile.tier} />
                  </div>
                </div>
                <Statistic
                  title={t('retailer360.fields.lastWeek')}
                  value={t('retailer360.values.cartons', { count: data.lastWeek.quantity })}
                />
                <Statistic
                  title={t('retailer360.fields.recentFourWeeks')}
                  value={t('retailer360.values.cartons', { count: four.quantity })}
                />
                <Statistic
                  title={t('retailer360.fields.averagePrice')}
                  value={
                    four.quantity > 0
                      ? t('retailer360.values.perCarton', {
                          amount: formatMoney(Math.round(four.amountFen / four.quantity), locale),
                        })
                      : '—'
                  }
                />
              </div>
            );
          }}
        </QueryView>
      </Card>
      <div className="siyi-grid siyi-grid--charts">
        <Card title={t('retailers.sales.weeklyTitle', { weeks: SALES_WEEKS })}>
          <QueryView query={sales} loading={<BlockLoading rows={6} />}>
            {(data) => <WeeklySalesChart weeks={data.weeks} />}
          </QueryView>
        </Card>
        <Card title={t('retailers.sales.topProducts')}>
          <QueryView query={sales}>{(data) => <TopProductsTable products={data.topProducts} />}</QueryView>
        </Card>
      </div>
    </>
  );
}
