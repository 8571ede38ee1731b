import { z } from 'zod';

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const NO_CONTROLS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/** Most retailers one reassignment moves: a whole manager's book (the demo's largest is about 1,300) fits. */
export const REASSIGN_MAX_RETAILERS = 2000;

const Id = z.number().int().positive().max(2_147_483_647);

export const ReassignRetailersRequest = z
  .object({
    retailerIds: z
      .array(Id)
      .min(1)
      .max(REASSIGN_MAX_RETAILERS)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'duplicate retailer ids' }),
    /** An active customer manager of the retailers' district. */
    toManagerId: Id,
    /** Why, in words; kept with each retailer's history. */
    reason: z.string().trim().max(500).regex(NO_CONTROLS).optional(),
  })
  .strict();
export type ReassignRetailersRequest = z.infer<typeof ReassignRetailersRequest>;

export const ReassignRetailersResponse = z.object({
  /** Retailers whose manager changed. */
  moved: z.number().int().min(0),
  /** Retailers that already had this manager (nothing written for them). */
  unchanged: z.number().int().min(0),
  toManager: z.object({ id: z.number().int(), name: z.string() }),
});
export type ReassignRetailersResponse = z.infer<typeof ReassignRetailersResponse>;

export const TerritoryManagersQuery = z.object({ districtId: z.coerce.number().int().positive().max(2_147_483_647) });
export type TerritoryManagersQuery = z.infer<typeof TerritoryManagersQuery>;

/** A district's customer managers with the number of retailers each has, for picking who gives and who takes. */
export const TerritoryManager = z.object({
  id: z.number().int(),
  name: z.string(),
  username: z.string(),
  disabled: z.boolean(),
  retailerCount: z.number().int().min(0),
});
export type TerritoryManager = z.infer<typeof TerritoryManager>;

export const TerritoryManagersResponse = z.object({
  items: z.array(TerritoryManager),
  /** Retailers of the district that have no manager. */
  unassigned: z.number().int().min(0),
});
export type TerritoryManagersResponse = z.infer<typeof TerritoryManagersResponse>;

export const TerritoryRetailersQuery = z.object({
  districtId: z.coerce.number().int().positive().max(2_147_483_647),
  /** A manager's id, or `none` for the district's retailers without a manager. */
  managerId: z.union([z.literal('none'), z.coerce.number().int().positive().max(2_147_483_647)]),
});
export type TerritoryRetailersQuery = z.infer<typeof TerritoryRetailersQuery>;

export const TerritoryRetailer = z.object({
  id: z.number().int(),
  licenceNo: z.string(),
  shopName: z.string(),
  address: z.string(),
  tier: z.number().int(),
});
export type TerritoryRetailer = z.infer<typeof TerritoryRetailer>;

/** Every retailer of one manager (or the unassigned ones) of a district, by shop name, up to REASSIGN_MAX_RETAILERS. */
export const TerritoryRetailersResponse = z.object({ items: z.array(TerritoryRetailer), truncated: z.boolean() });
export type TerritoryRetailersResponse = z.infer<typeof TerritoryRetailersResponse>;
