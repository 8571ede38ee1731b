import { describe, expect, it } from 'vitest';
import type { Actor } from './actor';
import { assertCan, can, rolesThatMay } from './can';

const admin: Actor = { id: 1, role: 'admin', orgUnitId: 100, retailerId: null };
const supervisorA: Actor = { id: 2, role: 'supervisor', orgUnitId: 10, retailerId: null };
const managerA1: Actor = { id: 3, role: 'manager', orgUnitId: 10, retailerId: null };
const managerA2: Actor = { id: 4, role: 'manager', orgUnitId: 10, retailerId: null };
const retailer7: Actor = { id: 5, role: 'retailer', orgUnitId: 10, retailerId: 7 };
const shop = { districtId: 10, managerId: 3, retailerId: 7 };
const otherDistrictShop = { districtId: 20, managerId: 9, retailerId: 8 };

describe('can', () => {
  it('lets the responsible staff update a retailer and nobody else', () => {
    expect(can(admin, 'retailer.update', shop)).toBe(true);
    expect(can(supervisorA, 'retailer.update', shop)).toBe(true);
    expect(can(supervisorA, 'retailer.update', otherDistrictShop)).toBe(false);
    expect(can(managerA1, 'retailer.update', shop)).toBe(true);
    expect(can(managerA2, 'retailer.update', shop)).toBe(false);
    expect(can(retailer7, 'retailer.update', shop)).toBe(false);
  });

  it('lets only the retailer itself request a change to its record', () => {
    expect(can(retailer7, 'retailer.requestChange', shop)).toBe(true);
    expect(can(retailer7, 'retailer.requestChange', otherDistrictShop)).toBe(false);
    expect(can(managerA1, 'retailer.requestChange', shop)).toBe(false);
  });

  it('keeps reassignment to admins and the district supervisor', () => {
    expect(can(admin, 'retailer.reassign', otherDistrictShop)).toBe(true);
    expect(can(supervisorA, 'retailer.reassign', shop)).toBe(true);
    expect(can(supervisorA, 'retailer.reassign', otherDistrictShop)).toBe(false);
    expect(can(managerA1, 'retailer.reassign', shop)).toBe(false);
  });

  it('keeps the timeline, change history and concerns heard to staff; a retailer reads its own profile only', () => {
    expect(can(retailer7, 'retailer.read', shop)).toBe(true);
    expect(can(retailer7, 'retailer.readInternal', shop)).toBe(false);
    expect(can(managerA2, 'retailer.readInternal', shop)).toBe(true);
    expect(rolesThatMay('retailer.readInternal')).toEqual(['admin', 'supervisor', 'manager']);
    expect(can(managerA1, 'retailer.note', shop)).toBe(true);
    expect(can(managerA2, 'retailer.note', shop)).toBe(false);
  });

  it('answers 403 through assertCan', () => {
    expect(() => assertCan(managerA2, 'retailer.update', shop)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => assertCan(managerA1, 'retailer.update', shop)).not.toThrow();
  });

  it('lists the roles that may ever perform an action', () => {
    expect(rolesThatMay('user.manage')).toEqual(['admin']);
    expect(rolesThatMay('retailer.update')).toEqual(['admin', 'supervisor', 'manager']);
    expect(rolesThatMay('retailer.requestChange')).toEqual(['retailer']);
  });
});
