import { ArrowDownOutlined, ArrowLeftOutlined, ArrowUpOutlined, EnvironmentOutlined } from '@ant-design/icons';
import type { RetailerDetail, TierChange } from '@siyi/contracts';
import { Card, Descriptions, type DescriptionsProps, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { useCurrentUser } from '@/modules/auth/session';
import { formatCoordinate, formatDate, formatOpeningHours, formatWeekday } from '@/ui/format';
import { LinkButton } from '@/ui/link-button';
import { BlockLoading, ErrorState, NotFoundState, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { PhoneLink, StatusTag, TierBadge } from './retailer-labels';
import { TopProductsTable, WeeklySalesChart } from './retailer-sales';
import { SALES_WEEKS, useRetailer, useRetailerSales } from './retailers.api';
import { tierBasisText } from './tier-basis';

const DESCRIPTION_COLUMNS: DescriptionsProps['column'] = { xs: 1, sm: 2, lg: 3 };

function parseId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}

function useBackTarget(): string {
  const { state } = useLocation();
  const user = useCurrentUser();
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') {
    if (state.from.startsWith('/') && !state.from.startsWith('//')) return state.from;
  }
  // A manager's list is their home page.
  return user.role === 'manager' ? '/' : '/retailers';
}

function NotInScope({ back }: { back: string }) {
  const { t } = useTranslation();
  return (
    <NotFoundState
      headingLevel={1}
      title={t('retailers.detail.notFoundTitle')}
      body={t('retailers.detail.notFoundBody')}
      backTo={back}
      backLabel={t('retailers.detail.backToList')}
    />
  );
}

function TierHistory({ history }: { history: readonly TierChange[] }) {
  const { t, i18n } = useTranslation();
  if (history.length === 0)
    return <Typography.Text type="secondary">{t('retailers.detail.noTierHistory')}</Typography.Text>;
  const newestFirst = [...history].sort((a, b) => b.effectiveWeek.localeCompare(a.effectiveWeek));
  return (
    <Timeline
      items={newestFirst.map((change, index) => {
        const up = change.previousTier !== null && change.tier > change.previousTier;
        const down = change.previousTier !== null && change.tier < change.previousTier;
        return {
          key: `${change.effectiveWeek}-${index}`,
          color: up ? 'green' : down ? 'red' : 'blue',
          icon: up ? <ArrowUpOutlined /> : down ? <ArrowDownOutlined /> : undefined,
          content: (
            <div>
              <Typography.Text strong>
                {change.previousTier === null
                  ? t('retailers.detail.tierInitial', { to: change.tier })
                  : t('retailers.detail.tierChange', { from: change.previousTier, to: change.tier })}
              </Typography.Text>
              {up || down ? (
                <Tag className={up ? 'siyi-tag--good' : 'siyi-tag--bad'} style={{ marginInlineStart: 8 }}>
                  {up ? t('retailers.detail.tierUp') : t('retailers.detail.tierDown')}
                </Tag>
              ) : null}
              <div>
                <Typography.Text>
                  {t('retailers.detail.effectiveWeek', { week: formatDate(change.effectiveWeek, i18n.language) })}
                </Typography.Text>
              </div>
              {change.basis ? (
                <div>
                  <Typography.Text type="secondary">
                    {t('retailers.detail.basis', { basis: tierBasisText(change.basis, t) })}
                  </Typography.Text>
                </div>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}

function RetailerFacts({ retailer }: { retailer: RetailerDetail }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;

  const basic: DescriptionsProps['items'] = [
    { key: 'licence', label: t('retailers.fields.licenceNo'), children: retailer.licenceNo },
    { key: 'owner', label: t('retailers.fields.ownerName'), children: retailer.ownerName },
    { key: 'phone', label: t('retailers.fields.phone'), children: <PhoneLink phone={retailer.phone} /> },
    { key: 'format', label: t('retailers.fields.businessFormat'), children: t(`formats.${retailer.businessFormat}`) },
    { key: 'tier', label: t('retailers.fields.tier'), children: <TierBadge tier={retailer.tier} /> },
    { key: 'status', label: t('retailers.fields.status'), children: <StatusTag status={retailer.status} /> },
    { key: 'district', label: t('retailers.fields.district'), children: retailer.districtName },
  ];
  const location: DescriptionsProps['items'] = [
    { key: 'address', label: t('retailers.fields.address'), children: retailer.address, span: 'filled' },
    {
      key: 'county',
      label: t('retailers.fields.county'),
      children: retailer.countyName
        ? t('retailers.countyValue', { name: retailer.countyName, code: retailer.countyCode })
        : retailer.countyCode,
    },
    { key: 'town', label: t('retailers.fields.town'), children: retailer.townCode ?? none },
    { key: 'lat', label: t('retailers.fields.latitude'), children: formatCoordinate(retailer.lat) },
    { key: 'lng', label: t('retailers.fields.longitude'), children: formatCoordinate(retailer.lng) },
    { key: 'crs', label: t('retailers.fields.coordinateSystem'), children: t('retailers.coordinateSystemValue') },
  ];
  const hours: DescriptionsProps['items'] = [
    {
      key: 'hours',
      label: t('retailers.fields.openingHours'),
      children: formatOpeningHours(retailer.opensAt, retailer.closesAt),
    },
    {
      key: 'orderDay',
      label: t('retailers.fields.orderWeekday'),
      children: t('retailers.detail.orderDay', { day: formatWeekday(retailer.orderWeekday, locale) }),
    },
  ];
  const manager: DescriptionsProps['items'] = [
    { key: 'manager', label: t('retailers.fields.manager'), children: retailer.managerName ?? t('common.notAssigned') },
    {
      key: 'managerPhone',
      label: t('retailers.fields.managerPhone'),
      children: retailer.managerPhone ? <PhoneLink phone={retailer.managerPhone} /> : none,
    },
  ];

  return (
    <>
      <Card title={t('retailers.detail.basic')}>
        <Descriptions column={DESCRIPTION_COLUMNS} items={basic} />
      </Card>
      <div className="siyi-grid siyi-grid--charts">
        <Card
          title={
            <Space>
              <EnvironmentOutlined aria-hidden />
              {t('retailers.detail.location')}
            </Space>
          }
        >
          <Descriptions column={{ xs: 1, sm: 2 }} items={location} />
        </Card>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('retailers.detail.hours')}>
            <Descriptions column={1} items={hours} />
          </Card>
          <Card title={t('retailers.detail.manager')}>
            <Descriptions column={1} items={manager} />
          </Card>
        </Space>
      </div>
    </>
  );
}

function SalesSection({ retailerId }: { retailerId: number }) {
  const { t } = useTranslation();
  const sales = useRetailerSales(retailerId);
  return (
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
  );
}

/** `/retailers/:id`: the retailer's whole record on one screen, for its manager, supervisor or an admin. */
export function RetailerDetailPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = parseId(params.id);
  const back = useBackTarget();
  const retailer = useRetailer(id);
  useDocumentTitle(retailer.data?.shopName ?? t('retailers.detail.titleFallback'));

  if (id === null) return <NotInScope back={back} />;
  if (retailer.isError) {
    const error = retailer.error;
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return <NotInScope back={back} />;
    return <ErrorState error={error} onRetry={() => void retailer.refetch()} />;
  }

  const data = retailer.data;
  return (
    <div className="siyi-page">
      <div>
        <LinkButton type="link" icon={<ArrowLeftOutlined />} to={back} style={{ paddingInline: 0 }}>
          {t('retailers.detail.backToList')}
        </LinkButton>
      </div>
      <div className="siyi-page__head">
        <Typography.Title level={1} className="siyi-page__title">
          {data ? data.shopName : t('retailers.detail.titleFallback')}
        </Typography.Title>
        {data ? (
          <Space wrap>
            <TierBadge tier={data.tier} />
            <StatusTag status={data.status} />
            <Tag>{t(`formats.${data.businessFormat}`)}</Tag>
          </Space>
        ) : null}
      </div>
      {data ? (
        <>
          <RetailerFacts retailer={data} />
          <Card title={t('retailers.detail.tierHistory')}>
            <TierHistory history={data.tierHistory} />
          </Card>
          <SalesSection retailerId={data.id} />
        </>
      ) : (
        <Card>
          <BlockLoading rows={8} />
        </Card>
      )}
    </div>
  );
}
