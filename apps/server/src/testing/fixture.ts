import type { Role } from '@siyi/contracts';
import type { Db } from '../db/database';
import { orderLines, orders, orgUnits, products, retailers, users } from '../db/schema';
import { DEMO_PASSWORD } from '../modules/auth/auth.service';
import { hashPassword } from '../modules/auth/password';

export const FIXTURE_PASSWORD = 'fixture-Passw0rd-long';

let hashes: Promise<{ fixture: string; demo: string }> | undefined;
function passwordHashes() {
  hashes ??= (async () => ({
    fixture: await hashPassword(FIXTURE_PASSWORD),
    demo: await hashPassword(DEMO_PASSWORD),
  }))();
  return hashes;
}

export interface FixtureUser {
  id: number;
  username: string;
  role: Role;
  orgUnitId: number;
  retailerId: number | null;
}

export interface FixtureRetailer {
  id: number;
  licenceNo: string;
  shopName: string;
  districtId: number;
  managerId: number | null;
}

export interface Fixture {
  districtA: number;
  districtB: number;
  company: number;
  users: Record<string, FixtureUser>;
  retailers: FixtureRetailer[];
  /** An account made as the demo generator makes them: the public demo password works for it alone. */
  demoUser: FixtureUser;
  productIds: number[];
}

/**
 * Two districts; supervisor A and B; managers A1, A2 (district A) and B1 (district B); three retailers each,
 * plus one unassigned retailer in A; an admin. Every shop name is a canary "CANARY-<owner>-<n>" so a leak
 * into another actor's answer is easy to spot.
 */
export async function seedFixture(db: Db): Promise<Fixture> {
  const { fixture: fixtureHash, demo: demoHash } = await passwordHashes();
  const [company] = await db
    .insert(orgUnits)
    .values({ kind: 'company', code: 'T-CO', name: '测试烟草公司', divisionCode: '4110' })
    .returning();
  if (!company) throw new Error('no company');
  const districts = await db
    .insert(orgUnits)
    .values([
      { kind: 'district', code: 'T-A', name: '甲片区', divisionCode: '411002', parentId: company.id },
      { kind: 'district', code: 'T-B', name: '乙片区', divisionCode: '411081', parentId: company.id },
    ])
    .returning();
  const [districtA, districtB] = districts.map((d) => d.id) as [number, number];

  const staff = await db
    .insert(users)
    .values([
      { username: 'admin', displayName: '管理员', role: 'admin', orgUnitId: company.id, passwordHash: fixtureHash },
      { username: 'supA', displayName: '甲主管', role: 'supervisor', orgUnitId: districtA, passwordHash: fixtureHash },
      { username: 'supB', displayName: '乙主管', role: 'supervisor', orgUnitId: districtB, passwordHash: fixtureHash },
      { username: 'mgrA1', displayName: '甲经理一', role: 'manager', orgUnitId: districtA, passwordHash: fixtureHash },
      { username: 'mgrA2', displayName: '甲经理二', role: 'manager', orgUnitId: districtA, passwordHash: fixtureHash },
      { username: 'mgrB1', displayName: '乙经理一', role: 'manager', orgUnitId: districtB, passwordHash: fixtureHash },
      {
        username: 'demo-manager',
        displayName: '演示经理',
        role: 'manager',
        orgUnitId: districtB,
        passwordHash: demoHash,
        isDemo: true,
      },
    ])
    .returning();
  const byName = Object.fromEntries(staff.map((u) => [u.username, u]));
  const owners: { key: string; districtId: number; managerId: number | null; county: string }[] = [
    { key: 'mgrA1', districtId: districtA, managerId: byName.mgrA1?.id ?? null, county: '411002' },
    { key: 'mgrA2', districtId: districtA, managerId: byName.mgrA2?.id ?? null, county: '411002' },
    { key: 'mgrB1', districtId: districtB, managerId: byName.mgrB1?.id ?? null, county: '411081' },
  ];
  const retailerValues: (typeof retailers.$inferInsert)[] = [];
  let serial = 0;
  for (const owner of owners) {
    for (let n = 1; n <= 3; n++) {
      serial++;
      retailerValues.push({
        districtId: owner.districtId,
        managerId: owner.managerId,
        licenceNo: `${owner.county}${String(100000 + serial)}`,
        shopName: `CANARY-${owner.key}-${n}`,
        ownerName: `店主${serial}`,
        phone: `1390000${String(1000 + serial)}`,
        address: `许昌市测试路${serial}号`,
        countyCode: owner.county,
        lat: 34.02 + serial / 1000,
        lng: 113.82 + serial / 1000,
        businessFormat: 'convenience',
        opensAt: 7 * 60,
        closesAt: 22 * 60,
        tier: 5 + serial,
        orderWeekday: (serial % 5) + 1,
      });
    }
  }
  retailerValues.push({
    districtId: districtA,
    managerId: null,
    licenceNo: '411002199999',
    shopName: 'CANARY-unassigned-1',
    ownerName: '无人管',
    phone: '13900009999',
    address: '许昌市测试路99号',
    countyCode: '411002',
    lat: 34.05,
    lng: 113.85,
    businessFormat: 'grocery',
    opensAt: 8 * 60,
    closesAt: 21 * 60,
    tier: 3,
    orderWeekday: 3,
  });
  const insertedRetailers = await db.insert(retailers).values(retailerValues).returning();
  const retailerUsers = await db
    .insert(users)
    .values(
      insertedRetailers.map((r) => ({
        username: r.licenceNo,
        displayName: r.ownerName,
        role: 'retailer' as const,
        orgUnitId: r.districtId,
        retailerId: r.id,
        passwordHash: fixtureHash,
      })),
    )
    .returning();

  const insertedProducts = await db
    .insert(products)
    .values([
      {
        code: 'T001',
        brand: '黄金叶',
        name: '黄金叶(天叶)',
        spec: '84mm',
        manufacturer: '河南中烟',
        format: 'regular',
        wholesalePriceFen: 84_800,
        retailPriceFen: 100_000,
        priceClass: 1,
      },
      {
        code: 'T002',
        brand: '红旗渠',
        name: '红旗渠(银河之光)',
        spec: '84mm',
        manufacturer: '河南中烟',
        format: 'regular',
        wholesalePriceFen: 9_000,
        retailPriceFen: 11_000,
        priceClass: 4,
      },
    ])
    .returning();
  // One delivered order per retailer in one week, so the rollups have something to show.
  const placed = await db
    .insert(orders)
    .values(
      insertedRetailers.map((r) => ({
        retailerId: r.id,
        districtId: r.districtId,
        weekStart: '2026-11-16',
        status: 'delivered' as const,
        submittedAt: new Date('2026-11-17T02:00:00Z'),
      })),
    )
    .returning();
  await db.insert(orderLines).values(
    placed.flatMap((o, i) =>
      insertedProducts.map((p, j) => ({
        orderId: o.id,
        productId: p.id,
        quantity: 1 + ((i + j) % 4),
        unitPriceFen: p.wholesalePriceFen,
        origin: 'retailer' as const,
      })),
    ),
  );

  const toFixtureUser = (u: (typeof staff)[number]): FixtureUser => ({
    id: u.id,
    username: u.username,
    role: u.role,
    orgUnitId: u.orgUnitId,
    retailerId: u.retailerId,
  });
  const allUsers: Record<string, FixtureUser> = {};
  for (const u of [...staff, ...retailerUsers]) allUsers[u.username] = toFixtureUser(u);
  const demoUser = allUsers['demo-manager'];
  if (!demoUser) throw new Error('no demo user');
  return {
    company: company.id,
    districtA,
    districtB,
    users: allUsers,
    retailers: insertedRetailers.map((r) => ({
      id: r.id,
      licenceNo: r.licenceNo,
      shopName: r.shopName,
      districtId: r.districtId,
      managerId: r.managerId,
    })),
    demoUser,
    productIds: insertedProducts.map((p) => p.id),
  };
}
