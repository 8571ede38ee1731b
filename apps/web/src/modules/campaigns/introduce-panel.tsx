import '@/modules/campaigns/campaigns.messages';
import { CheckCircleFilled, GiftOutlined } from '@ant-design/icons';
import {
  CAMPAIGN_NOTE_MAX,
  type Gift,
  type IntroductionReaction,
  introductionReactions,
  type NewProductItem,
} from '@siyi/contracts';
import { Alert, App, Button, Card, Drawer, Input, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatDateTime } from '@/ui/format';
import { BlockLoading, EmptyState } from '@/ui/states';
import { useIsPhone } from '@/ui/use-media-query';
import { CampaignQuery, Choice, KnowledgeView } from './campaign-ui';
import {
  useGiftStock,
  useIntroduce,
  useIssueGift,
  useNewProducts,
  useRetailerGifts,
  useReturnGift,
} from './campaigns.api';
import { ProductPhotoGallery } from './product-photos';
import './campaigns.css';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The manager's gifts of the campaign for this retailer: what is left to give, one tap to give one. */
function GiftsSection({
  campaignId,
  retailerId,
  visitId,
}: {
  campaignId: number;
  retailerId: number;
  visitId?: number;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const stock = useGiftStock({ campaignId });
  const given = useRetailerGifts(retailerId);
  const issue = useIssueGift();
  const giveBack = useReturnGift();
  const [error, setError] = useState<string | null>(null);
  const rows = stock.data?.items.filter((s) => s.campaignId === campaignId) ?? [];
  const gifts: Gift[] = (given.data?.items ?? []).filter((g) => g.campaignId === campaignId && g.status !== 'returned');
  if (stock.isPending) return <BlockLoading rows={2} />;
  if (rows.length === 0 && gifts.length === 0) return null;
  return (
    <section className="siyi-campaign-section" data-testid="introduce-gifts">
      <Typography.Title level={3} className="siyi-campaign-section__title">
        <GiftOutlined aria-hidden /> {t('campaigns.introduce.gift')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('campaigns.introduce.giftRule')}</Typography.Text>
      {error ? <Alert type="error" showIcon message={error} data-testid="gift-error" /> : null}
      {rows.map((row) => (
        <div key={row.itemId} className="siyi-gift-row" data-testid="gift-item" data-item-id={row.itemId}>
          <span>
            <Typography.Text strong>{row.itemName}</Typography.Text>
            <br />
            <Typography.Text type="secondary" data-testid="gift-left" data-left={row.available}>
              {t('campaigns.introduce.giftLeft', { left: formatCount(row.available, i18n.language) })}
            </Typography.Text>
          </span>
          <Button
            size="large"
            className="siyi-big-button"
            icon={<GiftOutlined aria-hidden />}
            disabled={row.available <= 0}
            loading={issue.isPending && issue.variables?.itemId === row.itemId}
            data-testid="gift-issue"
            onClick={() => {
              setError(null);
              issue.mutate(
                { itemId: row.itemId, retailerId, quantity: 1, ...(visitId ? { visitId } : {}) },
                {
                  onSuccess: () => void message.success(t('campaigns.introduce.issuedMessage')),
                  onError: (e) => setError(errorText(e)),
                },
              );
            }}
          >
            {row.available <= 0 ? t('campaigns.introduce.noStock') : t('campaigns.introduce.issue')}
          </Button>
        </div>
      ))}
      {gifts.length > 0 ? (
        <ul className="siyi-remarks" data-testid="gifts-given">
          {gifts.map((g) => (
            <li key={g.id} data-testid="gift-given" data-status={g.status}>
              {g.itemName} · {formatDateTime(g.issuedAt, i18n.language)} ·{' '}
              {g.status === 'confirmed' ? (
                <Typography.Text type="success">
                  <CheckCircleFilled aria-hidden /> {t('campaigns.introduce.confirmed')}
                </Typography.Text>
              ) : (
                <>
                  <Typography.Text type="secondary">{t('campaigns.introduce.issued')}</Typography.Text>{' '}
                  <Button
                    type="link"
                    size="small"
                    style={{ paddingInline: 0 }}
                    loading={giveBack.isPending && giveBack.variables === g.id}
                    data-testid="gift-return"
                    onClick={() => {
                      setError(null);
                      giveBack.mutate(g.id, {
                        onSuccess: () => void message.success(t('campaigns.introduce.returnedMessage')),
                        onError: (e) => setError(errorText(e)),
                      });
                    }}
                  >
                    {t('campaigns.introduce.takeBack')}
                  </Button>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** One product: its selling points and guide on screen, the retailer's reaction, then the record. */
function ProductIntroduction({
  item,
  retailerId,
  visitId,
}: {
  item: NewProductItem;
  retailerId: number;
  visitId?: number;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [campaignId, setCampaignId] = useState(item.campaigns[0]?.id ?? 0);
  const [reaction, setReaction] = useState<IntroductionReaction | undefined>(undefined);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const introduce = useIntroduce();
  const reactions = introductionReactions.map((r) => ({ value: r, label: t(`campaigns.introduce.reactions.${r}`) }));
  return (
    <Card
      title={
        <span>
          {item.product.name} <Typography.Text type="secondary">{item.product.brand}</Typography.Text>
        </span>
      }
      data-testid="introduce-product"
      data-product-id={item.product.id}
    >
      <div className="siyi-campaign-section">
        <ProductPhotoGallery
          photos={item.knowledge.photos.map((photo) => ({ photo, name: item.product.name }))}
          label={t('campaigns.photos.listLabel', { name: item.product.name })}
        />
        <KnowledgeView knowledge={item.knowledge} audience="manager" />
      </div>
      <section className="siyi-campaign-section">
        {item.campaigns.length > 1 ? (
          <Select
            size="large"
            value={campaignId}
            onChange={setCampaignId}
            aria-label={t('campaigns.introduce.campaign')}
            options={item.campaigns.map((c) => ({ value: c.id, label: c.name }))}
          />
        ) : (
          <Typography.Text type="secondary">
            {t('campaigns.introduce.campaignName', { name: item.campaigns[0]?.name ?? '' })}
          </Typography.Text>
        )}
        {item.introduction ? (
          <Tag color="green" data-testid="introduced" style={{ alignSelf: 'flex-start' }}>
            {t('campaigns.introduce.recorded', { at: formatDateTime(item.introduction.introducedAt, i18n.language) })}
            {' · '}
            {t(`campaigns.introduce.reactions.${item.introduction.reaction}`)}
          </Tag>
        ) : null}
        <Typography.Text strong id={`reaction-${item.product.id}`}>
          {t('campaigns.introduce.reaction')}
        </Typography.Text>
        <Choice
          value={reaction}
          options={reactions}
          onChange={setReaction}
          label={t('campaigns.introduce.reaction')}
          testId="introduce-reaction"
        />
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={CAMPAIGN_NOTE_MAX}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('campaigns.introduce.note')}
          aria-label={t('campaigns.introduce.note')}
        />
        {error ? <Alert type="error" showIcon message={error} data-testid="introduce-error" /> : null}
        <Button
          type="primary"
          size="large"
          block
          className="siyi-big-button"
          disabled={reaction === undefined}
          loading={introduce.isPending}
          data-testid="introduce-record"
          onClick={() => {
            setError(null);
            introduce.mutate(
              {
                campaignId,
                body: {
                  retailerId,
                  productId: item.product.id,
                  ...(visitId ? { visitId } : {}),
                  // The guide is on screen above: this panel shows it before anything can be recorded.
                  guideShown: true,
                  reaction: reaction ?? 'undecided',
                  note,
                },
              },
              {
                onSuccess: () => {
                  void message.success(t('campaigns.introduce.recordedMessage'));
                  setNote('');
                  setReaction(undefined);
                },
                onError: (e) => setError(errorText(e)),
              },
            );
          }}
        >
          {t('campaigns.introduce.record')}
        </Button>
      </section>
      {campaignId ? <GiftsSection campaignId={campaignId} retailerId={retailerId} visitId={visitId} /> : null}
    </Card>
  );
}

/** The panel's content: the retailer's campaign products, each with its guide and the way to record. */
export function IntroduceContent({ retailerId, visitId }: { retailerId: number; visitId?: number }) {
  const { t } = useTranslation();
  const products = useNewProducts(retailerId);
  return (
    <div className="siyi-page" data-testid="introduce-panel">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('campaigns.introduce.intro')}
      </Typography.Paragraph>
      <CampaignQuery query={products} loading={<BlockLoading rows={8} />}>
        {(data) => {
          const items = data.items.filter((i) => i.campaigns.length > 0);
          if (items.length === 0) return <EmptyState description={t('campaigns.introduce.noCampaigns')} />;
          return items.map((item) => (
            <ProductIntroduction key={item.product.id} item={item} retailerId={retailerId} visitId={visitId} />
          ));
        }}
      </CampaignQuery>
    </div>
  );
}

/** 新品推介 as a drawer over the visit or the retailer page: full screen on a phone, beside the page on a desktop. */
export function IntroduceDrawer({
  open,
  onClose,
  retailerId,
  visitId,
}: {
  open: boolean;
  onClose: () => void;
  retailerId: number;
  visitId?: number;
}) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('campaigns.introduce.title')}
      size={isPhone ? '100%' : 640}
      placement={isPhone ? 'bottom' : 'right'}
      styles={isPhone ? { wrapper: { height: '100%' }, body: { padding: 12 } } : {}}
      closable={{ 'aria-label': t('common.close') }}
      destroyOnHidden
    >
      <IntroduceContent retailerId={retailerId} visitId={visitId} />
    </Drawer>
  );
}
