import { z } from 'zod';

/** 订货方式: online (网上订货), by phone (电话订货), or taken by the manager on a visit (上门/访销). */
export const orderMethods = ['online', 'phone', 'visit'] as const;
export const OrderMethod = z.enum(orderMethods);
export type OrderMethod = z.infer<typeof OrderMethod>;

/** 订货频次. */
export const orderFrequencies = ['weekly', 'biweekly', 'monthly'] as const;
export const OrderFrequency = z.enum(orderFrequencies);
export type OrderFrequency = z.infer<typeof OrderFrequency>;

/** 许可证类型: a regular licence or a temporary one (e.g. for a seasonal stall). */
export const licenceTypes = ['regular', 'temporary'] as const;
export const LicenceType = z.enum(licenceTypes);
export type LicenceType = z.infer<typeof LicenceType>;

/** 诚信等级 A (best) … D. */
export const creditGrades = ['A', 'B', 'C', 'D'] as const;
export const CreditGrade = z.enum(creditGrades);
export type CreditGrade = z.infer<typeof CreditGrade>;

export const photoKinds = ['front', 'counter', 'other'] as const;
export const PhotoKind = z.enum(photoKinds);
export type PhotoKind = z.infer<typeof PhotoKind>;

export const changeRequestStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export const ChangeRequestStatus = z.enum(changeRequestStatuses);
export type ChangeRequestStatus = z.infer<typeof ChangeRequestStatus>;

export const tierRunStatuses = ['preview', 'published', 'superseded'] as const;
export const TierRunStatus = z.enum(tierRunStatuses);
export type TierRunStatus = z.infer<typeof TierRunStatus>;

/** A contact besides the owner (a spouse minding the shop, a clerk). */
export const OtherContact = z.object({
  name: z.string().trim().min(1).max(40),
  phone: z.string().trim().max(20),
  role: z.string().trim().max(40).default(''),
});
export type OtherContact = z.infer<typeof OtherContact>;
