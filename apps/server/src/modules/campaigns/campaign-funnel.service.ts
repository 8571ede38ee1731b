import { weekOf } from '@siyi/algorithms';
import {
  type CampaignFunnel,
  type ConsumerResponse,
  consumerResponses,
  type FunnelCounts,
  type FunnelQuery,
  type FunnelRetailerListResponse,
  type FunnelRetailerRow,
  type FunnelRetailersQuery,
  type Locale,
  type PriceAcceptance,
  priceAcceptances,
  type WouldReorder,
  wouldReorderAnswers,
} from '@siyi/contracts';
import { eq, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { retailers } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/can';
import { retailerScope } from '../access/data-scope';
import { escapeCell, xmlSafe } from '../retailer-import/import-columns';
import { countSteps, coverageOverTime, ratio, retailerSteps } from './campaign-funnel';
import * as repo from './campaigns.repository';
import { type CampaignDeps, campaignItems, campaignStatus, shanghaiDate, visibleCampaign } from './campaigns.service';

interface Computed {
  campaign: repo.CampaignRow;
  rows: FunnelRetailerRow[];
  feedback: Awaited<ReturnType<typeof repo.findFeedback>>;
}

/** Everything the funnel says, from the records, for the target retailers in the actor's scope and filters. */
async function compute(
  deps: CampaignDeps,
  actor: Actor,
  campaignId: number,
  query: { districtId?: number | undefined; managerId?: number | undefined },
): Promise<Computed> {
  // The campaign must be visible (404 otherwise): the same rule as its detail.
  const campaign = await visibleCampaign(deps, actor, campaignId);
  const filters: SQL[] = [];
  if (query.districtId !== undefined) filters.push(eq(retailers.districtId, query.districtId));
  if (query.managerId !== undefined) filters.push(eq(retailers.managerId, query.managerId));
  const scope = retailerScope(actor);
  const productIds = (await repo.findCampaignProducts(deps.db, [campaignId])).map((p) => p.id);
  const [targets, introductions, feedback, gifts] = await Promise.all([
    repo.findTargetRetailers(deps.db, campaignId, scope, filters),
    repo.findIntroductions(deps.db, campaignId, scope),
    repo.findFeedback(deps.db, scope, { campaignId }),
    repo.countGiftsPerRetailer(deps.db, campaignId),
  ]);
  const targetIds = new Set(targets.map((t) => t.retailerId));
  const introsOf = new Map<number, typeof introductions>();
  for (const i of introductions) {
    if (!targetIds.has(i.retailerId) || !productIds.includes(i.productId)) continue;
    const list = introsOf.get(i.retailerId);
    if (list) list.push(i);
    else introsOf.set(i.retailerId, [i]);
  }
  const firstIntroWeek = introductions.reduce<string | null>((w, i) => {
    const week = weekOf(i.introducedAt);
    return w === null || week < w ? week : w;
  }, null);
  const orderWeeks =
    firstIntroWeek === null ? [] : await repo.findOrderWeeks(deps.db, [...introsOf.keys()], productIds, firstIntroWeek);
  const reorderWeeks = campaign.goals.reorderWeeks;
  const rows = targets.map((t): FunnelRetailerRow => {
    const own = feedback.filter((f) => f.retailerId === t.retailerId);
    const steps = retailerSteps(
      introsOf.get(t.retailerId) ?? [],
      own,
      orderWeeks.filter((w) => w.retailerId === t.retailerId),
      reorderWeeks,
    );
    return {
      ...t,
      stage: steps.stage,
      introducedAt: steps.introducedAt?.toISOString() ?? null,
      introductionId: steps.introductionId,
      visitId: steps.visitId,
      interestedAt: steps.interestedAt?.toISOString() ?? null,
      interestSource: steps.interestSource,
      firstOrderWeek: steps.firstOrderWeek,
      firstOrderAt: steps.firstOrderAt?.toISOString() ?? null,
      reorderWeek: steps.reorderWeek,
      reorderAt: steps.reorderAt?.toISOString() ?? null,
      giftsIssued: gifts.get(t.retailerId) ?? 0,
      latestWouldReorder: own.at(-1)?.wouldReorder ?? null,
    };
  });
  return { campaign, rows, feedback: feedback.filter((f) => targetIds.has(f.retailerId)) };
}

function group<K>(rows: FunnelRetailerRow[], key: (r: FunnelRetailerRow) => K): Map<K, FunnelRetailerRow[]> {
  const out = new Map<K, FunnelRetailerRow[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
}

const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export async function getFunnel(
  deps: CampaignDeps,
  actor: Actor,
  campaignId: number,
  query: z.infer<typeof FunnelQuery>,
): Promise<CampaignFunnel> {
  return funnelOf(deps, actor, await compute(deps, actor, campaignId, query));
}

async function funnelOf(deps: CampaignDeps, actor: Actor, computed: Computed): Promise<CampaignFunnel> {
  const { campaign, rows, feedback } = computed;
  const now = deps.clock.now();
  const totals = countSteps(rows.map((r) => r.stage));
  const byDistrict = [...group(rows, (r) => r.districtId)].map(([districtId, list]) => ({
    districtId,
    districtName: list[0]?.districtName ?? '',
    ...countSteps(list.map((r) => r.stage)),
  }));
  const byManager = [...group(rows, (r) => `${r.districtId}:${r.managerId ?? ''}`)].map(([, list]) => ({
    managerId: list[0]?.managerId ?? null,
    managerName: list[0]?.managerName ?? null,
    districtId: list[0]?.districtId ?? 0,
    ...countSteps(list.map((r) => r.stage)),
  }));
  // The latest answer per retailer and product counts; the remarks are the latest non-empty ones.
  const latest = new Map<string, (typeof feedback)[number]>();
  for (const f of feedback) latest.set(`${f.retailerId}:${f.productId}`, f);
  const consumerResponse = zeroes<ConsumerResponse>(consumerResponses);
  const priceAcceptance = zeroes<PriceAcceptance>(priceAcceptances);
  const wouldReorder = zeroes<WouldReorder>(wouldReorderAnswers);
  for (const f of latest.values()) {
    consumerResponse[f.consumerResponse] += 1;
    priceAcceptance[f.priceAcceptance] += 1;
    wouldReorder[f.wouldReorder] += 1;
  }
  const remarks = feedback
    .filter((f) => f.qualityRemark !== '')
    .slice(-20)
    .reverse()
    .map((f) => ({
      feedbackId: f.id,
      retailerId: f.retailerId,
      shopName: f.shopName,
      productName: f.productName,
      remark: f.qualityRemark,
      createdAt: f.createdAt.toISOString(),
    }));
  return {
    campaignId: campaign.id,
    name: campaign.name,
    status: campaignStatus(campaign, shanghaiDate(now)),
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    asOf: now.toISOString(),
    goals: campaign.goals,
    totals,
    coverage: ratio(totals.introduced, totals.target),
    reorderRate: ratio(totals.reorder, totals.firstOrder),
    byDistrict,
    byManager,
    coverageOverTime: coverageOverTime(
      campaign.startsOn,
      campaign.endsOn,
      now,
      rows.map((r) => (r.introducedAt ? new Date(r.introducedAt) : null)),
    ),
    feedback: { count: latest.size, consumerResponse, priceAcceptance, wouldReorder, remarks },
    gifts: await campaignItems(deps, actor, campaign.id),
  };
}

/** The retailers behind a funnel figure: those that reached exactly `stage` (or every target retailer). */
export async function listFunnelRetailers(
  deps: CampaignDeps,
  actor: Actor,
  campaignId: number,
  query: z.infer<typeof FunnelRetailersQuery>,
): Promise<FunnelRetailerListResponse> {
  const { rows } = await compute(deps, actor, campaignId, query);
  const matching = query.stage === undefined ? rows : rows.filter((r) => r.stage === query.stage);
  const start = (query.page - 1) * query.pageSize;
  return {
    items: matching.slice(start, start + query.pageSize),
    total: matching.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

const words = {
  'zh-CN': {
    summary: '漏斗',
    retailers: '零售户',
    scope: '范围',
    total: '合计',
    district: '片区',
    manager: '客户经理',
    counts: ['目标零售户', '已推介', '有意向', '首单', '复购'],
    retailerHeaders: [
      '零售户',
      '许可证号',
      '片区',
      '客户经理',
      '档位',
      '阶段',
      '推介时间',
      '意向时间',
      '意向来源',
      '首单周',
      '首单时间',
      '复购周',
      '复购时间',
      '礼品数',
      '是否再订',
    ],
    stages: { target: '未推介', introduced: '已推介', interested: '有意向', first_order: '首单', reorder: '复购' },
    sources: { reaction: '推介反应', feedback: '零售户反馈', order: '订单' },
    reorder: { yes: '会', unsure: '不确定', no: '不会' },
    unassigned: '未分配',
  },
  en: {
    summary: 'Funnel',
    retailers: 'Retailers',
    scope: 'Scope',
    total: 'Total',
    district: 'District',
    manager: 'Manager',
    counts: ['Target', 'Introduced', 'Interested', 'First order', 'Reorder'],
    retailerHeaders: [
      'Retailer',
      'Licence no.',
      'District',
      'Manager',
      'Tier',
      'Stage',
      'Introduced at',
      'Interested at',
      'Interest shown by',
      'First order week',
      'First order at',
      'Reorder week',
      'Reorder at',
      'Gifts',
      'Would reorder',
    ],
    stages: {
      target: 'Not introduced',
      introduced: 'Introduced',
      interested: 'Interested',
      first_order: 'First order',
      reorder: 'Reorder',
    },
    sources: { reaction: 'Reaction', feedback: 'Feedback', order: 'Order' },
    reorder: { yes: 'Yes', unsure: 'Unsure', no: 'No' },
    unassigned: 'Unassigned',
  },
} as const;

const cell = (v: string | number | null): string | number => xmlSafe(escapeCell(v ?? ''));
/** An instant as Shanghai wall time, `YYYY-MM-DD HH:mm` (what a reader of the sheet expects). */
const shanghaiTime = (iso: string | null): string =>
  iso === null ? '' : new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const stageOrder: Record<FunnelRetailerRow['stage'], number> = {
  reorder: 0,
  first_order: 1,
  interested: 2,
  introduced: 3,
  target: 4,
};
const countCells = (c: FunnelCounts) => [c.target, c.introduced, c.interested, c.firstOrder, c.reorder];

/** The funnel as a workbook: the counts (total, per district, per manager) and one row per target retailer. */
export async function exportFunnel(
  deps: CampaignDeps,
  actor: Actor,
  campaignId: number,
  query: z.infer<typeof FunnelQuery>,
  locale: Locale,
): Promise<{ fileName: string; body: Buffer }> {
  assertCan(actor, 'campaign.export');
  const computed = await compute(deps, actor, campaignId, query);
  const funnel = await funnelOf(deps, actor, computed);
  const { rows } = computed;
  const w = words[locale];
  const workbook = new ExcelJS.Workbook();
  const summary = workbook.addWorksheet(w.summary);
  summary.addRow([w.scope, '', ...w.counts]);
  summary.addRow([w.total, '', ...countCells(funnel.totals)]);
  for (const d of funnel.byDistrict) summary.addRow([w.district, cell(d.districtName), ...countCells(d)]);
  for (const m of funnel.byManager) {
    summary.addRow([w.manager, cell(m.managerName ?? w.unassigned), ...countCells(m)]);
  }
  const sheet = workbook.addWorksheet(w.retailers);
  sheet.addRow(w.retailerHeaders);
  // The furthest along first, then by district and shop (the order they were read in).
  const ordered = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => stageOrder[a.r.stage] - stageOrder[b.r.stage] || a.i - b.i)
    .map(({ r }) => r);
  for (const r of ordered) {
    sheet.addRow([
      cell(r.shopName),
      cell(r.licenceNo),
      cell(r.districtName),
      cell(r.managerName ?? w.unassigned),
      r.tier,
      w.stages[r.stage],
      shanghaiTime(r.introducedAt),
      shanghaiTime(r.interestedAt),
      r.interestSource ? w.sources[r.interestSource] : '',
      cell(r.firstOrderWeek),
      shanghaiTime(r.firstOrderAt),
      cell(r.reorderWeek),
      shanghaiTime(r.reorderAt),
      r.giftsIssued,
      r.latestWouldReorder ? w.reorder[r.latestWouldReorder] : '',
    ]);
  }
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  const stamp = deps.clock.now().toISOString().slice(0, 10);
  const base = locale === 'en' ? `campaign-${campaignId}-funnel-${stamp}` : `活动${campaignId}-漏斗-${stamp}`;
  if (body.length === 0) throw new AppError('INTERNAL');
  return { fileName: `${base}.xlsx`, body };
}
