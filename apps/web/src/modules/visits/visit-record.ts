/**
 * The visit record between the form, the phone's draft and the server: what the server answers (`VisitRecord`,
 * with product names and the concerns' tracking ids) and what it takes (`UpdateVisitRecordBody`: no names, no
 * null ids, no blank rows). Pure.
 */
import type { UpdateVisitRecordBody, VisitRecord } from '@siyi/contracts';

export const emptyRecord = (): VisitRecord => ({
  checklist: {},
  market: { stockNotes: '', competitorPrices: [], consumerRemarks: '' },
  heardConcerns: [],
  productsIntroduced: [],
  followUps: [],
  summary: '',
});

/** The body of PUT /record: rows whose required text is still blank stay on the phone until filled. */
export function recordBody(record: VisitRecord): UpdateVisitRecordBody {
  return {
    checklist: Object.fromEntries(
      Object.entries(record.checklist).map(([id, a]) => [id, { answer: a.answer, note: a.note.trim() }]),
    ),
    market: {
      stockNotes: record.market.stockNotes,
      consumerRemarks: record.market.consumerRemarks,
      competitorPrices: record.market.competitorPrices
        .filter((c) => c.product.trim() !== '')
        .map((c) => ({ product: c.product, price: c.price, note: c.note })),
    },
    heardConcerns: record.heardConcerns
      .filter((c) => c.text.trim() !== '')
      .map((c) => ({ category: c.category, text: c.text, ...(c.concernId ? { concernId: c.concernId } : {}) })),
    productsIntroduced: record.productsIntroduced.map((p) => ({ productId: p.productId, note: p.note })),
    followUps: record.followUps
      .filter((f) => f.text.trim() !== '' && f.dueDate !== '')
      .map((f) => ({ text: f.text, dueDate: f.dueDate, done: f.done })),
    summary: record.summary,
  };
}

/**
 * The server raised each new heard concern as a tracked concern and answered with its id. When the manager typed
 * on while the save was on its way, the phone keeps its own record but takes those ids (matched by text and
 * category), so the next save does not raise the same concern twice.
 */
export function adoptConcernIds(local: VisitRecord, server: VisitRecord): VisitRecord {
  const raised = server.heardConcerns.filter((c) => c.concernId !== null);
  if (raised.length === 0) return local;
  const taken = new Set<number>();
  let changed = false;
  const heardConcerns = local.heardConcerns.map((c) => {
    if (c.concernId !== null) {
      taken.add(c.concernId);
      return c;
    }
    const match = raised.find(
      (s) =>
        s.concernId !== null && !taken.has(s.concernId) && s.text.trim() === c.text.trim() && s.category === c.category,
    );
    if (!match || match.concernId === null) return c;
    taken.add(match.concernId);
    changed = true;
    return { ...c, concernId: match.concernId };
  });
  return changed ? { ...local, heardConcerns } : local;
}

/** How many checklist items of the template are answered. */
export function checklistProgress(record: VisitRecord, itemIds: readonly string[]): { done: number; total: number } {
  return { done: itemIds.filter((id) => record.checklist[id] !== undefined).length, total: itemIds.length };
}
