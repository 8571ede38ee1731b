import '@/modules/campaigns/campaigns.messages';
import { CheckCircleFilled, GiftOutlined } from '@ant-design/icons';
import {
  CAMPAIGN_NOTE_MAX,
  type ConsumerResponse,
  consumerResponses,
  type Gift,
  type NewProductItem,
  type PriceAcceptance,
  priceAcceptances,
  type WouldReorder,
  wouldReorderAnswers,
} from '@siyi/contracts';
import { Alert, App, Button, Card, Input, Result, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { useCurrentUser } from '@/modules/auth/session';
import { formatDateTime } from '@/ui/format';
import { BlockLoading, EmptyState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { CampaignQuery, Choice, KnowledgeView } from './campaign-ui';
import { useConfirmGift, useNewProducts, useSendFeedback } from './campaigns.api';
import { ProductPhotoGallery } from './product-photos';
import './campaigns.css';

/** A gift the manager gave: one tap says it arrived. */
function GiftToConfirm({ gift }: { gift: Gift }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const confirm = useConfirmGift();
  const [error, setError] = useState<string | null>(null);
  return (
    <Card data-testid="gift-to-confirm" data-gift-id={gift.id}>
      <div className="siyi-campaign-section">
        <Typography.Text strong style={{ fontSize: '1.1em' }}>
          <GiftOutlined aria-hidden /> {t('campaigns.shop.gift', { name: gift.itemName })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('campaigns.shop.giftFrom', { name: gift.managerName, at: formatDateTime(gift.issuedAt, i18n.language) })}
        </Typography.Text>
        {error ? <Alert type="error" showIcon message={error} /> : null}
        <Button
          type="primary"
          size="large"
          block
          className="siyi-big-button"
          icon={<CheckCircleFilled aria-hidden />}
          loading={confirm.isPending}
          data-testid="gift-confirm"
          onClick={() => {
            setError(null);
            confirm.mutate(gift.id, {
              onSuccess: () => void message.success(t('campaigns.shop.giftConfirmedMessage')),
              onError: (e) => setError(e.message),
            });
          }}
        >
          {t('campaigns.shop.confirmGift')}
        </Button>
      </div>
    </Card>
  );
}

function Question({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <div className="siyi-campaign-section" style={{ gap: 6 }}>
      <Typography.Text strong>{label}</Typography.Text>
      {children}
      {error ? (
        <div className="ant-form-item-explain-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** How it sells, in four answers; sent again to change them. */
function FeedbackForm({ item }: { item: NewProductItem }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const send = useSendFeedback();
  const previous = item.feedback;
  const [consumer, setConsumer] = useState<ConsumerResponse | undefined>(previous?.consumerResponse);
  const [price, setPrice] = useState<PriceAcceptance | undefined>(previous?.priceAcceptance);
  const [remark, setRemark] = useState(previous?.qualityRemark ?? '');
  const [reorder, setReorder] = useState<WouldReorder | undefined>(previous?.wouldReorder);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const campaignId = item.campaigns[0]?.id;
  if (campaignId === undefined) return null;
  const complete = consumer !== undefined && price !== undefined && reorder !== undefined;
  return (
    <section className="siyi-campaign-section" data-testid="feedback-form">
      <Typography.Title level={3} className="siyi-campaign-section__title">
        {t('campaigns.shop.feedback')}
      </Typography.Title>
      <Typography.Text type="secondary">
        {previous
          ? t('campaigns.shop.feedbackGiven', { at: formatDateTime(previous.createdAt, i18n.language) })
          : t('campaigns.shop.feedbackHint')}
      </Typography.Text>
      <Question label={t('campaigns.shop.consumerResponse')} error={fields.consumerResponse}>
        <Choice
          value={consumer}
          onChange={setConsumer}
          label={t('campaigns.shop.consumerResponse')}
          testId="feedback-consumer"
          options={consumerResponses.map((v) => ({ value: v, label: t(`campaigns.shop.consumerResponses.${v}`) }))}
        />
      </Question>
      <Question label={t('campaigns.shop.priceAcceptance')} error={fields.priceAcceptance}>
        <Choice
          value={price}
          onChange={setPrice}
          label={t('campaigns.shop.priceAcceptance')}
          testId="feedback-price"
          options={priceAcceptances.map((v) => ({ value: v, label: t(`campaigns.shop.priceAcceptances.${v}`) }))}
        />
      </Question>
      <Question label={t('campaigns.shop.qualityRemark')} error={fields.qualityRemark}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={CAMPAIGN_NOTE_MAX}
          value={remark}
          status={fields.qualityRemark ? 'error' : undefined}
          onChange={(e) => setRemark(e.target.value)}
          placeholder={t('campaigns.shop.qualityRemarkPlaceholder')}
          aria-label={t('campaigns.shop.qualityRemark')}
          data-testid="feedback-remark"
        />
      </Question>
      <Question label={t('campaigns.shop.wouldReorder')} error={fields.wouldReorder}>
        <Choice
          value={reorder}
          onChange={setReorder}
          label={t('campaigns.shop.wouldReorder')}
          testId="feedback-reorder"
          options={wouldReorderAnswers.map((v) => ({ value: v, label: t(`campaigns.shop.wouldReorders.${v}`) }))}
        />
      </Question>
      {error ? <Alert type="error" showIcon message={error} data-testid="feedback-error" /> : null}
      <Button
        type="primary"
        size="large"
        block
        className="siyi-big-button"
        disabled={!complete}
        loading={send.isPending}
        data-testid="feedback-send"
        onClick={() => {
          if (!complete) return;
          setError(null);
          setFields({});
          send.mutate(
            {
              campaignId,
              body: {
                productId: item.product.id,
                consumerResponse: consumer,
                priceAcceptance: price,
                qualityRemark: remark,
                wouldReorder: reorder,
              },
            },
            {
              onSuccess: () => void message.success(t('campaigns.shop.feedbackSent')),
              onError: (e) => {
                const byField = e instanceof ApiError ? e.fields : {};
                setFields(byField);
                if (Object.keys(byField).length === 0) setError(e.message);
              },
            },
          );
        }}
      >
        {t('campaigns.shop.sendFeedback')}
      </Button>
    </section>
  );
}

function ProductCard({ item }: { item: NewProductItem }) {
  const { t } = useTranslation();
  const name = item.product.name;
  return (
    <Card
      title={
        <span>
          {item.product.name} <Typography.Text type="secondary">{item.product.brand}</Typography.Text>
        </span>
      }
      data-testid="new-product"
      data-product-id={item.product.id}
    >
      <div className="siyi-campaign-section">
        <ProductPhotoGallery
          photos={item.knowledge.photos.map((photo) => ({ photo, name }))}
          label={t('campaigns.photos.listLabel', { name })}
        />
        <KnowledgeView knowledge={item.knowledge} audience="retailer" />
      </div>
      <div style={{ marginTop: 16 }}>
        <FeedbackForm item={item} />
      </div>
    </Card>
  );
}

/** `/my-shop/new-products` (新品上市): new products with their selling points and tips, gifts to confirm, feedback. */
export function NewProductsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const products = useNewProducts();
  useDocumentTitle(t('campaigns.shop.title'));
  if (user.retailerId === null) return <Result status="info" title={t('shop.noRetailer')} />;
  return (
    <div className="siyi-page siyi-page--narrow" data-testid="new-products-page">
      <Typography.Title level={1} className="siyi-page__title">
        {t('campaigns.shop.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('campaigns.shop.intro')}</Typography.Paragraph>
      <CampaignQuery query={products} loading={<BlockLoading rows={10} />}>
        {(data) => (
          <>
            {data.giftsToConfirm.map((gift) => (
              <GiftToConfirm key={gift.id} gift={gift} />
            ))}
            {data.items.length === 0 ? (
              <Card>
                <EmptyState description={t('campaigns.shop.noProducts')} />
              </Card>
            ) : (
              data.items.map((item) => <ProductCard key={item.product.id} item={item} />)
            )}
          </>
        )}
      </CampaignQuery>
    </div>
  );
}
