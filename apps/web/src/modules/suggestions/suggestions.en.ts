import type { suggestionsZhCN } from './suggestions.zh-CN';

type StringTree<T> = { [K in keyof T]: T[K] extends string ? string : StringTree<T[K]> };

/** The suggestions module's words in English: the same keys as suggestions.zh-CN.ts. */
export const suggestionsEn: StringTree<typeof suggestionsZhCN> = {
  title: 'Suggested order',
  range: 'likely {{low}}–{{high}} cartons',
  campaignTag: 'New product',
  showZero: '{{count}} more products at 0: show them',
  hideZero: 'Hide the products at 0',
  empty: 'No order history to go by yet, so no suggestion.',
  note: 'Worked out from your own orders and stock only. A suggestion, nothing more: you decide what to order.',
  noteStaff:
    "Worked out from this retailer's own orders and stock only. A suggestion, nothing more: the retailer decides what to order.",
  recompute: 'Recompute',
  recomputed: 'Recomputed from the latest records.',
  stockOpen: 'Give my stock and recompute',
  stockOpenStaff: "Give the shop's stock and recompute",
  stockLabel: 'In stock (cartons)',
  stockHint: 'Fill in only the products you counted; the others count as stock not given.',
  stockHintStaff: 'Fill in only the products counted with the owner; the others count as stock not given.',
  stockSave: 'Save stock and recompute',
  stockCancel: 'Cancel',
  stockSaved: 'Stock saved; the suggestion now takes it off.',
};
