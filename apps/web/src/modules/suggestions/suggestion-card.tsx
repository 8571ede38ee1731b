import { ReloadOutlined } from '@ant-design/icons';
import type { Suggestion } from '@siyi/contracts';
import { App, Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '@/ui/format';
import { BlockLoading, EmptyState, QueryView } from '@/ui/states';
import { useRecomputeSuggestions, useSuggestions } from './suggestions.api';
import './suggestions.css';

function SuggestionRow({ item }: { item: Suggestion }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="siyi-sg-item">
      <span className="siyi-sg-name">{item.productName}</span>
      <span className="siyi-sg-qty">{t('common.cartons', { value: formatCount(item.quantity, i18n.language) })}</span>
      <span className="siyi-sg-reason">{item.reason}</span>
      {item.high > item.low ? (
        <span className="siyi-sg-range">{t('suggestions.range', { low: item.low, high: item.high })}</span>
      ) : null}
    </li>
  );
}

/**
 * 建议订量: the current week's suggestions for one retailer — on its own home, and on the 360 page for its staff
 * (who may recompute). Products suggested at 0 fold away; the note says whose decision the order is.
 */
export function SuggestionCard({ retailerId, canRecompute = false }: { retailerId: number; canRecompute?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const query = useSuggestions(retailerId);
  const recompute = useRecomputeSuggestions(retailerId);
  const [showZero, setShowZero] = useState(false);
  return (
    <Card
      title={t('suggestions.title')}
      extra={
        canRecompute ? (
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
          const positive = items.filter((i) => i.quantity > 0);
          const zero = items.filter((i) => i.quantity === 0);
          return (
            <>
              <ul className="siyi-sg-list">
                {positive.map((item) => (
                  <SuggestionRow key={item.productId} item={item} />
                ))}
                {showZero ? zero.map((item) => <SuggestionRow key={item.productId} item={item} />) : null}
              </ul>
              {zero.length > 0 ? (
                <Button type="link" style={{ paddingInline: 0 }} onClick={() => setShowZero((v) => !v)}>
                  {showZero ? t('suggestions.hideZero') : t('suggestions.showZero', { count: zero.length })}
                </Button>
              ) : null}
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {t('suggestions.note')}
              </Typography.Paragraph>
            </>
          );
        }}
      </QueryView>
    </Card>
  );
}
