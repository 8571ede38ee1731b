import type { BusinessFormat, CampaignDetail, CampaignSegmentInput, CreateCampaignBody } from '@siyi/contracts';
import type { FieldPath } from './form-errors';

/** The campaign form's values, flat (one field per control), and their way to and from the API's shapes. */
export type SegmentKind = 'all' | 'rules' | 'retailers';

export interface CampaignValues {
  name: string;
  description: string;
  productIds: number[];
  startsOn: string;
  endsOn: string;
  segmentKind: SegmentKind;
  tierFrom: number | null;
  tierTo: number | null;
  formats: BusinessFormat[];
  districtIds: number[];
  retailerIds: number[];
  introducedSharePct: number | null;
  firstOrders: number | null;
  reorders: number | null;
  reorderWeeks: number | null;
}

export function valuesOf(campaign: CampaignDetail | null): CampaignValues {
  const segment = campaign?.segment ?? null;
  return {
    name: campaign?.name ?? '',
    description: campaign?.description ?? '',
    productIds: campaign?.products.map((p) => p.id) ?? [],
    startsOn: campaign?.startsOn ?? '',
    endsOn: campaign?.endsOn ?? '',
    segmentKind: segment === null ? 'all' : segment.kind,
    tierFrom: segment?.kind === 'rules' ? (segment.tiers?.from ?? null) : null,
    tierTo: segment?.kind === 'rules' ? (segment.tiers?.to ?? null) : null,
    formats: segment?.kind === 'rules' ? segment.formats : [],
    districtIds: segment?.kind === 'rules' ? segment.districtIds : [],
    retailerIds: segment?.kind === 'retailers' ? segment.retailerIds : [],
    introducedSharePct: campaign?.goals.introducedSharePct ?? null,
    firstOrders: campaign?.goals.firstOrders ?? null,
    reorders: campaign?.goals.reorders ?? null,
    reorderWeeks: campaign?.goals.reorderWeeks ?? 4,
  };
}

export function segmentOf(v: CampaignValues): CampaignSegmentInput | null {
  if (v.segmentKind === 'retailers') return { kind: 'retailers', retailerIds: v.retailerIds ?? [] };
  if (v.segmentKind === 'rules') {
    const hasTiers = v.tierFrom != null || v.tierTo != null;
    return {
      kind: 'rules',
      // One end left open means the scale's end (1 or 30).
      tiers: hasTiers ? { from: v.tierFrom ?? 1, to: v.tierTo ?? 30 } : null,
      formats: v.formats ?? [],
      districtIds: v.districtIds ?? [],
    };
  }
  return null;
}

export function bodyOf(v: CampaignValues): CreateCampaignBody {
  return {
    name: v.name ?? '',
    description: v.description ?? '',
    productIds: v.productIds ?? [],
    startsOn: v.startsOn ?? '',
    endsOn: v.endsOn ?? '',
    segment: segmentOf(v),
    goals: {
      introducedSharePct: v.introducedSharePct ?? null,
      firstOrders: v.firstOrders ?? null,
      reorders: v.reorders ?? null,
      ...(v.reorderWeeks != null ? { reorderWeeks: v.reorderWeeks } : {}),
    },
  };
}

/** The server's path of a field ("segment.tiers.to", "goals.firstOrders") as this form's flat field. */
export function toField(path: FieldPath): FieldPath | null {
  const [head, second, third] = path;
  if (head === 'segment') {
    if (second === undefined) return ['segmentKind'];
    if (second === 'tiers') return [third === 'from' ? 'tierFrom' : 'tierTo'];
    if (second === 'kind') return ['segmentKind'];
    return typeof second === 'string' ? [second] : null;
  }
  if (head === 'goals') return typeof second === 'string' ? [second] : null;
  if (head === 'version') return null;
  return typeof head === 'string' ? [head] : null;
}
