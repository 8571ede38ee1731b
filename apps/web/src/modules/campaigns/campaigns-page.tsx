import '@/modules/campaigns/campaigns.messages';
import { BarChartOutlined, EditOutlined, PlusOutlined, ReadOutlined } from '@ant-design/icons';
import type { CampaignSummary, GiftStockRow } from '@siyi/contracts';
import { Button, Card, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/modules/auth/session';
import { formatCount } from '@/ui/format';
import { LinkButton } from '@/ui/link-button';
import { BlockLoading, EmptyState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { CampaignPeriod, CampaignQuery, CampaignStatusTag, KnowledgeView } from './campaign-ui';
import { useCampaigns, useGiftStock, useKnowledge } from './campaigns.api';
import './campaigns.css';

/** One product's selling points and guide, read when the manager opens it. */
function ProductGuide({ productId }: { productId: number }) {
  const knowledge = useKnowledge(productId);
  return (
    <CampaignQuery query={knowledge} loading={<BlockLoading rows={3} />}>
      {(data) => <KnowledgeView knowledge={data} audience="manager" />}
    </CampaignQuery>
  );
}

function CampaignCard({ campaign, stock }: { campaign: CampaignSummary; stock: readonly GiftStockRow[] }) {
  const { t, i18n } = useTranslation();
  const { role } = useCurrentUser();
  const [open, setOpen] = useState<number | null>(null);
  const n = (value: number) => formatCount(value, i18n.language);
  const mine = stock.filter((s) => s.campaignId === campaign.id);
  return (
    <li>
      <Card data-testid="campaign-card" data-campaign-id={campaign.id}>
        <div className="siyi-campaign-item__head">
          <Typography.Title level={2} style={{ fontSize: '1.2em' }}>
            {campaign.name}
          </Typography.Title>
          <CampaignStatusTag status={campaign.status} />
        </div>
        <div className="siyi-campaign-item__facts">
          <CampaignPeriod startsOn={campaign.startsOn} endsOn={campaign.endsOn} />
          <span>
            {t('campaigns.list.reach', { introduced: n(campaign.introducedCount), target: n(campaign.targetCount) })}
          </span>
        </div>
        <div className="siyi-campaign-section">
          <Typography.Text strong>{t('campaigns.list.products')}</Typography.Text>
          <div className="siyi-campaign-actions">
            {campaign.products.map((p) =>
              role === 'manager' ? (
                <Button
                  key={p.id}
                  icon={<ReadOutlined aria-hidden />}
                  aria-expanded={open === p.id}
                  type={open === p.id ? 'primary' : 'default'}
                  onClick={() => setOpen(open === p.id ? null : p.id)}
                >
                  {p.name}
                </Button>
              ) : role === 'admin' ? (
                <LinkButton key={p.id} to={`/campaigns/products/${p.id}`}>
                  {p.name}
                </LinkButton>
              ) : (
                // A supervisor reads the product names; the knowledge is the admins' to write.
                <Tag key={p.id} style={{ fontSize: '1em', padding: '4px 10px' }}>
                  {p.name}
                </Tag>
              ),
            )}
          </div>
          {open !== null ? <ProductGuide productId={open} /> : null}
        </div>
        {mine.length > 0 ? (
          <div className="siyi-campaign-section" style={{ marginTop: 12 }}>
            <Typography.Text strong>{t('campaigns.list.myGiftsTitle')}</Typography.Text>
            <ul className="siyi-remarks">
              {mine.map((s) => (
                <li key={s.itemId} data-testid="my-gift-stock" data-available={s.available}>
                  {t('campaigns.list.myGifts', { item: s.itemName, left: n(s.available), total: n(s.assigned) })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="siyi-campaign-actions" style={{ marginTop: 12 }}>
          <LinkButton
            to={`/campaigns/${campaign.id}`}
            icon={<BarChartOutlined aria-hidden />}
            data-testid="campaign-open-dashboard"
          >
            {t('campaigns.list.open')}
          </LinkButton>
          {role === 'admin' ? (
            <LinkButton
              to={`/campaigns/${campaign.id}/edit`}
              icon={<EditOutlined aria-hidden />}
              data-testid="campaign-edit"
            >
              {t('campaigns.list.edit')}
            </LinkButton>
          ) : null}
        </div>
      </Card>
    </li>
  );
}

/**
 * `/campaigns`: the campaigns in the user's scope. An admin creates and edits them; a supervisor opens their
 * dashboards; a manager reads each product's selling points and talking guide, and sees its gift stock.
 */
export function CampaignsPage() {
  const { t } = useTranslation();
  const { role } = useCurrentUser();
  const campaigns = useCampaigns();
  const stock = useGiftStock({}, role === 'manager');
  useDocumentTitle(role === 'manager' ? t('campaigns.nav.introduce') : t('campaigns.list.title'));
  return (
    <div className="siyi-page siyi-page--narrow">
      <div className="siyi-page__head">
        <Typography.Title level={1} className="siyi-page__title">
          {role === 'manager' ? t('campaigns.nav.introduce') : t('campaigns.list.title')}
        </Typography.Title>
        {role === 'admin' ? (
          <LinkButton
            type="primary"
            to="/campaigns/new"
            icon={<PlusOutlined aria-hidden />}
            data-testid="campaign-create"
          >
            {t('campaigns.list.create')}
          </LinkButton>
        ) : null}
      </div>
      <Typography.Paragraph type="secondary">
        {role === 'manager' ? t('campaigns.list.introManager') : t('campaigns.list.intro')}
      </Typography.Paragraph>
      <CampaignQuery query={campaigns} loading={<BlockLoading rows={8} />}>
        {(data) => {
          // A manager works with what runs now; staff planning see everything, the running first.
          const order = { running: 0, upcoming: 1, ended: 2 } as const;
          const items = [...data.items]
            .filter((c) => role !== 'manager' || c.status === 'running')
            .sort((a, b) => order[a.status] - order[b.status] || b.startsOn.localeCompare(a.startsOn));
          if (items.length === 0) {
            return (
              <Card>
                <EmptyState
                  description={
                    role === 'manager' ? t('campaigns.list.noCampaignsManager') : t('campaigns.list.noCampaigns')
                  }
                />
              </Card>
            );
          }
          return (
            <ul className="siyi-campaign-list" data-testid="campaign-list">
              {items.map((c) => (
                <CampaignCard key={c.id} campaign={c} stock={stock.data?.items ?? []} />
              ))}
            </ul>
          );
        }}
      </CampaignQuery>
    </div>
  );
}
