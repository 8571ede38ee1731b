import '@/modules/visits/visits.messages';
import type { RetailerSummary } from '@siyi/contracts';
import { Button, Input, Typography } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRetailerList } from '@/modules/retailers/retailers.api';
import { BlockLoading, ErrorState } from '@/ui/states';

/**
 * Finds one of the caller's retailers as they type (the retailer list's search: name, owner, address, pinyin)
 * and offers one action per match: start a visit there, or add it to a day of the plan.
 */
export function RetailerPicker({
  actionLabel,
  busyId,
  onPick,
}: {
  actionLabel: string;
  busyId: number | null;
  onPick: (retailer: RetailerSummary) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDeferredValue(text.trim());
  return (
    <div className="siyi-visit-picker">
      <Input
        size="large"
        allowClear
        autoFocus
        maxLength={100}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('visits.unplanned.search')}
        aria-label={t('visits.unplanned.search')}
        data-testid="visit-retailer-search"
      />
      {q === '' ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('visits.unplanned.hint')}
        </Typography.Paragraph>
      ) : (
        <Matches q={q} actionLabel={actionLabel} busyId={busyId} onPick={onPick} />
      )}
    </div>
  );
}

function Matches({
  q,
  actionLabel,
  busyId,
  onPick,
}: {
  q: string;
  actionLabel: string;
  busyId: number | null;
  onPick: (retailer: RetailerSummary) => void;
}) {
  const { t } = useTranslation();
  const list = useRetailerList({ q, page: 1, pageSize: 8, sort: 'shopName', status: 'active' });
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <BlockLoading rows={3} />;
  if (list.data.items.length === 0) {
    return <Typography.Paragraph style={{ marginTop: 8 }}>{t('visits.unplanned.none')}</Typography.Paragraph>;
  }
  return (
    <ul className="siyi-visit-picker__list" aria-busy={list.isFetching}>
      {list.data.items.map((r) => (
        <li key={r.id} className="siyi-visit-picker__item">
          <div className="siyi-visit-picker__shop">
            <strong>{r.shopName}</strong>
            <span className="siyi-visit-muted">{r.address}</span>
          </div>
          <Button
            type="primary"
            size="large"
            loading={busyId === r.id}
            disabled={busyId !== null && busyId !== r.id}
            onClick={() => onPick(r)}
            data-testid="visit-pick-retailer"
            data-id={r.id}
          >
            {actionLabel}
          </Button>
        </li>
      ))}
    </ul>
  );
}
