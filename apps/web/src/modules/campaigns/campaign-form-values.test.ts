import type { CampaignDetail } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import { bodyOf, toField, valuesOf } from './campaign-form-values';

const blank = valuesOf(null);

describe('the campaign form and the API', () => {
  it('sends no segment for every retailer, and the goals as typed', () => {
    const body = bodyOf({
      ...blank,
      name: '细支新品',
      productIds: [4],
      startsOn: '2026-12-01',
      endsOn: '2026-12-31',
      firstOrders: 20,
    });
    expect(body.segment).toBeNull();
    expect(body.goals).toEqual({ introducedSharePct: null, firstOrders: 20, reorders: null, reorderWeeks: 4 });
  });

  it('sends rules with an open tier end as the scale end, and an empty rule set as it is (the server refuses it)', () => {
    expect(bodyOf({ ...blank, segmentKind: 'rules', tierFrom: 10, districtIds: [3] }).segment).toEqual({
      kind: 'rules',
      tiers: { from: 10, to: 30 },
      formats: [],
      districtIds: [3],
    });
    expect(bodyOf({ ...blank, segmentKind: 'rules' }).segment).toEqual({
      kind: 'rules',
      tiers: null,
      formats: [],
      districtIds: [],
    });
    expect(bodyOf({ ...blank, segmentKind: 'retailers', retailerIds: [7, 8] }).segment).toEqual({
      kind: 'retailers',
      retailerIds: [7, 8],
    });
  });

  it('reads a saved campaign back into the form', () => {
    const saved = {
      name: '细支新品',
      description: '',
      products: [{ id: 4 }, { id: 21 }],
      startsOn: '2026-11-09',
      endsOn: '2027-01-13',
      segment: { kind: 'rules', tiers: { from: 5, to: 12 }, formats: ['grocery'], districtIds: [] },
      goals: { introducedSharePct: 60, firstOrders: null, reorders: 10, reorderWeeks: 6 },
    } as unknown as CampaignDetail;
    expect(valuesOf(saved)).toMatchObject({
      productIds: [4, 21],
      segmentKind: 'rules',
      tierFrom: 5,
      tierTo: 12,
      formats: ['grocery'],
      introducedSharePct: 60,
      reorders: 10,
      reorderWeeks: 6,
    });
  });

  it('puts each server message on the field that shows it', () => {
    expect(toField(['segment'])).toEqual(['segmentKind']);
    expect(toField(['segment', 'tiers', 'from'])).toEqual(['tierFrom']);
    expect(toField(['segment', 'tiers', 'to'])).toEqual(['tierTo']);
    expect(toField(['segment', 'formats', 1])).toEqual(['formats']);
    expect(toField(['segment', 'retailerIds', 0])).toEqual(['retailerIds']);
    expect(toField(['goals', 'reorderWeeks'])).toEqual(['reorderWeeks']);
    expect(toField(['productIds', 2])).toEqual(['productIds']);
    expect(toField(['endsOn'])).toEqual(['endsOn']);
    expect(toField(['version'])).toBeNull();
  });
});
