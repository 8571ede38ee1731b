import '@/modules/ordering-oversight/ordering-oversight.messages';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { SupplyMode, SupplyStrategyResponse, TierLimit } from '@siyi/contracts';
import { supplyModes } from '@siyi/contracts';
import { useQueries } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, InputNumber, Select, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { formatCutOff } from '@/modules/ordering/order-words';
import { addDays } from '@/modules/visit-oversight/visit-figures';
import { WeekPicker } from '@/modules/visit-oversight/week-picker';
import { formatCount, formatDateTime, formatWeekLabel } from '@/ui/format';
import { type ResponsiveColumn, ResponsiveTable } from '@/ui/responsive-table';
import { BlockLoading, EmptyState, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import {
  addableProducts,
  copyRows,
  DEFAULT_TIER_LIMITS,
  isoToShanghaiLocal,
  newStrategyRow,
  productLabel,
  rowMessages,
  type StrategyRow,
  shanghaiLocalToIso,
  strategyItems,
  strategyRows,
  tierLimitProblem,
  uncoveredTiers,
} from './ordering-figures';
import {
  orderingOversightApi,
  useProductSearch,
  useRetailerSearch,
  useSaveStrategy,
  useStrategy,
} from './ordering-oversight.api';
import { DistrictPicker, useOrderingScope } from './ordering-scope';
import '@/modules/visit-oversight/visit-oversight.css';
import './ordering-oversight.css';

const SUPPLY_MAX = 10_000_000;
/** The date-and-time picker loads with the editor only: a published week's table and other pages never need it. */
const ClosingTimePicker = lazy(() => import('./closing-time-picker').then((m) => ({ default: m.ClosingTimePicker })));
const MODE_COLORS: Record<SupplyMode, string> = { open: 'default', limited: 'gold', selected: 'blue', scarce: 'red' };

/** What is wrong with a row before it goes to the server (null: nothing). */
function useRowProblem() {
  const { t } = useTranslation();
  return (row: StrategyRow): string | null => {
    if (row.mode === 'limited') {
      const problem = tierLimitProblem(row.tierLimits);
      if (problem.kind === 'ok') return null;
      const at = 'index' in problem ? { row: problem.index + 1 } : {};
      return t(`orderingOversight.strategy.problems.${problem.kind}`, {
        ...at,
        tier: 'tier' in problem ? problem.tier : '',
      });
    }
    if (row.mode === 'selected' && row.retailerIds.length === 0) return t('orderingOversight.strategy.outletsNone');
    if (row.mode === 'scarce' && (row.supply === null || !Number.isInteger(row.supply) || row.supply < 0)) {
      return t('orderingOversight.strategy.supplyMissing');
    }
    return null;
  };
}

function TierBands({
  limits,
  readOnly,
  onChange,
  name,
  idBase,
}: {
  idBase: string;
  limits: TierLimit[];
  readOnly: boolean;
  onChange: (limits: TierLimit[]) => void;
  name: string;
}) {
  const { t } = useTranslation();
  const set = (index: number, field: keyof TierLimit, value: number | null) =>
    onChange(limits.map((band, i) => (i === index ? { ...band, [field]: value as number } : band)));
  const gaps = tierLimitProblem(limits).kind === 'ok' ? uncoveredTiers(limits) : [];
  return (
    <fieldset className="siyi-strategy-bands" data-testid="strategy-bands">
      <legend className="siyi-visually-hidden">
        {name} · {t('orderingOversight.strategy.tierLimits')}
      </legend>
      {limits.map((band, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: bands have no identity of their own; their place is it
        <div key={index} className="siyi-strategy-band" data-testid="strategy-band">
          <div className="siyi-strategy-field">
            <label htmlFor={`${idBase}-${index}-tierFrom`}>{t('orderingOversight.strategy.tierFrom')}</label>
            <InputNumber
              id={`${idBase}-${index}-tierFrom`}
              size="large"
              min={1}
              max={30}
              precision={0}
              inputMode="numeric"
              value={band.tierFrom}
              disabled={readOnly}
              onChange={(v) => set(index, 'tierFrom', v)}
              data-field="tierFrom"
            />
          </div>
          <div className="siyi-strategy-field">
            <label htmlFor={`${idBase}-${index}-tierTo`}>{t('orderingOversight.strategy.tierTo')}</label>
            <InputNumber
              id={`${idBase}-${index}-tierTo`}
              size="large"
              min={1}
              max={30}
              precision={0}
              inputMode="numeric"
              value={band.tierTo}
              disabled={readOnly}
              onChange={(v) => set(index, 'tierTo', v)}
              data-field="tierTo"
            />
          </div>
          <div className="siyi-strategy-field">
            <label htmlFor={`${idBase}-${index}-maxCartons`}>{t('orderingOversight.strategy.maxCartons')}</label>
            <InputNumber
              id={`${idBase}-${index}-maxCartons`}
              size="large"
              min={0}
              max={999}
              precision={0}
              inputMode="numeric"
              value={band.maxCartons}
              disabled={readOnly}
              onChange={(v) => set(index, 'maxCartons', v)}
              data-field="maxCartons"
            />
          </div>
          {readOnly ? null : (
            <Button
              size="large"
              danger
              icon={<DeleteOutlined aria-hidden />}
              aria-label={t('orderingOversight.strategy.removeBand')}
              onClick={() => onChange(limits.filter((_b, i) => i !== index))}
            />
          )}
        </div>
      ))}
      {readOnly ? null : (
        <div>
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => {
              const last = limits[limits.length - 1];
              const from = last ? Math.min(30, (last.tierTo ?? 0) + 1) : 1;
              onChange([...limits, { tierFrom: from, tierTo: 30, maxCartons: last?.maxCartons ?? 5 }]);
            }}
          >
            {t('orderingOversight.strategy.addBand')}
          </Button>
        </div>
      )}
      {gaps.length > 0 ? (
        <Typography.Text type="warning">
          {t('orderingOversight.strategy.uncovered', {
            tiers: gaps.map((g) => (g.from === g.to ? String(g.from) : `${g.from}–${g.to}`)).join(', '),
          })}
        </Typography.Text>
      ) : null}
    </fieldset>
  );
}

/** The district's retailers a scarce product may go to, searched by name, pinyin or licence number. */
function OutletPicker({
  districtId,
  value,
  readOnly,
  onChange,
  names,
  onNames,
}: {
  districtId: number;
  value: number[];
  readOnly: boolean;
  onChange: (ids: number[]) => void;
  names: ReadonlyMap<number, string>;
  onNames: (found: { id: number; shopName: string }[]) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const found = useRetailerSearch(q, open ? districtId : undefined);
  // Outlets saved earlier come as ids: their names are read one by one (the first 50 shown).
  const unnamed = value.filter((id) => !names.has(id)).slice(0, 50);
  const named = useQueries({
    queries: unnamed.map((id) => ({
      queryKey: ['ordering-oversight', 'retailer', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => orderingOversightApi.retailer(id, signal),
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });
  const readNames = new Map(
    named.flatMap((q) => (q.data ? [[q.data.id, `${q.data.shopName} · ${q.data.licenceNo}`] as const] : [])),
  );
  const options = useMemo(() => {
    const items = found.data?.items ?? [];
    const seen = new Set(items.map((r) => r.id));
    return [
      ...value
        .filter((id) => !seen.has(id))
        .map((id) => ({ value: id, label: names.get(id) ?? readNames.get(id) ?? '' })),
      ...items.map((r) => ({ value: r.id, label: `${r.shopName} · ${r.licenceNo}` })),
    ].map((o) => ({
      ...o,
      label: o.label || t('orderingOversight.strategy.unknownRetailer', { id: o.value }),
    }));
  }, [found.data, value, names, readNames, t]);
  return (
    <div>
      <Select<number[]>
        mode="multiple"
        size="large"
        className="siyi-strategy-outlets"
        value={value}
        disabled={readOnly}
        showSearch
        filterOption={false}
        onSearch={setQ}
        onDropdownVisibleChange={setOpen}
        loading={found.isFetching}
        onChange={(ids) => {
          onNames(
            (found.data?.items ?? [])
              .filter((r) => ids.includes(r.id))
              .map((r) => ({ id: r.id, shopName: `${r.shopName} · ${r.licenceNo}` })),
          );
          onChange(ids);
        }}
        options={options}
        placeholder={t('orderingOversight.strategy.outletsPlaceholder')}
        aria-label={t('orderingOversight.strategy.outlets')}
        data-testid="strategy-outlets"
      />
      <Typography.Text type="secondary">
        {t('orderingOversight.strategy.outletsCount', { count: value.length })}
      </Typography.Text>
    </div>
  );
}

function StrategyItem({
  row,
  index,
  readOnly,
  districtId,
  problem,
  serverMessages,
  onChange,
  onRemove,
  names,
  onNames,
}: {
  row: StrategyRow;
  index: number;
  readOnly: boolean;
  districtId: number;
  problem: string | null;
  serverMessages: string[];
  onChange: (row: StrategyRow) => void;
  onRemove: () => void;
  names: ReadonlyMap<number, string>;
  onNames: (found: { id: number; shopName: string }[]) => void;
}) {
  const { t } = useTranslation();
  const shown = [...(problem ? [problem] : []), ...serverMessages];
  const setMode = (mode: SupplyMode) =>
    onChange({
      ...row,
      mode,
      tierLimits:
        mode === 'limited' && row.tierLimits.length === 0 ? DEFAULT_TIER_LIMITS.map((b) => ({ ...b })) : row.tierLimits,
    });
  return (
    <li
      className={shown.length > 0 ? 'siyi-strategy-item siyi-strategy-item--problem' : 'siyi-strategy-item'}
      data-testid="strategy-item"
      data-product-id={row.productId}
      data-mode={row.mode}
      data-index={index}
    >
      <div className="siyi-strategy-item__head">
        <Typography.Text strong style={{ fontSize: '1.1em' }}>
          {row.productName}
        </Typography.Text>
        <span className="siyi-proposal-actions">
          <Select<SupplyMode>
            size="large"
            value={row.mode}
            disabled={readOnly}
            onChange={setMode}
            aria-label={`${row.productName} · ${t('orderingOversight.strategy.mode')}`}
            data-testid="strategy-mode"
            options={supplyModes.map((m) => ({ value: m, label: t(`orderingOversight.strategy.modes.${m}`) }))}
          />
          {readOnly ? null : (
            <Button
              size="large"
              danger
              icon={<DeleteOutlined aria-hidden />}
              aria-label={t('orderingOversight.strategy.removeProduct', { name: row.productName })}
              onClick={onRemove}
            />
          )}
        </span>
      </div>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t(`orderingOversight.strategy.modeHelp.${row.mode}`)}
      </Typography.Paragraph>
      {row.mode === 'limited' ? (
        <TierBands
          idBase={`strategy-${row.productId}`}
          name={row.productName}
          limits={row.tierLimits}
          readOnly={readOnly}
          onChange={(tierLimits) => onChange({ ...row, tierLimits })}
        />
      ) : null}
      {row.mode === 'selected' ? (
        <OutletPicker
          districtId={districtId}
          value={row.retailerIds}
          readOnly={readOnly}
          onChange={(retailerIds) => onChange({ ...row, retailerIds })}
          names={names}
          onNames={onNames}
        />
      ) : null}
      {row.mode === 'scarce' ? (
        <div className="siyi-strategy-band">
          <div className="siyi-strategy-field">
            <label htmlFor={`strategy-${row.productId}-supply`}>{t('orderingOversight.strategy.supply')}</label>
            <InputNumber
              id={`strategy-${row.productId}-supply`}
              size="large"
              min={0}
              max={SUPPLY_MAX}
              precision={0}
              inputMode="numeric"
              value={row.supply}
              disabled={readOnly}
              onChange={(supply) => onChange({ ...row, supply })}
              style={{ width: '12em' }}
              data-testid="strategy-supply"
            />
          </div>
          <Typography.Text type="secondary">{t('orderingOversight.strategy.supplyHelp')}</Typography.Text>
        </div>
      ) : null}
      {shown.length > 0 ? (
        <div role="alert" className="siyi-problem">
          {shown.join(' ')}
        </div>
      ) : null}
    </li>
  );
}

/** Adds any active product to the strategy: a search over the product list (code, brand or name). */
function AddProduct({ rows, onAdd }: { rows: readonly StrategyRow[]; onAdd: (row: StrategyRow) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useProductSearch(q, true);
  const addable = addableProducts(found.data?.items ?? [], rows);
  return (
    <div style={{ marginTop: 12 }} className="siyi-strategy-field">
      <Select<number>
        size="large"
        showSearch
        filterOption={false}
        onSearch={setQ}
        value={null as unknown as number}
        loading={found.isFetching}
        placeholder={t('orderingOversight.strategy.addProduct')}
        aria-label={t('orderingOversight.strategy.addProduct')}
        style={{ minWidth: '14em', maxWidth: '100%' }}
        data-testid="strategy-add-product"
        notFoundContent={found.isError ? t('orderingOversight.strategy.productsFailed') : undefined}
        options={addable.map((p) => ({ value: p.id, label: productLabel(p) }))}
        onChange={(productId) => {
          const product = addable.find((p) => p.id === productId);
          if (product) onAdd(newStrategyRow(product));
        }}
      />
      {found.data?.truncated ? (
        <Typography.Text type="secondary">{t('orderingOversight.strategy.narrowSearch')}</Typography.Text>
      ) : null}
    </div>
  );
}

function StrategyEditor({
  data,
  earlier,
  readOnly,
  adminDistrictId,
  reload,
  save,
}: {
  data: SupplyStrategyResponse;
  earlier: SupplyStrategyResponse | undefined;
  readOnly: boolean;
  adminDistrictId: number | undefined;
  reload: () => Promise<unknown>;
  save: ReturnType<typeof useSaveStrategy>['mutation'];
}) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const [rows, setRows] = useState<StrategyRow[]>(() => strategyRows(data));
  const [closesAt, setClosesAt] = useState(() => isoToShanghaiLocal(data.closesAt));
  const [checked, setChecked] = useState(false);
  const [shownMode, setShownMode] = useState<SupplyMode | 'all'>('all');
  const [names, setNames] = useState<Map<number, string>>(() => new Map());
  const rowProblem = useRowProblem();
  const problems = rows.map((row) => (checked ? rowProblem(row) : null));
  const fields = save.error instanceof ApiError ? save.error.fields : {};
  const rememberNames = (found: { id: number; shopName: string }[]) =>
    setNames((m) => {
      const next = new Map(m);
      for (const r of found) next.set(r.id, r.shopName);
      return next;
    });
  const otherProblems = Object.entries(fields)
    .filter(([path]) => !path.startsWith('items.') && path !== 'version')
    .map(([, text]) => text);
  const send = (publish: boolean) => {
    setChecked(true);
    if (rows.some((row) => rowProblem(row) !== null)) {
      void message.error(t('orderingOversight.strategy.fixFirst'));
      return Promise.resolve();
    }
    const closes = closesAt === '' ? null : shanghaiLocalToIso(closesAt);
    return save
      .mutateAsync({
        ...(adminDistrictId !== undefined ? { districtId: adminDistrictId } : {}),
        items: strategyItems(rows),
        publish,
        closesAt: closes,
        ...(data.version > 0 ? { version: data.version } : {}),
      })
      .then(
        (saved) =>
          void message.success(
            publish
              ? t('orderingOversight.strategy.published')
              : t('orderingOversight.strategy.saved', { version: saved.version }),
          ),
        (error: unknown) => {
          if (error instanceof ApiError && error.status === 409 && error.code === 'CONFLICT') {
            void message.warning(t('orderingOversight.strategy.conflict'));
            void reload();
          }
        },
      );
  };
  const publish = () => {
    setChecked(true);
    if (rows.some((row) => rowProblem(row) !== null)) {
      void message.error(t('orderingOversight.strategy.fixFirst'));
      return;
    }
    modal.confirm({
      title: t('orderingOversight.strategy.publishConfirmTitle'),
      content: t('orderingOversight.strategy.publishConfirm', { count: rows.length }),
      okText: t('orderingOversight.strategy.publishOk'),
      cancelText: t('common.cancel'),
      onOk: () => send(true),
    });
  };
  const general =
    save.error && !(save.error instanceof ApiError && (save.error.status === 409 || Object.keys(fields).length > 0))
      ? save.error instanceof Error
        ? save.error.message
        : String(save.error)
      : null;
  return (
    <Card
      title={t('orderingOversight.strategy.products')}
      extra={<Typography.Text type="secondary">{rows.length}</Typography.Text>}
    >
      {rows.length === 0 ? (
        <>
          <EmptyState description={t('orderingOversight.strategy.empty')} />
          {!readOnly ? (
            earlier && earlier.items.length > 0 ? (
              <Button
                size="large"
                type="primary"
                onClick={() => setRows(copyRows(strategyRows(earlier)))}
                data-testid="strategy-copy"
              >
                {t('orderingOversight.strategy.copyFrom', { week: formatWeekLabel(earlier.week) })}
              </Button>
            ) : (
              <Typography.Paragraph type="secondary">{t('orderingOversight.strategy.noEarlier')}</Typography.Paragraph>
            )
          ) : null}
        </>
      ) : (
        <>
          <Select<SupplyMode | 'all'>
            size="large"
            value={shownMode}
            onChange={setShownMode}
            aria-label={t('orderingOversight.strategy.show')}
            style={{ minWidth: '12em', maxWidth: '100%', marginBottom: 12 }}
            data-testid="strategy-mode-filter"
            options={[
              { value: 'all', label: t('orderingOversight.strategy.showAll') },
              ...supplyModes.map((m) => ({ value: m, label: t(`orderingOversight.strategy.modes.${m}`) })),
            ]}
          />
          <ul className="siyi-strategy-items" data-testid="strategy-items">
            {rows.map((row, index) =>
              shownMode !== 'all' && row.mode !== shownMode && !problems[index] ? null : (
                <StrategyItem
                  key={row.productId}
                  row={row}
                  index={index}
                  readOnly={readOnly}
                  districtId={data.districtId}
                  problem={problems[index] ?? null}
                  serverMessages={rowMessages(fields, index)}
                  onChange={(next) => setRows((all) => all.map((r, i) => (i === index ? next : r)))}
                  onRemove={() => setRows((all) => all.filter((_r, i) => i !== index))}
                  names={names}
                  onNames={rememberNames}
                />
              ),
            )}
          </ul>
        </>
      )}
      {readOnly ? null : <AddProduct rows={rows} onAdd={(row) => setRows((all) => [...all, row])} />}
      {otherProblems.length > 0 ? <Alert type="error" showIcon message={otherProblems.join(' ')} /> : null}
      {general ? <Alert type="error" showIcon message={general} style={{ marginTop: 12 }} /> : null}
      {readOnly ? null : (
        <div className="siyi-strategy-actions">
          <div className="siyi-strategy-field">
            <label htmlFor="strategy-closes-at">{t('orderingOversight.strategy.closesAt')}</label>
            <Suspense fallback={<Input size="large" disabled style={{ width: '16em', maxWidth: '100%' }} />}>
              <ClosingTimePicker id="strategy-closes-at" week={data.week} value={closesAt} onChange={setClosesAt} />
            </Suspense>
            <Typography.Text type="secondary">{t('orderingOversight.strategy.closesAtHelp')}</Typography.Text>
          </div>
          <Button size="large" onClick={() => void send(false)} loading={save.isPending} data-testid="strategy-save">
            {t('orderingOversight.strategy.save')}
          </Button>
          <Button
            size="large"
            type="primary"
            onClick={publish}
            disabled={rows.length === 0}
            loading={save.isPending}
            data-testid="strategy-publish"
          >
            {t('orderingOversight.strategy.publish')}
          </Button>
        </div>
      )}
      {readOnly && data.closesAt ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('orderingOversight.strategy.closesAtValue', { at: formatCutOff(data.closesAt, i18n.language) })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/** A published (or past) week: one compact row per product, its mode and what the mode holds. */
function StrategyTable({ data }: { data: SupplyStrategyResponse }) {
  const { t, i18n } = useTranslation();
  const [showOpen, setShowOpen] = useState(false);
  type Item = SupplyStrategyResponse['items'][number];
  const detail = (item: Item) => {
    switch (item.mode) {
      case 'limited':
        return [...item.tierLimits]
          .sort((a, b) => a.tierFrom - b.tierFrom)
          .map(
            (band) =>
              `${t('orderingOversight.strategy.band', { from: band.tierFrom, to: band.tierTo })} ≤ ${t(
                'orderingOversight.common.cartons',
                { value: band.maxCartons },
              )}`,
          )
          .join('; ');
      case 'selected':
        return t('orderingOversight.strategy.outletsCount', { count: item.retailerIds.length });
      case 'scarce':
        return `${t('orderingOversight.strategy.supply')}: ${formatCount(item.supply ?? 0, i18n.language)}`;
      default:
        return null;
    }
  };
  const columns: ResponsiveColumn<Item>[] = [
    {
      key: 'product',
      title: t('orderingOversight.common.product'),
      render: (_v, item) => <Typography.Text strong>{item.productName}</Typography.Text>,
    },
    {
      key: 'mode',
      title: t('orderingOversight.strategy.mode'),
      render: (_v, item) => (
        <Tag color={MODE_COLORS[item.mode]} data-mode={item.mode}>
          {t(`orderingOversight.strategy.modes.${item.mode}`)}
        </Tag>
      ),
    },
    // The limits, outlets or supply read as a phrase of their own on a phone card.
    {
      key: 'detail',
      title: t('orderingOversight.strategy.detail'),
      bareOnCard: true,
      render: (_v, item) => detail(item),
    },
  ];
  // The products with a rule of their own first: they are what a reader looks for.
  const rows = [...data.items].sort(
    (a, b) => supplyModes.indexOf(b.mode) - supplyModes.indexOf(a.mode) || a.productId - b.productId,
  );
  // A hundred open products would bury the few with a rule: they stay folded until asked for.
  const openCount = rows.filter((item) => item.mode === 'open').length;
  const fold = openCount > 0 && openCount < rows.length && !showOpen;
  const shown = fold ? rows.filter((item) => item.mode !== 'open') : rows;
  return (
    <Card
      title={t('orderingOversight.strategy.products')}
      extra={<Typography.Text type="secondary">{rows.length}</Typography.Text>}
    >
      {data.closesAt ? (
        <Typography.Paragraph strong data-testid="strategy-closes">
          {t('orderingOversight.strategy.closesAtValue', { at: formatCutOff(data.closesAt, i18n.language) })}
        </Typography.Paragraph>
      ) : null}
      {rows.length === 0 ? (
        <EmptyState description={t('orderingOversight.strategy.empty')} />
      ) : (
        <div data-testid="strategy-table">
          <ResponsiveTable
            columns={columns}
            rows={shown}
            rowKey={(item) => item.productId}
            label={t('orderingOversight.strategy.products')}
          />
          {openCount > 0 && openCount < rows.length ? (
            <Button
              size="large"
              type="dashed"
              block
              style={{ marginTop: 12 }}
              aria-expanded={!fold}
              onClick={() => setShowOpen(fold)}
              data-testid="strategy-show-open"
            >
              {fold
                ? t('orderingOversight.strategy.showOpen', { count: openCount })
                : t('orderingOversight.strategy.hideOpen')}
            </Button>
          ) : null}
        </div>
      )}
    </Card>
  );
}

function StatusLine({ data }: { data: SupplyStrategyResponse }) {
  const { t, i18n } = useTranslation();
  const color = data.status === 'published' ? 'green' : data.status === 'draft' ? 'gold' : 'default';
  return (
    <div className="siyi-strategy-status" data-testid="strategy-status" data-status={data.status}>
      <Tag color={color} style={{ fontSize: '1em', padding: '4px 8px' }}>
        {t(`orderingOversight.strategy.status.${data.status}`)}
      </Tag>
      {data.version > 0 ? (
        <Typography.Text type="secondary" data-testid="strategy-version" data-version={data.version}>
          {t('orderingOversight.strategy.version', { version: data.version })}
        </Typography.Text>
      ) : null}
      {data.publishedAt ? (
        <Typography.Text type="secondary">
          {t('orderingOversight.strategy.publishedAt', { at: formatDateTime(data.publishedAt, i18n.language) })}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/**
 * `/orders/strategy`: a district's supply strategy for a week — per product open, limited per tier band, selected
 * outlets or scarce with its supply; saved as a draft with the version read (a 409 loads the newer one), published
 * with a confirmation (which opens the order window), read-only once published or past.
 */
export function StrategyPage() {
  const { t } = useTranslation();
  const scope = useOrderingScope();
  const { week, districtId } = scope;
  const strategy = useStrategy(week, districtId, scope.ready);
  const earlier = useStrategy(addDays(week, -7), districtId, scope.ready);
  const { mutation, reload } = useSaveStrategy(week, districtId);
  useDocumentTitle(t('orderingOversight.strategy.title'));
  const past = week < scope.currentWeek;
  return (
    <div className="siyi-page">
      <Typography.Title level={1} className="siyi-page__title">
        {t('orderingOversight.strategy.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('orderingOversight.strategy.intro')}</Typography.Paragraph>
      <div className="siyi-visit-filters">
        <WeekPicker week={week} onChange={scope.setWeek} />
        {scope.isAdmin ? (
          <DistrictPicker
            districts={scope.districts}
            value={districtId}
            onChange={(id) => scope.set('districtId', String(id))}
          />
        ) : null}
      </div>
      {scope.ready ? (
        <QueryView query={strategy} loading={<BlockLoading rows={10} />}>
          {(data) => {
            const readOnly = data.status === 'published' || past;
            return (
              <div className="siyi-order-stack">
                <div>
                  <StatusLine data={data} />
                  {data.status === 'published' ? (
                    <Alert type="info" showIcon message={t('orderingOversight.strategy.readOnly')} />
                  ) : past ? (
                    <Alert type="info" showIcon message={t('orderingOversight.strategy.pastWeek')} />
                  ) : null}
                </div>
                {readOnly ? (
                  <StrategyTable data={data} />
                ) : (
                  <StrategyEditor
                    key={`${data.week}.${data.districtId}.${data.version}.${data.status}`}
                    data={data}
                    earlier={earlier.data}
                    readOnly={readOnly}
                    adminDistrictId={scope.isAdmin ? districtId : undefined}
                    reload={reload}
                    save={mutation}
                  />
                )}
              </div>
            );
          }}
        </QueryView>
      ) : (
        <BlockLoading rows={6} />
      )}
    </div>
  );
}
