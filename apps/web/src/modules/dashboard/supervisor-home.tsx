import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/ui/use-document-title';
import { DistrictDashboardView } from './district-dashboard';

/** `/` for a district supervisor: their district at a glance. */
export function SupervisorHome() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.district'));
  return (
    <div className="siyi-page">
      <DistrictDashboardView headingLevel={1} />
    </div>
  );
}
