import { retailers } from '../../db/schema';

/** The archive's own fields (place, hours, ordering habits, licence, compliance, visit hours, notes): selected
 * alike by the 360 profile and by the import that compares and writes them. */
export const archiveColumns = {
  townCode: retailers.townCode,
  lat: retailers.lat,
  lng: retailers.lng,
  opensAt: retailers.opensAt,
  closesAt: retailers.closesAt,
  businessScope: retailers.businessScope,
  orderMethod: retailers.orderMethod,
  orderFrequency: retailers.orderFrequency,
  visitBatch: retailers.visitBatch,
  closedWeekdays: retailers.closedWeekdays,
  licenceType: retailers.licenceType,
  licenceValidFrom: retailers.licenceValidFrom,
  licenceValidTo: retailers.licenceValidTo,
  creditGrade: retailers.creditGrade,
  isModelShop: retailers.isModelShop,
  minorsNoticePosted: retailers.minorsNoticePosted,
  nearSchool: retailers.nearSchool,
  bestVisitFrom: retailers.bestVisitFrom,
  bestVisitTo: retailers.bestVisitTo,
  notes: retailers.notes,
};
