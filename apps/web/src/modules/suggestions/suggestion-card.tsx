import '@/modules/suggestions/suggestions.messages';
import { EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { CAMPAIGN_SUGGESTION_METHOD, type Suggestion } from '@siyi/contracts';
import { App, Button, Card, InputNumber, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/modules/auth/session';
import { formatCount } from '@/ui/format';
import { BlockLoading, EmptyState, QueryView } from '@/ui/states';
import { useRecomputeSuggestions, useReportStock, useSuggestions } from './suggestions.api';
import './suggestions.css';

type StockDraft = Record<number, number | null>;

function SuggestionRow({
  item,
  stock,
  onStock,
}: {
  item: Suggestion;
  /** Set in stock mode: the count typed so far (null: not given). */
  stock?: number | null;
  onStock?: (value: number | null) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <li className="siyi-sg-item">
      <span className="siyi-sg-name">
        {item.productName}
        {item.method === CAMPAIGN_SUGGESTION_METHOD ? (
          <Tag color="green" className="siyi-sg-tag">
            {t('suggestions.campaignTag')}
          </Tag>
        ) : null}
      </span>
      <span className="siyi-sg-qty">{t('common.cartons', { value: formatCount(item.quantity, i18n.language) })}</span>
      <span className="siyi-sg-reason">{item.reason}</span>
      {item.high > item.low ? (
        <span className="siyi-sg-range">{t('suggestions.range', { low: item.low, high: item.high })}</span>
      ) : null}
      {onStock ? (
        <div className="siyi-sg-stock">
          <label htmlFor={`siyi-sg-stock-${item.productId}`}>{t('suggestions.stockLabel')}</label>
          <InputNumber
            id={`siyi-sg-stock-${item.productId}`}
            size="large"
            min={0}
            max={10_000}
            precision={0}
            inputMode="numeric"
            value={stock ?? null}
            onChange={(value) => onStock(typeof value === 'number' ? value : null)}
          />
        </div>
      ) : null}
    </li>
  );
}

/**
 * 建议订量: the current week's suggestions for one retailer — on its own home, and on the 360 page for its staff
 * (who may recompute). The retailer (or its manager on a visit) may give the stock on hand, which the suggestion
 * then subtracts. Products suggested at 0 fold away; the note says whose decision the order is — worded to the
 * retailer on its home ("your orders, you decide") and about the retailer on the staff's 360 page.
 */
export function SuggestionCard({
  retailerId,
  canRecompute = false,
  canReportStock = true,
}: {
  retailerId: number;
  canRecompute?: boolean;
  canReportStock?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useCurrentUser().role !== 'retailer';
  const query = useSuggestions(retailerId);
  const recompute = useRecomputeSuggestions(retailerId);
  const reportStock = useReportStock(retailerId);
  const [showZero, setShowZero] = useState(false);
  const [draft, setDraft] = useState<StockDraft | null>(null);

  const saveStock = () => {
    const items = Object.entries(draft ?? {})
      .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
      .map(([productId, cartons]) => ({ productId: Number(productId), cartons }));
    if (items.length === 0) {
      setDraft(null);
      return;
    }
    reportStock.mutate(items, {
      onSuccess: () => {
        setDraft(null);
        void message.success(t('suggestions.stockSaved'));
      },
    });
  };

  return (
    <Card
      title={t('suggestions.title')}
      extra={
        canRecompute && draft === null ? (
          <Button
            icon={<ReloadOutlined aria-hidden />}
            loading={recompute.isPending}
            onClick={() =>
              recompute.mutate(undefined, { onSuccess: () => void message.success(t('suggestions.recomputed')) })
            }
          >
            {t('suggestions.recompute')}
          </Button>
        ) : null
      }
    >
      <QueryView query={query} loading={<BlockLoading rows={3} />}>
        {(items) => {
          if (items.length === 0) return <EmptyState description={t('suggestions.empty')} />;
          const editing = draft !== null;
          const positive = items.filter((i) => i.quantity > 0);
          const zero = items.filter((i) => i.quantity === 0);
          const shown = editing || showZero ? [...positive, ...zero] : positive;
          return (
            <>
              <ul className="siyi-sg-list">
                {shown.map((item) => (
                  <SuggestionRow
                    key={item.productId}
                    item={item}
                    {...(editing
                      ? {
                          stock: draft[item.productId] ?? null,
                          onStock: (value: number | null) => setDraft({ ...draft, [item.productId]: value }),
                        }
                      : {})}
                  />
                ))}
              </ul>
              {zero.length > 0 && !editing ? (
                <Button type="link" style={{ paddingInline: 0 }} onClick={() => setShowZero((v) => !v)}>
                  {showZero ? t('suggestions.hideZero') : t('suggestions.showZero', { count: zero.length })}
                </Button>
              ) : null}
              {canReportStock ? (
                editing ? (
                  <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
                    <Typography.Text type="secondary">
                      {t(staff ? 'suggestions.stockHintStaff' : 'suggestions.stockHint')}
                    </Typography.Text>
                    <Button type="primary" size="large" block loading={reportStock.isPending} onClick={saveStock}>
                      {t('suggestions.stockSave')}
                    </Button>
                    <Button size="large" block onClick={() => setDraft(null)} disabled={reportStock.isPending}>
                      {t('suggestions.stockCancel')}
                    </Button>
                  </Space>
                ) : (
                  <Button
                    size="large"
                    block
                    icon={<EditOutlined aria-hidden />}
                    style={{ marginTop: 8 }}
                    onClick={() => setDraft({})}
                  >
                    {t(staff ? 'suggestions.stockOpenStaff' : 'suggestions.stockOpen')}
                  </Button>
                )
              ) : null}
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {t(staff ? 'suggestions.noteStaff' : 'suggestions.note')}
              </Typography.Paragraph>
            </>
          );
        }}
      </QueryView>
    </Card>
  );
}
