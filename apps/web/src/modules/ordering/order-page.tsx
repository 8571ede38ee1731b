import '@/modules/ordering/ordering.messages';
import {
  BulbOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  MinusOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import type { CurrentOrderResponse, ProposalView, SubmitOrderResponse } from '@siyi/contracts';
import { Alert, App, Button, Card, Input, InputNumber, Result, Segmented, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { useCurrentUser } from '@/modules/auth/session';
import { formatCount, formatDate, formatDateTime, formatMoney, formatWeekLabel } from '@/ui/format';
import { BlockLoading, ErrorState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import {
  applyAllSuggestions,
  applySuggestion,
  clampQuantity,
  fieldMessagesByProduct,
  filterProducts,
  type GroupBy,
  groupProducts,
  isDirty,
  lineOf,
  linesToSend,
  maxFor,
  type OrderLine,
  type OrderProduct,
  orderTotals,
  type ProductGroup,
  type Quantities,
  serverQuantities,
  shanghaiWeekOf,
  splitUsual,
  suggestedQuantity,
  suggestionsPending,
  type WindowState,
} from './order-draft';
import { formatCutOff, priceClassNumber } from './order-words';
import { useCurrentOrder, useSaveOrder, useSubmitOrder } from './ordering.api';
import { type PressureTarget, ProposalsCard, usePressureReport } from './proposals-card';
import { useWindowState } from './use-window-state';
import './ordering.css';

/** The week's window and the order's state, in words. */
function WindowBanner({ order, state, dirty }: { order: CurrentOrderResponse; state: WindowState; dirty: boolean }) {
  const { t, i18n } = useTranslation();
  const at = (iso: string) => formatDateTime(iso, i18n.language);
  const changesNotSubmitted =
    (order.status === 'draft' && order.submittedAt !== null) || (order.status === 'submitted' && dirty);
  return (
    <div className="siyi-order-state" data-testid="order-window" data-state={state.kind}>
      {state.kind === 'open' ? (
        <Alert
          type="success"
          showIcon
          icon={<ClockCircleOutlined />}
          message={t('ordering.window.open', { at: formatCutOff(state.closesAt, i18n.language) })}
          description={t('ordering.window.openHint')}
        />
      ) : state.kind === 'closed' ? (
        <Alert
          type="warning"
          showIcon
          message={t('ordering.window.closed', { at: formatCutOff(state.closesAt, i18n.language) })}
          description={t('ordering.window.closedHint')}
        />
      ) : state.kind === 'notYet' ? (
        <Alert
          type="info"
          showIcon
          message={t('ordering.window.notYet', { at: formatCutOff(state.opensAt ?? '', i18n.language) })}
        />
      ) : (
        <Alert
          type="info"
          showIcon
          message={t('ordering.window.unpublished')}
          description={
            state.expectedOpensAt
              ? t('ordering.window.unpublishedExpected', { at: formatCutOff(state.expectedOpensAt, i18n.language) })
              : t('ordering.window.unpublishedHint')
          }
        />
      )}
      {changesNotSubmitted ? (
        <Alert
          type="warning"
          showIcon
          data-testid="order-changes-not-submitted"
          message={t('ordering.status.changesNotSubmitted')}
          description={t('ordering.status.changesNotSubmittedHint')}
        />
      ) : (
        <Typography.Paragraph className="siyi-order-status" data-testid="order-status" data-status={order.status}>
          {order.status === 'submitted' && order.submittedAt ? (
            <>
              <CheckCircleOutlined aria-hidden /> {t('ordering.status.submitted', { at: at(order.submittedAt) })}
            </>
          ) : order.status === 'draft' ? (
            t('ordering.status.draft')
          ) : (
            t('ordering.status.none')
          )}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** −  [ n ]  + with 48 px targets; typing is kept whole and within the limit. */
function Stepper({
  value,
  max,
  label,
  disabled,
  invalid,
  onChange,
}: {
  value: number;
  max: number;
  label: string;
  disabled: boolean;
  invalid: boolean;
  onChange: (value: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="siyi-order-stepper">
      <Button
        size="large"
        icon={<MinusOutlined />}
        aria-label={t('ordering.product.decrease')}
        disabled={disabled || value <= 0}
        onClick={() => onChange(Math.max(0, value - 1))}
      />
      <InputNumber
        size="large"
        min={0}
        max={max}
        precision={0}
        controls={false}
        inputMode="numeric"
        aria-label={label}
        status={invalid ? 'error' : undefined}
        disabled={disabled}
        value={value}
        onChange={(v) => onChange(clampQuantity(v ?? 0, max))}
        className="siyi-order-stepper__input"
      />
      <Button
        size="large"
        icon={<PlusOutlined />}
        aria-label={t('ordering.product.increase')}
        data-testid="order-increase"
        disabled={disabled || value >= max}
        onClick={() => onChange(Math.min(max, value + 1))}
      />
    </div>
  );
}

function ProductRow({
  product,
  quantity,
  line,
  message,
  editable,
  onChange,
  onUseSuggestion,
  onPressured,
}: {
  product: OrderProduct;
  quantity: number;
  line: OrderLine | undefined;
  message: string | undefined;
  editable: boolean;
  onChange: (value: number) => void;
  onUseSuggestion: () => void;
  onPressured: (target: PressureTarget) => void;
}) {
  const { t, i18n } = useTranslation();
  const scarce = product.mode === 'scarce';
  const suggested = suggestedQuantity(product);
  const ordered = product.lastWeeks.some((q) => q > 0);
  return (
    <li
      className={quantity > 0 ? 'siyi-order-product siyi-order-product--on' : 'siyi-order-product'}
      data-testid="order-product"
      data-product-id={product.productId}
      data-mode={product.mode}
    >
      <div className="siyi-order-product__head">
        <span className="siyi-order-product__name">{product.name}</span>
        <span className="siyi-order-product__tags">
          {/* A limited product's limit tag says both ("限量 4 条"): no second "限量" beside it. */}
          {product.mode !== 'open' && !(product.mode === 'limited' && product.limit !== null) ? (
            <Tag color={scarce ? 'volcano' : product.mode === 'limited' ? 'gold' : 'blue'}>
              {t(`ordering.product.mode.${product.mode}`)}
            </Tag>
          ) : null}
          {product.limit !== null && !scarce ? (
            <Tag color="gold" data-testid="order-limit">
              {t('ordering.product.limit', { value: formatCount(product.limit, i18n.language) })}
            </Tag>
          ) : null}
        </span>
      </div>
      <div className="siyi-order-product__meta">
        <span>
          {product.brand} · {product.spec}
        </span>
        <span>{t('ordering.product.price', { price: formatMoney(product.wholesalePriceFen, i18n.language) })}</span>
      </div>
      <div className="siyi-order-product__facts">
        <span>
          {ordered
            ? t('common.labelValue', {
                label: t('ordering.product.lastWeeks'),
                value: t('ordering.product.lastWeeksValue', { values: product.lastWeeks.join(' · ') }),
              })
            : t('ordering.product.lastWeeksNone')}
        </span>
        <span>
          {product.stock === null
            ? t('ordering.product.stockUnknown')
            : t('ordering.product.stock', { value: formatCount(product.stock, i18n.language) })}
        </span>
      </div>
      {product.suggestion ? (
        <div className="siyi-order-suggestion" data-testid="order-suggestion">
          <BulbOutlined aria-hidden className="siyi-order-suggestion__icon" />
          <div className="siyi-order-suggestion__text">
            <Typography.Text strong>
              {t('ordering.product.suggestion', { value: formatCount(product.suggestion.quantity, i18n.language) })}
            </Typography.Text>
            <span className="siyi-order-suggestion__reason">{product.suggestion.reason}</span>
          </div>
          {editable && suggested !== null && !(suggested === 0 && quantity === 0) ? (
            suggested === quantity ? (
              <Tag color="green" className="siyi-order-suggestion__used">
                {t('ordering.product.suggestionUsed')}
              </Tag>
            ) : (
              <Button
                onClick={onUseSuggestion}
                className="siyi-order-suggestion__use"
                data-testid="order-use-suggestion"
              >
                {t('ordering.product.useSuggestion')}
              </Button>
            )
          ) : null}
        </div>
      ) : null}
      {scarce ? <Typography.Paragraph type="secondary">{t('ordering.product.scarceHint')}</Typography.Paragraph> : null}
      <div className="siyi-order-product__entry">
        <span className="siyi-order-product__entry-label">
          {scarce ? t('ordering.product.request') : t('ordering.product.quantity')}
        </span>
        <Stepper
          value={quantity}
          max={maxFor(product)}
          label={t(scarce ? 'ordering.product.requestOf' : 'ordering.product.quantityOf', { name: product.name })}
          disabled={!editable || (scarce && product.allocated !== null)}
          invalid={message !== undefined}
          onChange={onChange}
        />
      </div>
      {message ? (
        <Typography.Text type="danger" role="alert" className="siyi-order-product__error">
          {message}
        </Typography.Text>
      ) : null}
      {scarce && product.requested !== null ? (
        <div className="siyi-order-allocation" data-testid="order-allocation">
          {product.allocated !== null ? (
            <>
              <Typography.Text strong>
                {t('ordering.product.allocated', { value: formatCount(product.allocated, i18n.language) })}
              </Typography.Text>
              {product.allocationReason ? <span>{product.allocationReason}</span> : null}
            </>
          ) : (
            <Typography.Text type="secondary">{t('ordering.product.notAllocatedYet')}</Typography.Text>
          )}
        </div>
      ) : null}
      {line?.origin === 'proposal_accepted' ? (
        <div className="siyi-order-product__proposal">
          <Typography.Text type="secondary">{t('ordering.product.fromProposal')}</Typography.Text>
          <Button
            danger
            type="link"
            icon={<SafetyCertificateOutlined />}
            data-testid="order-line-pressured"
            onClick={() =>
              onPressured({ kind: 'line', lineId: line.id, productId: product.productId, name: product.name })
            }
          >
            {t('ordering.product.pressured')}
          </Button>
        </div>
      ) : null}
    </li>
  );
}

/** Shown once a submit went through: when, how much, and that it may still change until the cut-off. */
function SubmittedResult({ answer, products }: { answer: SubmitOrderResponse; products: readonly OrderProduct[] }) {
  const { t, i18n } = useTranslation();
  const quantities = new Map<number, number>();
  for (const l of [...answer.lines, ...answer.requests]) quantities.set(l.productId, l.quantity);
  const totals = orderTotals(quantities, products);
  return (
    <Card className="siyi-order-done" data-testid="order-submitted">
      <Result
        status="success"
        title={t('ordering.submitted.title')}
        subTitle={
          <>
            {t('ordering.submitted.body', {
              at: formatDateTime(answer.submittedAt, i18n.language),
              lines: formatCount(totals.lines, i18n.language),
              cartons: formatCount(totals.cartons, i18n.language),
            })}
            {answer.replayed ? (
              <>
                <br />
                {t('ordering.submitted.replayed')}
              </>
            ) : null}
          </>
        }
      />
    </Card>
  );
}

function OrderForm({ order }: { order: CurrentOrderResponse }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const [local, setLocal] = useState<Map<number, number> | null>(null);
  const [search, setSearch] = useState('');
  const [groupBy, setGroupBy] = useState<GroupBy>('priceClass');
  const [sent, setSent] = useState<{ productId: number; quantity: number }[]>([]);
  const [submitted, setSubmitted] = useState<SubmitOrderResponse | null>(null);
  const save = useSaveOrder();
  const submit = useSubmitOrder();
  // Unsaved edits on the page follow what the server changed meanwhile: a reported line left the order, an
  // accepted proposal's lines joined it. Otherwise the next save or submit would undo either.
  const pressure = usePressureReport((productId) => setLocal((before) => before && new Map(before).set(productId, 0)));
  const acceptedProposal = (proposal: ProposalView) =>
    setLocal((before) => {
      if (!before) return before;
      const next = new Map(before);
      for (const line of proposal.lines) next.set(line.productId, line.quantity);
      return next;
    });

  const products = order.products;
  const quantities: Quantities = local ?? serverQuantities(products);
  const dirty = local !== null && isDirty(local, products);
  const windowNow = useWindowState(order.window);
  const editable = windowNow.kind === 'open';
  const totals = orderTotals(quantities, products);
  const split = useMemo(() => splitUsual(products), [products]);
  const searched = useMemo(() => groupProducts(filterProducts(products, search), groupBy), [products, search, groupBy]);
  const [othersOpen, setOthersOpen] = useState(false);
  const lastError = submit.error ?? save.error;
  const placed =
    lastError instanceof ApiError
      ? fieldMessagesByProduct(lastError.fields, sent)
      : { byProduct: new Map(), general: [] };
  const showOthers = othersOpen || split.others.some((p) => placed.byProduct.has(p.productId));
  const networkLost = submit.error instanceof ApiError && submit.error.status === 0;

  const change = (next: Map<number, number>) => {
    setLocal(next);
    setSubmitted(null);
  };
  const setQuantity = (productId: number, value: number) => change(new Map(quantities).set(productId, value));

  const doSave = () => {
    const lines = linesToSend(quantities, products);
    setSent(lines);
    submit.reset();
    save.mutate(lines, {
      onSuccess: () => {
        setLocal(null);
        void message.success(t('ordering.summary.saved'));
      },
    });
  };
  const doSubmit = () => {
    const lines = linesToSend(quantities, products);
    setSent(lines);
    save.reset();
    submit.mutate(lines, {
      onSuccess: (answer) => {
        setLocal(null);
        setSubmitted(answer);
        window.scrollTo({ top: 0 });
      },
    });
  };
  const askSubmit = () => {
    const scarce = products.some((p) => p.mode === 'scarce' && (quantities.get(p.productId) ?? 0) > 0);
    modal.confirm({
      title: t('ordering.confirm.title'),
      content: (
        <>
          <p>
            {t('ordering.confirm.body', {
              lines: formatCount(totals.lines, i18n.language),
              cartons: formatCount(totals.cartons, i18n.language),
              amount: formatMoney(totals.amountFen, i18n.language),
            })}
          </p>
          {scarce ? <p>{t('ordering.confirm.scarceNote')}</p> : null}
        </>
      ),
      okText: t('ordering.confirm.ok'),
      cancelText: t('ordering.confirm.cancel'),
      okButtonProps: { size: 'large' },
      cancelButtonProps: { size: 'large' },
      onOk: doSubmit,
    });
  };
  const canUseAll = editable && suggestionsPending(quantities, products);
  const renderGroups = (groups: ProductGroup[]) =>
    groups.map((group) => (
      <section key={group.key} className="siyi-order-group" aria-label={String(group.value)}>
        <Typography.Title level={3} className="siyi-order-group__title">
          {group.kind === 'priceClass'
            ? t('ordering.group.priceClass', { n: priceClassNumber(Number(group.value), i18n.language) })
            : t('ordering.group.brand', { brand: group.value })}
          <span className="siyi-order-group__count">{t('ordering.group.count', { count: group.products.length })}</span>
        </Typography.Title>
        <ul className="siyi-order-products">
          {group.products.map((p) => (
            <ProductRow
              key={p.productId}
              product={p}
              quantity={quantities.get(p.productId) ?? 0}
              line={lineOf(order.lines, p.productId)}
              message={placed.byProduct.get(p.productId)}
              editable={editable}
              onChange={(v) => setQuantity(p.productId, v)}
              onUseSuggestion={() => change(applySuggestion(quantities, p))}
              onPressured={pressure.open}
            />
          ))}
        </ul>
      </section>
    ));

  return (
    <>
      {submitted ? <SubmittedResult answer={submitted} products={products} /> : null}
      <WindowBanner order={order} state={windowNow} dirty={dirty} />
      <ProposalsCard
        proposals={order.proposals}
        lines={order.lines}
        canAct={editable}
        onPressured={pressure.open}
        onAccepted={acceptedProposal}
      />
      {products.length > 0 ? (
        <>
          <div className="siyi-order-tools">
            <Input
              size="large"
              allowClear
              prefix={<SearchOutlined aria-hidden />}
              aria-label={t('ordering.toolbar.search')}
              placeholder={t('ordering.toolbar.searchPlaceholder')}
              maxLength={50}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <Segmented<GroupBy>
              size="large"
              aria-label={t('ordering.toolbar.groupBy')}
              value={groupBy}
              onChange={setGroupBy}
              options={[
                { value: 'priceClass', label: t('ordering.toolbar.byPriceClass') },
                { value: 'brand', label: t('ordering.toolbar.byBrand') },
              ]}
            />
            {editable ? (
              <Button
                size="large"
                icon={<ThunderboltOutlined />}
                disabled={!canUseAll}
                onClick={() => {
                  change(applyAllSuggestions(quantities, products));
                  void message.info(t('ordering.toolbar.useAllDone'));
                }}
                className="siyi-order-tools__all"
                data-testid="order-use-all"
              >
                {t('ordering.toolbar.useAll')}
              </Button>
            ) : null}
          </div>
          <Typography.Paragraph type="secondary" className="siyi-order-weeks">
            {t('common.labelValue', {
              label: t('ordering.product.lastWeeks'),
              value: order.lastWeekStarts.map((w) => formatWeekLabel(w)).join(' · '),
            })}
          </Typography.Paragraph>
          {search.trim() !== '' ? (
            searched.length === 0 ? (
              <Typography.Paragraph type="secondary">
                {t('ordering.toolbar.noMatch', { q: search })}
              </Typography.Paragraph>
            ) : (
              renderGroups(searched)
            )
          ) : (
            <>
              <Typography.Title level={2} className="siyi-order-section__title">
                {t('ordering.toolbar.usual')}
              </Typography.Title>
              {split.usual.length === 0 ? (
                <Typography.Paragraph type="secondary">{t('ordering.toolbar.usualNone')}</Typography.Paragraph>
              ) : (
                renderGroups(groupProducts(split.usual, groupBy))
              )}
              {split.others.length > 0 ? (
                <>
                  <Button
                    size="large"
                    block
                    type="dashed"
                    className="siyi-order-others"
                    data-testid="order-show-others"
                    aria-expanded={showOthers}
                    onClick={() => setOthersOpen(!showOthers)}
                  >
                    {showOthers
                      ? t('ordering.toolbar.hideOthers')
                      : t('ordering.toolbar.showOthers', { count: split.others.length })}
                  </Button>
                  {showOthers ? (
                    <>
                      <Typography.Title level={2} className="siyi-order-section__title">
                        {t('ordering.toolbar.others')}
                      </Typography.Title>
                      {renderGroups(groupProducts(split.others, groupBy))}
                    </>
                  ) : null}
                </>
              ) : null}
            </>
          )}
          <div className="siyi-order-bar" data-testid="order-bar">
            {networkLost ? (
              <Alert type="warning" showIcon data-testid="order-network-lost" message={t('ordering.submitted.retry')} />
            ) : null}
            {lastError && !networkLost && placed.byProduct.size === 0 ? (
              <Alert
                type="error"
                showIcon
                data-testid="order-error"
                message={
                  placed.general.length > 0
                    ? `${t('ordering.errors.general')} ${placed.general.join(' ')}`
                    : lastError instanceof Error
                      ? lastError.message
                      : String(lastError)
                }
              />
            ) : null}
            {lastError && placed.byProduct.size > 0 ? (
              <Alert
                type="error"
                showIcon
                message={`${t('ordering.errors.general')} ${[...placed.byProduct.values(), ...placed.general].join(' ')}`}
              />
            ) : null}
            <div className="siyi-order-bar__totals" data-testid="order-totals">
              <span className="siyi-order-bar__label">{t('ordering.summary.label')}</span>
              {totals.lines === 0 ? (
                <span>{t('ordering.summary.nothing')}</span>
              ) : (
                <span className="siyi-order-bar__figures">
                  <span>{t('ordering.summary.lines', { count: totals.lines })}</span>
                  <span>{t('ordering.summary.cartons', { value: formatCount(totals.cartons, i18n.language) })}</span>
                  <strong>{formatMoney(totals.amountFen, i18n.language)}</strong>
                </span>
              )}
              {dirty ? (
                <Tag color="orange" className="siyi-order-bar__unsaved">
                  {t('ordering.status.unsaved')}
                </Tag>
              ) : null}
            </div>
            {editable ? (
              <div className="siyi-order-bar__actions">
                <Button
                  size="large"
                  data-testid="order-save"
                  onClick={doSave}
                  loading={save.isPending}
                  disabled={!dirty || submit.isPending}
                >
                  {t('ordering.summary.save')}
                </Button>
                <Button
                  type="primary"
                  size="large"
                  data-testid="order-submit"
                  onClick={askSubmit}
                  loading={submit.isPending}
                  disabled={totals.lines === 0 || save.isPending || (order.status === 'submitted' && !dirty)}
                >
                  {order.status === 'none' || (order.status === 'draft' && order.submittedAt === null)
                    ? t('ordering.summary.submit')
                    : t('ordering.summary.resubmit')}
                </Button>
              </div>
            ) : null}
          </div>
        </>
      ) : null}
      {pressure.dialog}
    </>
  );
}

/**
 * `/my-shop/order` for a retailer: this week's order on a phone in large type. The window in words, the manager's
 * proposals to accept or refuse (or report as pressured), the products by price class or brand with the last four
 * weeks, the stock, the suggestion with its reason (one tap, or all at once), the limit, a stepper; a bar at the
 * bottom with the totals, Save and Submit (with an Idempotency-Key kept across retries).
 */
export function OrderPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const order = useCurrentOrder();
  // Past its cut-off a retailer orders for the next week: the title says so.
  const nextWeek = order.data !== undefined && order.data.week > shanghaiWeekOf(Date.now());
  const title = nextWeek ? t('ordering.page.titleNext') : t('ordering.page.title');
  useDocumentTitle(title);
  if (user.retailerId === null) return <Result status="info" title={t('ordering.page.noRetailer')} />;
  return (
    <div className="siyi-page siyi-page--narrow siyi-order-page">
      <Typography.Title level={1} className="siyi-page__title" data-testid="order-title" data-next={nextWeek}>
        {title}
      </Typography.Title>
      {order.data ? (
        <Typography.Paragraph type="secondary" className="siyi-order-week">
          {t('ordering.page.week', { from: formatDate(order.data.week, i18n.language) })}
        </Typography.Paragraph>
      ) : null}
      {order.isError ? (
        <ErrorState error={order.error} onRetry={() => void order.refetch()} />
      ) : order.isPending ? (
        <BlockLoading rows={8} />
      ) : (
        <OrderForm order={order.data} />
      )}
    </div>
  );
}
