import type { RetailerProfile } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import {
  changedValues,
  fieldsChangedBetween,
  mergedValues,
  shanghaiToday,
  toFormValues,
  toPatch,
} from './profile-form-values';

const profile = {
  id: 7,
  licenceNo: '411002500001',
  shopName: '红星便利店',
  ownerName: '张三',
  phone: '13700000001',
  address: '许昌市东城区1号',
  businessFormat: 'convenience',
  tier: 10,
  status: 'active',
  districtId: 1,
  managerId: 2,
  managerName: '李四',
  orderWeekday: 2,
  countyCode: '411002',
  countyName: '魏都区',
  townCode: null,
  lat: 34.02,
  lng: 113.82,
  opensAt: 480,
  closesAt: 1260,
  districtName: '一片区',
  managerPhone: null,
  tierHistory: [],
  businessScope: '卷烟零售',
  orderMethod: 'online',
  orderFrequency: 'weekly',
  visitBatch: null,
  closedWeekdays: [],
  licenceType: 'regular',
  licenceValidFrom: '2022-01-01',
  licenceValidTo: null,
  licenceDaysLeft: null,
  licenceState: 'unknown',
  creditGrade: null,
  isModelShop: false,
  minorsNoticePosted: true,
  nearSchool: false,
  otherContacts: [],
  bestVisitFrom: null,
  bestVisitTo: null,
  notes: '',
  version: 3,
  updatedAt: '2026-11-26T02:00:00.000Z',
  canEdit: true,
} satisfies RetailerProfile;

describe('profile form values', () => {
  it('round-trips a record without changes', () => {
    expect(changedValues(profile, toFormValues(profile))).toEqual({});
    expect(toPatch(profile, toFormValues(profile))).toEqual({ version: 3 });
  });

  it('sends only what changed, as API values', () => {
    const values = {
      ...toFormValues(profile),
      opensAt: '07:30',
      bestVisitFrom: '09:00',
      bestVisitTo: '11:00',
      licenceValidTo: '2027-01-01',
      closedWeekdays: [7, 6],
      visitBatch: 3,
    };
    expect(toPatch(profile, values)).toEqual({
      version: 3,
      opensAt: 450,
      bestVisitFrom: 540,
      bestVisitTo: 660,
      licenceValidTo: '2027-01-01',
      closedWeekdays: [6, 7],
      visitBatch: 3,
    });
    expect(mergedValues(profile, { opensAt: 450 })).toMatchObject({ opensAt: 450, closesAt: 1260, lat: 34.02 });
  });

  it('names the fields another person changed', () => {
    expect(fieldsChangedBetween(profile, { ...profile, phone: '13900000000', version: 4 })).toEqual(['phone']);
  });

  it('takes today in Shanghai', () => {
    expect(shanghaiToday(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
  });
});
