import { SwapOutlined } from '@ant-design/icons';
import type { TerritoryManager, TerritoryRetailer } from '@siyi/contracts';
import { REASSIGN_MAX_RETAILERS } from '@siyi/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Input,
  Popconfirm,
  Select,
  Space,
  type TableColumnsType,
  Typography,
} from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { useCurrentUser } from '@/modules/auth/session';
import { DistrictSelect } from '@/modules/users/district-select';
import { formatCount } from '@/ui/format';
import { LazyTable } from '@/ui/lazy-table';
import { EmptyState, ErrorState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { useIsPhone } from '@/ui/use-media-query';
import { useDistrictManagers, useManagerRetailers, useReassign } from './territory.api';
import './territory.css';

const positiveInt = (raw: string | null): number | undefined =>
  raw && /^\d{1,10}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 2_147_483_647 ? Number(raw) : undefined;

/** `from` in the URL: a manager's id or `none` (the district's retailers without a manager). */
function readFrom(raw: string | null): number | 'none' | undefined {
  return raw === 'none' ? 'none' : positiveInt(raw);
}

function matches(retailer: TerritoryRetailer, filter: string): boolean {
  if (!filter) return true;
  const needle = filter.toLowerCase();
  return [retailer.shopName, retailer.licenceNo, retailer.address].some((text) => text.toLowerCase().includes(needle));
}

function managerLabel(manager: TerritoryManager, t: TFunction, locale: string) {
  return (
    t('territory.managerOption', { name: manager.name, count: formatCount(manager.retailerCount, locale) }) +
    (manager.disabled ? t('territory.disabledSuffix') : '')
  );
}

/** How many lines a phone shows at first and adds with each "more". */
const PHONE_STEP = 30;

/** On a phone: one checkbox line per retailer instead of a table, a screenful at a time. */
function RetailerChecklist({
  items,
  selected,
  onChange,
}: {
  items: TerritoryRetailer[];
  selected: ReadonlySet<number>;
  onChange: (ids: number[]) => void;
}) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(PHONE_STEP);
  return (
    <>
      <ul className="siyi-card-list" style={{ gap: 4 }}>
        {items.slice(0, shown).map((retailer) => (
          <li key={retailer.id}>
            <Checkbox
              checked={selected.has(retailer.id)}
              onChange={(event) => {
                const next = new Set(selected);
                if (event.target.checked) next.add(retailer.id);
                else next.delete(retailer.id);
                onChange([...next]);
              }}
            >
              <span className="siyi-territory__shop">{retailer.shopName}</span>
              <Typography.Text type="secondary" className="siyi-territory__meta">
                {retailer.licenceNo}
              </Typography.Text>
            </Checkbox>
          </li>
        ))}
      </ul>
      {items.length > shown ? (
        <Button block onClick={() => setShown((n) => n + PHONE_STEP)}>
          {t('territory.more', { count: items.length - shown })}
        </Button>
      ) : null}
    </>
  );
}

/**
 * `/territory`: an admin (any district) or a supervisor (their own) picks one manager's retailers — or those with
 * none — and hands them, with a reason, to another active manager of the district, all at once.
 */
export function TerritoryPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { message } = App.useApp();
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  useDocumentTitle(t('territory.title'));
  const [searchParams, setSearchParams] = useSearchParams();
  const districtId = me.role === 'supervisor' ? me.orgUnitId : positiveInt(searchParams.get('districtId'));
  const from = readFrom(searchParams.get('from'));
  const managers = useDistrictManagers(districtId);
  const retailers = useManagerRetailers(districtId, from);
  const reassign = useReassign();
  const [selected, setSelected] = useState<number[]>([]);
  const [filter, setFilter] = useState('');
  const [toManagerId, setToManagerId] = useState<number | undefined>(undefined);
  const [reason, setReason] = useState('');

  const setParams = (change: { districtId?: number; from?: number | 'none' | undefined }) => {
    const next = new URLSearchParams();
    const district = change.districtId ?? districtId;
    if (district !== undefined && me.role !== 'supervisor') next.set('districtId', String(district));
    const chosen = 'from' in change ? change.from : from;
    if (chosen !== undefined) next.set('from', String(chosen));
    setSearchParams(next, { replace: true });
    setSelected([]);
    setToManagerId(undefined);
    reassign.reset();
  };

  const visible = useMemo(
    () => (retailers.data?.items ?? []).filter((retailer) => matches(retailer, filter.trim())),
    [retailers.data, filter],
  );
  const selectedSet = new Set(selected);
  const targets = (managers.data?.items ?? []).filter((m) => !m.disabled && m.id !== from);
  const target = targets.find((m) => m.id === toManagerId);

  const columns: TableColumnsType<TerritoryRetailer> = [
    { key: 'shop', title: t('territory.shop'), dataIndex: 'shopName' },
    { key: 'licence', title: t('territory.licence'), dataIndex: 'licenceNo' },
    { key: 'address', title: t('territory.address'), dataIndex: 'address', ellipsis: true },
    { key: 'tier', title: t('territory.tier'), dataIndex: 'tier', width: 80 },
  ];

  const move = () =>
    reassign
      .mutateAsync({
        retailerIds: selected,
        toManagerId: toManagerId ?? 0,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      })
      .then(
        (answer) => {
          void message.success(
            t('territory.done', { moved: formatCount(answer.moved, locale), name: answer.toManager.name }),
          );
          setSelected([]);
          setReason('');
        },
        () => undefined,
      );

  const failure = reassign.error;
  const allVisibleSelected = visible.length > 0 && visible.every((r) => selectedSet.has(r.id));

  return (
    <div className="siyi-page">
      <Typography.Title level={1} className="siyi-page__title">
        {t('territory.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('territory.intro')}</Typography.Paragraph>
      <Card size="small">
        <div className="siyi-territory__pickers">
          {me.role === 'supervisor' ? null : (
            <div>
              <label htmlFor="territory-district" className="siyi-field-label">
                {t('territory.district')}
              </label>
              <DistrictSelect
                id="territory-district"
                value={districtId}
                onChange={(id) => setParams({ districtId: id, from: undefined })}
              />
            </div>
          )}
          <div>
            <label htmlFor="territory-from" className="siyi-field-label">
              {t('territory.from')}
            </label>
            <Select<number | 'none'>
              id="territory-from"
              className="siyi-territory__select"
              placeholder={t('territory.fromPlaceholder')}
              disabled={districtId === undefined}
              loading={managers.isPending && districtId !== undefined}
              value={managers.data ? from : undefined}
              onChange={(value) => setParams({ from: value })}
              showSearch={{ optionFilterProp: 'label' }}
              options={[
                ...(managers.data?.items ?? []).map((m) => ({ value: m.id, label: managerLabel(m, t, locale) })),
                {
                  value: 'none' as const,
                  label: t('territory.unassigned', { count: formatCount(managers.data?.unassigned ?? 0, locale) }),
                },
              ]}
            />
          </div>
        </div>
        {managers.isError ? <ErrorState error={managers.error} onRetry={() => void managers.refetch()} /> : null}
      </Card>

      {from === undefined || districtId === undefined ? (
        <EmptyState description={t('territory.pickFrom')} />
      ) : retailers.isError ? (
        <ErrorState error={retailers.error} onRetry={() => void retailers.refetch()} />
      ) : (
        <Card size="small">
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <div className="siyi-territory__toolbar">
              <Input
                className="siyi-territory__filter"
                aria-label={t('territory.filter')}
                placeholder={t('territory.filterPlaceholder')}
                allowClear
                maxLength={100}
                value={filter}
                onChange={(event) => setFilter(event.target.value)}
              />
              {isPhone ? (
                <Checkbox
                  checked={allVisibleSelected}
                  indeterminate={!allVisibleSelected && visible.some((r) => selectedSet.has(r.id))}
                  onChange={(event) => {
                    const next = new Set(selected);
                    for (const r of visible) {
                      if (event.target.checked) next.add(r.id);
                      else next.delete(r.id);
                    }
                    setSelected([...next]);
                  }}
                >
                  {t('territory.selectAll')}
                </Checkbox>
              ) : null}
              <Typography.Text strong aria-live="polite">
                {t('territory.selected', { count: selected.length })}
              </Typography.Text>
            </div>
            {retailers.data?.truncated ? (
              <Alert type="info" showIcon title={t('territory.truncated', { count: REASSIGN_MAX_RETAILERS })} />
            ) : null}
            {retailers.isPending ? (
              <Card loading variant="borderless" />
            ) : visible.length === 0 ? (
              <EmptyState description={t('territory.empty')} />
            ) : isPhone ? (
              <RetailerChecklist items={visible} selected={selectedSet} onChange={setSelected} />
            ) : (
              <LazyTable<TerritoryRetailer>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={visible}
                pagination={
                  visible.length > 20 ? { pageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100] } : false
                }
                scroll={{ x: 'max-content' }}
                rowSelection={{
                  selectedRowKeys: selected,
                  preserveSelectedRowKeys: true,
                  onChange: (keys) => setSelected(keys.map(Number)),
                  selections: [
                    {
                      key: 'all-matching',
                      text: t('territory.selectAll'),
                      onSelect: () => setSelected([...new Set([...selected, ...visible.map((r) => r.id)])]),
                    },
                  ],
                }}
              />
            )}
          </Space>
        </Card>
      )}

      {from !== undefined && districtId !== undefined ? (
        <Card size="small" title={t('territory.to')}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Select<number>
              className="siyi-territory__select"
              aria-label={t('territory.to')}
              placeholder={t('territory.toPlaceholder')}
              value={toManagerId}
              onChange={setToManagerId}
              showSearch={{ optionFilterProp: 'label' }}
              options={targets.map((m) => ({ value: m.id, label: managerLabel(m, t, locale) }))}
            />
            <div>
              <label htmlFor="territory-reason" className="siyi-field-label">
                {t('territory.reason')}
              </label>
              <Input.TextArea
                id="territory-reason"
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                placeholder={t('territory.reasonPlaceholder')}
                maxLength={500}
                showCount
                autoSize={{ minRows: 2, maxRows: 4 }}
              />
            </div>
            <Popconfirm
              title={t('territory.confirmTitle')}
              description={t('territory.confirmBody', {
                count: formatCount(selected.length, locale),
                name: target?.name ?? '',
              })}
              okText={t('territory.move', { count: selected.length })}
              cancelText={t('common.cancel')}
              onConfirm={move}
              disabled={selected.length === 0 || toManagerId === undefined}
            >
              <Button
                type="primary"
                icon={<SwapOutlined />}
                loading={reassign.isPending}
                disabled={selected.length === 0 || toManagerId === undefined}
              >
                {t('territory.move', { count: selected.length })}
              </Button>
            </Popconfirm>
            {failure ? (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={t('territory.failed')}
                description={
                  failure instanceof ApiError
                    ? [failure.message, ...Object.values(failure.fields)].join(' ')
                    : String(failure)
                }
              />
            ) : null}
          </Space>
        </Card>
      ) : null}
    </div>
  );
}
