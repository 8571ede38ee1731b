import '@/modules/campaigns/campaigns.messages';
import { ArrowLeftOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import {
  type CampaignFunnel,
  type FunnelCounts,
  type FunnelQuery,
  type FunnelRetailerRow,
  type FunnelStage,
  funnelStages,
} from '@siyi/contracts';
import { Alert, Button, Card, Modal, Select, Statistic, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '@/modules/auth/session';
import { useChartWords } from '@/modules/dashboard/dashboard-charts';
import { Chart } from '@/ui/chart';
import type { ChartSpec } from '@/ui/chart-options';
import { formatCount, formatDate, formatDateTime } from '@/ui/format';
import { LinkButton } from '@/ui/link-button';
import { type ResponsiveColumn, ResponsiveTable } from '@/ui/responsive-table';
import { BlockLoading, EmptyState, NotFoundState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { useIsPhone } from '@/ui/use-media-query';
import { CampaignPeriod, CampaignQuery, CampaignStatusTag, Choice } from './campaign-ui';
import { FUNNEL_LIST_PAGE, funnelExportHref, useFunnel, useFunnelRetailers } from './campaigns.api';
import './campaigns.css';
import { byCodePoint } from '@/ui/sort';

const COUNT_OF: Record<FunnelStage, keyof FunnelCounts> = {
  target: 'target',
  introduced: 'introduced',
  interested: 'interested',
  first_order: 'firstOrder',
  reorder: 'reorder',
};

/**
 * The steps drawn as bars: the target (often thousands) stays a figure above, so the later steps (tens) are not
 * flattened against it.
 */
const CHART_STAGES = funnelStages.filter((s) => s !== 'target');

/** What a bar opens: the retailers of one step, in one district or of one manager (or the whole scope). */
interface Drill {
  stage: FunnelStage;
  /** "区县 A" / "manager3" / the campaign's name. */
  group: string;
  query: FunnelQuery;
}

function parseId(raw: string | undefined | null): number | null {
  if (!raw || !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}

function usePercent() {
  const { t } = useTranslation();
  return (share: number | null) =>
    share === null
      ? t('campaigns.common.none')
      : t('campaigns.common.percent', { value: Math.round(share * 1000) / 10 });
}

/** The five steps as buttons with their counts, and as bars; each opens its retailers. */
function FunnelCard({ funnel, onOpen }: { funnel: CampaignFunnel; onOpen: (stage: FunnelStage) => void }) {
  const { t, i18n } = useTranslation();
  const words = useChartWords();
  const isPhone = useIsPhone();
  const spec = useMemo(
    (): ChartSpec => ({
      kind: 'bars',
      categories: CHART_STAGES.map((s) => t(`campaigns.dashboard.steps.${s}`)),
      values: CHART_STAGES.map((s) => funnel.totals[COUNT_OF[s]]),
      name: t('campaigns.dashboard.stepAxis'),
      format: (value) => t('campaigns.common.retailers', { value: formatCount(value, i18n.language) }),
      categoryTitle: t('campaigns.dashboard.step'),
      valueAxis: { title: t('campaigns.dashboard.stepAxis'), kind: 'count' },
      words,
      horizontal: true,
    }),
    [funnel.totals, t, i18n.language, words],
  );
  const hint = isPhone ? t('campaigns.dashboard.barsHintPhone') : t('campaigns.dashboard.barsHint');
  return (
    <Card title={t('campaigns.dashboard.funnel')}>
      <Typography.Paragraph type="secondary">{t('campaigns.dashboard.funnelIntro')}</Typography.Paragraph>
      <div className="siyi-funnel-steps" data-testid="funnel-steps">
        {funnelStages.map((s) => {
          const value = funnel.totals[COUNT_OF[s]];
          return (
            <button
              key={s}
              type="button"
              className="siyi-funnel-step"
              disabled={value === 0}
              onClick={() => onOpen(s)}
              data-testid="funnel-step"
              data-stage={s}
              data-count={value}
            >
              <span className="siyi-funnel-step__count">{formatCount(value, i18n.language)}</span>
              <span className="siyi-funnel-step__label">{t(`campaigns.dashboard.steps.${s}`)}</span>
            </button>
          );
        })}
      </div>
      {funnel.totals.introduced === 0 ? (
        <EmptyState description={t('campaigns.dashboard.noIntroductions')} />
      ) : (
        <div style={{ marginTop: 16 }} data-testid="funnel-chart">
          <Chart
            spec={spec}
            label={`${t('campaigns.dashboard.funnelChart')}. ${hint}`}
            locale={i18n.language}
            height={260}
            onOpen={(index) => {
              const stage = CHART_STAGES[index];
              if (stage && funnel.totals[COUNT_OF[stage]] > 0) onOpen(stage);
            }}
            openHint={t('campaigns.dashboard.openHint')}
          />
          <Typography.Text type="secondary">{hint}</Typography.Text>
        </div>
      )}
    </Card>
  );
}

interface GroupRow extends FunnelCounts {
  id: number | null;
  name: string;
  query: FunnelQuery;
}

/** One step's retailers per district or per manager, as horizontal bars that open the retailers behind them. */
function GroupCard({
  title,
  groupWord,
  rows,
  onOpen,
  testId,
}: {
  title: string;
  /** 区县 / 客户经理, in the chart's title. */
  groupWord: string;
  rows: readonly GroupRow[];
  onOpen: (drill: Drill) => void;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const words = useChartWords();
  const isPhone = useIsPhone();
  const [stage, setStage] = useState<FunnelStage>('introduced');
  const stepName = t(`campaigns.dashboard.steps.${stage}`);
  const spec = useMemo(
    (): ChartSpec => ({
      kind: 'bars',
      categories: rows.map((r) => r.name),
      values: rows.map((r) => r[COUNT_OF[stage]]),
      name: stepName,
      format: (value) => t('campaigns.common.retailers', { value: formatCount(value, i18n.language) }),
      categoryTitle: groupWord,
      valueAxis: { title: t('campaigns.dashboard.stepAxis'), kind: 'count' },
      words,
      horizontal: true,
    }),
    [rows, stage, stepName, groupWord, t, i18n.language, words],
  );
  const hint = isPhone ? t('campaigns.dashboard.barsHintPhone') : t('campaigns.dashboard.barsHint');
  const open = (index: number) => {
    const row = rows[index];
    if (row && row.id !== null && row[COUNT_OF[stage]] > 0) onOpen({ stage, group: row.name, query: row.query });
  };
  return (
    <Card title={title} data-testid={testId}>
      {/* Buttons that wrap: five step names never get cut short on a phone or in large type. */}
      <Choice<FunnelStage>
        value={stage}
        onChange={setStage}
        label={t('campaigns.dashboard.step')}
        testId={`${testId}-step`}
        options={funnelStages.map((s) => ({ value: s, label: t(`campaigns.dashboard.steps.${s}`) }))}
      />
      {rows.every((r) => r[COUNT_OF[stage]] === 0) ? (
        <EmptyState description={t('campaigns.dashboard.noStep', { step: stepName })} />
      ) : (
        <div style={{ marginTop: 12 }}>
          <Chart
            spec={spec}
            label={`${t('campaigns.dashboard.stepChart', { step: stepName, group: groupWord })}. ${hint}`}
            locale={i18n.language}
            height={Math.max(200, 80 + rows.length * 36)}
            onOpen={open}
            openHint={t('campaigns.dashboard.openHint')}
          />
          <Typography.Text type="secondary">{hint}</Typography.Text>
        </div>
      )}
    </Card>
  );
}

function CoverageCard({ funnel }: { funnel: CampaignFunnel }) {
  const { t, i18n } = useTranslation();
  const words = useChartWords();
  const spec = useMemo((): ChartSpec => {
    const weeks = [...funnel.coverageOverTime].sort((a, b) => byCodePoint(a.week, b.week));
    return {
      kind: 'weekly',
      weeks: weeks.map((w) => w.week),
      series: [
        {
          name: t('campaigns.dashboard.steps.introduced'),
          data: weeks.map((w) => w.introduced),
          type: 'bar',
          axis: 0,
          format: (value) => t('campaigns.common.retailers', { value: formatCount(value, i18n.language) }),
        },
        {
          name: t('campaigns.dashboard.introducedPct'),
          data: weeks.map((w) => (w.coverage === null ? 0 : Math.round(w.coverage * 1000) / 10)),
          type: 'line',
          axis: 1,
          format: (value) => t('campaigns.common.percent', { value }),
        },
      ],
      axes: [
        { title: t('campaigns.dashboard.stepAxis'), kind: 'count' },
        { title: t('campaigns.dashboard.coverageAxis'), kind: 'count' },
      ],
      weekTitle: t('campaigns.dashboard.week'),
      words,
      legend: true,
    };
  }, [funnel.coverageOverTime, t, i18n.language, words]);
  return (
    <Card title={t('campaigns.dashboard.coverage')} data-testid="coverage-card">
      {funnel.coverageOverTime.every((w) => w.introduced === 0) ? (
        <EmptyState description={t('campaigns.dashboard.noData')} />
      ) : (
        <Chart spec={spec} label={t('campaigns.dashboard.coverageChart')} locale={i18n.language} height={300} />
      )}
    </Card>
  );
}

function Headline({ funnel }: { funnel: CampaignFunnel }) {
  const { t, i18n } = useTranslation();
  const percent = usePercent();
  const n = (value: number) => formatCount(value, i18n.language);
  const goal = (value: string | null) =>
    value === null ? null : <div className="siyi-kpi-note">{t('campaigns.dashboard.goal', { value })}</div>;
  const goals = funnel.goals;
  return (
    <div className="siyi-grid siyi-grid--kpi" data-testid="campaign-kpis">
      <Card size="small">
        <Statistic title={t('campaigns.dashboard.introducedPct')} value={percent(funnel.coverage)} />
        {goal(
          goals.introducedSharePct === null ? null : t('campaigns.common.percent', { value: goals.introducedSharePct }),
        )}
      </Card>
      <Card size="small">
        <Statistic title={t('campaigns.dashboard.steps.first_order')} value={n(funnel.totals.firstOrder)} />
        {goal(goals.firstOrders === null ? null : n(goals.firstOrders))}
      </Card>
      <Card size="small">
        <Statistic title={t('campaigns.dashboard.steps.reorder')} value={n(funnel.totals.reorder)} />
        {goal(goals.reorders === null ? null : n(goals.reorders))}
      </Card>
      <Card size="small">
        <Statistic title={t('campaigns.dashboard.reorderRate')} value={percent(funnel.reorderRate)} />
        <div className="siyi-kpi-note">{t('campaigns.dashboard.reorderRateNote', { weeks: goals.reorderWeeks })}</div>
      </Card>
    </div>
  );
}

function Bars<K extends string>({
  title,
  counts,
  order,
  word,
}: {
  title: string;
  counts: Partial<Record<K, number>>;
  order: readonly K[];
  word: (key: K) => string;
}) {
  const { i18n } = useTranslation();
  const total = order.reduce((sum, k) => sum + (counts[k] ?? 0), 0);
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      {order.map((k) => {
        const value = counts[k] ?? 0;
        const share = total > 0 ? value / total : 0;
        return (
          <div key={k} className="siyi-feedback-bar__row" data-answer={k} data-count={value}>
            <span>{word(k)}</span>
            <span className="siyi-feedback-bar__track" aria-hidden="true">
              <span
                className="siyi-feedback-bar__fill"
                style={{ width: `${Math.round(share * 100)}%`, display: 'block' }}
              />
            </span>
            <span>{formatCount(value, i18n.language)}</span>
          </div>
        );
      })}
    </div>
  );
}

function FeedbackCard({ funnel }: { funnel: CampaignFunnel }) {
  const { t, i18n } = useTranslation();
  const feedback = funnel.feedback;
  return (
    <Card
      title={t('campaigns.dashboard.feedback')}
      extra={
        <Typography.Text type="secondary">
          {t('campaigns.dashboard.feedbackCount', { count: feedback.count })}
        </Typography.Text>
      }
      data-testid="feedback-card"
    >
      {feedback.count === 0 ? (
        <EmptyState description={t('campaigns.dashboard.noFeedback')} />
      ) : (
        <div className="siyi-feedback-bars">
          <Bars
            title={t('campaigns.shop.consumerResponse')}
            counts={feedback.consumerResponse}
            order={['good', 'fair', 'poor'] as const}
            word={(k) => t(`campaigns.shop.consumerResponses.${k}`)}
          />
          <Bars
            title={t('campaigns.shop.priceAcceptance')}
            counts={feedback.priceAcceptance}
            order={['accepted', 'too_high', 'too_low'] as const}
            word={(k) => t(`campaigns.shop.priceAcceptances.${k}`)}
          />
          <Bars
            title={t('campaigns.shop.wouldReorder')}
            counts={feedback.wouldReorder}
            order={['yes', 'unsure', 'no'] as const}
            word={(k) => t(`campaigns.shop.wouldReorders.${k}`)}
          />
          {feedback.remarks.length > 0 ? (
            <div>
              <Typography.Text strong>{t('campaigns.dashboard.remarks')}</Typography.Text>
              <ul className="siyi-remarks">
                {feedback.remarks.map((r) => (
                  <li key={r.feedbackId}>
                    “{r.remark}” — <Link to={`/retailers/${r.retailerId}`}>{r.shopName}</Link>
                    {' · '}
                    {r.productName} · {formatDateTime(r.createdAt, i18n.language)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      )}
    </Card>
  );
}

function GiftsCard({ funnel }: { funnel: CampaignFunnel }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatCount(value, i18n.language);
  const columns: ResponsiveColumn<CampaignFunnel['gifts'][number]>[] = [
    {
      key: 'name',
      title: t('campaigns.edit.itemName'),
      render: (_v, g) => (
        <span>
          <Typography.Text strong>{g.name}</Typography.Text> <Tag>{t(`campaigns.edit.itemKinds.${g.kind}`)}</Tag>
        </span>
      ),
    },
    { key: 'assigned', title: t('campaigns.dashboard.giftStock'), align: 'right', render: (_v, g) => n(g.assigned) },
    { key: 'issued', title: t('campaigns.dashboard.giftIssued'), align: 'right', render: (_v, g) => n(g.issued) },
    {
      key: 'confirmed',
      title: t('campaigns.dashboard.giftConfirmed'),
      align: 'right',
      render: (_v, g) => n(g.confirmed),
    },
    { key: 'available', title: t('campaigns.dashboard.giftLeft'), align: 'right', render: (_v, g) => n(g.available) },
  ];
  return (
    <Card title={t('campaigns.dashboard.gifts')} data-testid="gifts-card">
      {funnel.gifts.length === 0 ? (
        <EmptyState description={t('campaigns.dashboard.noGifts')} />
      ) : (
        <ResponsiveTable
          columns={columns}
          rows={funnel.gifts}
          rowKey={(g) => g.id}
          label={t('campaigns.dashboard.gifts')}
        />
      )}
    </Card>
  );
}

/** The retailers behind a bar, each with the time of every step it reached (from its records). */
function DrillDialog({ campaignId, drill, onClose }: { campaignId: number; drill: Drill; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lists = useFunnelRetailers(campaignId, drill.stage, drill.query, funnelStages);
  const none = t('campaigns.common.none');
  const at = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : none);
  const rows = useMemo(() => {
    const seen = new Map<number, FunnelRetailerRow>();
    for (const list of lists) for (const r of list.data?.items ?? []) seen.set(r.retailerId, r);
    return [...seen.values()].sort((a, b) => a.shopName.localeCompare(b.shopName, i18n.language));
  }, [lists, i18n.language]);
  const pending = lists.some((l) => l.isPending);
  const failed = lists.find((l) => l.isError);
  const truncated = lists.some((l) => (l.data?.total ?? 0) > (l.data?.items.length ?? 0));
  const title = t('campaigns.dashboard.listTitle', {
    group: drill.group,
    step: t(`campaigns.dashboard.steps.${drill.stage}`),
  });
  const columns: ResponsiveColumn<FunnelRetailerRow>[] = [
    {
      key: 'shop',
      title: t('campaigns.common.retailer'),
      render: (_v, r) => (
        <Link to={`/retailers/${r.retailerId}`} data-testid="funnel-retailer" data-retailer-id={r.retailerId}>
          {r.shopName}
        </Link>
      ),
    },
    {
      key: 'stage',
      title: t('campaigns.dashboard.stage'),
      render: (_v, r) => (
        <Tag color={r.stage === 'target' ? 'default' : 'green'} data-stage={r.stage}>
          {t(`campaigns.dashboard.steps.${r.stage}`)}
        </Tag>
      ),
    },
    {
      key: 'manager',
      title: t('campaigns.common.manager'),
      render: (_v, r) => r.managerName ?? t('campaigns.dashboard.unassigned'),
    },
    { key: 'introducedAt', title: t('campaigns.dashboard.introducedAt'), render: (_v, r) => at(r.introducedAt) },
    {
      key: 'interestedAt',
      title: t('campaigns.dashboard.interestedAt'),
      render: (_v, r) =>
        r.interestedAt
          ? `${at(r.interestedAt)}${r.interestSource ? ` (${t(`campaigns.dashboard.sources.${r.interestSource}`)})` : ''}`
          : none,
    },
    {
      key: 'firstOrder',
      title: t('campaigns.dashboard.firstOrderAt'),
      render: (_v, r) =>
        r.firstOrderAt ? at(r.firstOrderAt) : r.firstOrderWeek ? formatDate(r.firstOrderWeek, i18n.language) : none,
    },
    {
      key: 'reorder',
      title: t('campaigns.dashboard.reorderAt'),
      render: (_v, r) =>
        r.reorderAt ? at(r.reorderAt) : r.reorderWeek ? formatDate(r.reorderWeek, i18n.language) : none,
    },
  ];
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      footer={null}
      width={960}
      className="siyi-funnel-modal"
      data-testid="funnel-list"
    >
      {failed ? (
        <Alert type="error" showIcon message={failed.error?.message} />
      ) : pending ? (
        <BlockLoading rows={6} />
      ) : rows.length === 0 ? (
        <EmptyState description={t('campaigns.dashboard.listEmpty')} />
      ) : (
        <div data-testid="funnel-retailers">
          {truncated ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('campaigns.dashboard.truncated', { count: FUNNEL_LIST_PAGE })}
            />
          ) : null}
          <ResponsiveTable columns={columns} rows={rows} rowKey={(r) => r.retailerId} label={title} />
        </div>
      )}
    </Modal>
  );
}

function DashboardView({
  campaignId,
  funnel,
  query,
  districts,
}: {
  campaignId: number;
  funnel: CampaignFunnel;
  query: FunnelQuery;
  districts: readonly { id: number; name: string }[];
}) {
  const { t } = useTranslation();
  const [drill, setDrill] = useState<Drill | null>(null);
  const scopeName =
    (query.managerId && funnel.byManager.find((m) => m.managerId === query.managerId)?.managerName) ||
    (query.districtId && districts.find((d) => d.id === query.districtId)?.name) ||
    funnel.name;
  const districtRows: GroupRow[] = funnel.byDistrict.map((d) => ({
    ...d,
    id: d.districtId,
    name: d.districtName,
    query: { districtId: d.districtId },
  }));
  const managerRows: GroupRow[] = funnel.byManager.map((m) => ({
    ...m,
    id: m.managerId,
    name: m.managerName ?? t('campaigns.dashboard.unassigned'),
    query: m.managerId === null ? { districtId: m.districtId } : { managerId: m.managerId },
  }));
  return (
    <>
      <Headline funnel={funnel} />
      <FunnelCard funnel={funnel} onOpen={(stage) => setDrill({ stage, group: scopeName, query })} />
      {districtRows.length > 1 ? (
        <GroupCard
          title={t('campaigns.dashboard.byDistrict')}
          groupWord={t('campaigns.common.district')}
          rows={districtRows}
          onOpen={setDrill}
          testId="funnel-by-district"
        />
      ) : null}
      {/* One manager (a manager's own page, a chosen manager) has nothing to compare. */}
      {query.managerId === undefined && managerRows.length > 1 ? (
        <GroupCard
          title={t('campaigns.dashboard.byManager')}
          groupWord={t('campaigns.common.manager')}
          rows={managerRows}
          onOpen={setDrill}
          testId="funnel-by-manager"
        />
      ) : null}
      <CoverageCard funnel={funnel} />
      <div className="siyi-grid siyi-grid--charts">
        <FeedbackCard funnel={funnel} />
        <GiftsCard funnel={funnel} />
      </div>
      {drill ? <DrillDialog campaignId={campaignId} drill={drill} onClose={() => setDrill(null)} /> : null}
    </>
  );
}

/**
 * `/campaigns/:id`: the campaign's dashboard — the funnel from records (target → introduced → interested → first
 * order → reorder) for the whole scope, by district and by manager, coverage over time, the reorder rate, the
 * retailers' feedback, gifts given against stock; every bar opens its retailers; the funnel exports to Excel.
 */
export function CampaignDashboardPage() {
  const { t, i18n } = useTranslation();
  const { role } = useCurrentUser();
  const id = parseId(useParams().id);
  const [search, setSearch] = useSearchParams();
  const districtId = parseId(search.get('districtId')) ?? undefined;
  const managerId = parseId(search.get('managerId')) ?? undefined;
  const query: FunnelQuery = { ...(districtId ? { districtId } : {}), ...(managerId ? { managerId } : {}) };
  const funnel = useFunnel(id, query);
  // The choices come from the whole scope (the same query when nothing is chosen).
  const whole = useFunnel(id, {});
  const inDistrict = useFunnel(id, districtId ? { districtId } : {});
  useDocumentTitle(funnel.data?.name ?? t('campaigns.dashboard.titleFallback'));
  const set = (changes: Record<string, number | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, String(value));
      else next.delete(name);
    }
    setSearch(next, { replace: true });
  };
  const districts = (whole.data?.byDistrict ?? []).map((d) => ({ id: d.districtId, name: d.districtName }));
  const managers = (inDistrict.data?.byManager ?? []).filter((m) => m.managerId !== null);
  const notFound = (
    <NotFoundState
      headingLevel={1}
      body={t('campaigns.dashboard.notFound')}
      backTo="/campaigns"
      backLabel={t('campaigns.list.title')}
    />
  );
  if (id === null) return notFound;
  const data = funnel.data;
  return (
    <div className="siyi-page" data-testid="campaign-dashboard">
      <div>
        <LinkButton type="link" icon={<ArrowLeftOutlined />} to="/campaigns" style={{ paddingInline: 0 }}>
          {t('campaigns.list.title')}
        </LinkButton>
      </div>
      <div className="siyi-page__head">
        <Typography.Title level={1} className="siyi-page__title">
          {data?.name ?? t('campaigns.dashboard.titleFallback')}
        </Typography.Title>
        {data ? (
          <div className="siyi-campaign-actions">
            <CampaignStatusTag status={data.status} />
            <CampaignPeriod startsOn={data.startsOn} endsOn={data.endsOn} />
          </div>
        ) : null}
      </div>
      <div className="siyi-visit-filters siyi-campaign-actions">
        {districts.length > 1 ? (
          <Select
            size="large"
            value={districtId ?? 0}
            onChange={(value: number) => set({ districtId: value || undefined, managerId: undefined })}
            aria-label={t('campaigns.common.district')}
            data-testid="campaign-district"
            style={{ minWidth: 180 }}
            options={[
              { value: 0, label: t('campaigns.dashboard.allDistricts') },
              ...districts.map((d) => ({ value: d.id, label: d.name })),
            ]}
          />
        ) : null}
        {role !== 'manager' && managers.length > 0 ? (
          <Select
            size="large"
            value={managerId ?? 0}
            onChange={(value: number) => set({ managerId: value || undefined })}
            aria-label={t('campaigns.common.manager')}
            data-testid="campaign-manager"
            style={{ minWidth: 180 }}
            showSearch
            optionFilterProp="label"
            options={[
              { value: 0, label: t('campaigns.dashboard.allManagers') },
              ...managers.map((m) => ({ value: m.managerId ?? 0, label: m.managerName ?? '' })),
            ]}
          />
        ) : null}
        {role !== 'manager' ? (
          <Button
            href={funnelExportHref(id, query, i18n.language === 'en' ? 'en' : 'zh-CN')}
            icon={<DownloadOutlined aria-hidden />}
            data-testid="campaign-export"
          >
            {t('campaigns.dashboard.export')}
          </Button>
        ) : null}
        {role === 'admin' ? (
          <LinkButton to={`/campaigns/${id}/edit`} icon={<EditOutlined aria-hidden />}>
            {t('campaigns.list.edit')}
          </LinkButton>
        ) : null}
      </div>
      <CampaignQuery query={funnel} notFound={notFound} loading={<BlockLoading rows={12} />}>
        {(f) => <DashboardView campaignId={id} funnel={f} query={query} districts={districts} />}
      </CampaignQuery>
    </div>
  );
}
