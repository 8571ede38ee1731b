/**
 * Small factories, one per entity, for tests that need a record or two of their own instead of the shared
 * fixture: each makes exactly what it names, with unique defaults, and takes overrides for what the test is
 * about. They insert through Drizzle like the app, so the table's own checks and defaults apply.
 *
 *   const district = await makeDistrict(db);
 *   const manager = await makeUser(db, { role: 'manager', orgUnitId: district.id });
 *   const shop = await makeRetailer(db, { districtId: district.id, managerId: manager.id });
 *   const { session } = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: district.id });
 */
import type { Role } from '@siyi/contracts';
import type { AppInstance } from '../app';
import type { Db } from '../db/database';
import { orderLines, orders, orgUnits, products, retailers, users } from '../db/schema';
import { hashPassword } from '../modules/auth/password';
import { FIXTURE_PASSWORD } from './fixture';
import { type Session, signIn } from './test-app';

let sequence = 0;
/** Unique within a test process: names, codes and licence numbers never collide across factories. */
function next(): number {
  sequence += 1;
  return sequence;
}

let fixtureHash: Promise<string> | undefined;
const passwordHash = () => {
  fixtureHash ??= hashPassword(FIXTURE_PASSWORD);
  return fixtureHash;
};

export type OrgUnitRow = typeof orgUnits.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type RetailerRow = typeof retailers.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;

export async function makeCompany(db: Db, overrides: Partial<typeof orgUnits.$inferInsert> = {}): Promise<OrgUnitRow> {
  const n = next();
  const [row] = await db
    .insert(orgUnits)
    .values({ kind: 'company', code: `F-CO-${n}`, name: `工厂公司${n}`, divisionCode: '4110', ...overrides })
    .returning();
  if (!row) throw new Error('no company');
  return row;
}

/** A district (片区), under `parentId` or a new company. */
export async function makeDistrict(db: Db, overrides: Partial<typeof orgUnits.$inferInsert> = {}): Promise<OrgUnitRow> {
  const n = next();
  const parentId = overrides.parentId ?? (await makeCompany(db)).id;
  const [row] = await db
    .insert(orgUnits)
    .values({
      kind: 'district',
      code: `F-D-${n}`,
      name: `工厂片区${n}`,
      divisionCode: '411002',
      ...overrides,
      parentId,
    })
    .returning();
  if (!row) throw new Error('no district');
  return row;
}

/** A user whose password is FIXTURE_PASSWORD. A retailer account needs `retailerId`. */
export async function makeUser(
  db: Db,
  values: { role: Role; orgUnitId: number } & Partial<typeof users.$inferInsert>,
): Promise<UserRow> {
  const n = next();
  const [row] = await db
    .insert(users)
    .values({
      username: `f-${values.role}-${n}`,
      displayName: `工厂用户${n}`,
      passwordHash: await passwordHash(),
      ...values,
    })
    .returning();
  if (!row) throw new Error('no user');
  return row;
}

/** A retailer in `districtId`; unassigned unless `managerId` is given. The licence number is unique and valid. */
export async function makeRetailer(
  db: Db,
  values: { districtId: number } & Partial<typeof retailers.$inferInsert>,
): Promise<RetailerRow> {
  const n = next();
  const [row] = await db
    .insert(retailers)
    .values({
      licenceNo: `411002${String(500000 + n)}`,
      shopName: `工厂商店${n}`,
      ownerName: `店主${n}`,
      phone: `1370000${String(n).padStart(4, '0')}`,
      address: `许昌市工厂路${n}号`,
      countyCode: '411002',
      lat: 34.02 + (n % 100) / 1000,
      lng: 113.82 + (n % 100) / 1000,
      businessFormat: 'convenience',
      opensAt: 8 * 60,
      closesAt: 21 * 60,
      tier: 10,
      orderWeekday: 2,
      ...values,
    })
    .returning();
  if (!row) throw new Error('no retailer');
  return row;
}

/** The retailer's own sign-in account (user name = licence number). */
export function makeRetailerUser(db: Db, retailer: RetailerRow): Promise<UserRow> {
  return makeUser(db, {
    role: 'retailer',
    orgUnitId: retailer.districtId,
    retailerId: retailer.id,
    username: retailer.licenceNo,
    displayName: retailer.ownerName,
  });
}

export async function makeProduct(db: Db, overrides: Partial<typeof products.$inferInsert> = {}): Promise<ProductRow> {
  const n = next();
  const [row] = await db
    .insert(products)
    .values({
      code: `F${String(n).padStart(5, '0')}`,
      brand: '工厂牌',
      name: `工厂牌(${n})`,
      spec: '84mm',
      manufacturer: '河南中烟',
      format: 'regular',
      wholesalePriceFen: 20_000,
      retailPriceFen: 25_000,
      priceClass: 3,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('no product');
  return row;
}

/** An order of `retailer` in the week starting `weekStart` (a Monday), delivered unless told, with its lines. */
export async function makeOrder(
  db: Db,
  retailer: Pick<RetailerRow, 'id' | 'districtId'>,
  weekStart: string,
  lines: { product: Pick<ProductRow, 'id' | 'wholesalePriceFen'>; quantity: number }[],
  overrides: Partial<typeof orders.$inferInsert> = {},
): Promise<OrderRow> {
  const [order] = await db
    .insert(orders)
    .values({
      retailerId: retailer.id,
      districtId: retailer.districtId,
      weekStart,
      status: 'delivered',
      submittedAt: new Date(`${weekStart}T02:00:00Z`),
      ...overrides,
    })
    .returning();
  if (!order) throw new Error('no order');
  if (lines.length > 0) {
    await db.insert(orderLines).values(
      lines.map((line) => ({
        orderId: order.id,
        productId: line.product.id,
        quantity: line.quantity,
        unitPriceFen: line.product.wholesalePriceFen,
        origin: 'retailer' as const,
      })),
    );
  }
  return order;
}

/** A new user of `role`, signed in to `app`. */
export async function makeSignedInUser(
  app: AppInstance,
  db: Db,
  values: { role: Role; orgUnitId: number } & Partial<typeof users.$inferInsert>,
): Promise<{ user: UserRow; session: Session }> {
  const user = await makeUser(db, values);
  return { user, session: await signIn(app, user.username, FIXTURE_PASSWORD) };
}
