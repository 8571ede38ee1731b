import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { DistrictSelect } from '@/modules/users/district-select';
import { EmptyState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { DistrictDashboardView } from './district-dashboard';

function parseDistrictId(raw: string | undefined): number | undefined {
  if (!raw || !/^\d{1,10}$/.test(raw)) return undefined;
  const id = Number(raw);
  return id >= 1 && id <= 2_147_483_647 ? id : undefined;
}

/** `/districts/:districtId?`: an admin picks a district and sees its dashboard. */
export function DistrictsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const districtId = parseDistrictId(useParams().districtId);
  useDocumentTitle(t('dashboard.districts.title'));
  return (
    <div className="siyi-page">
      <Typography.Title level={1} className="siyi-page__title">
        {t('dashboard.districts.title')}
      </Typography.Title>
      <Card size="small">
        <label htmlFor="district-select" className="siyi-field-label">
          {t('dashboard.districts.choose')}
        </label>
        <DistrictSelect id="district-select" value={districtId} onChange={(id) => void navigate(`/districts/${id}`)} />
      </Card>
      {districtId ? (
        <DistrictDashboardView districtId={districtId} headingLevel={2} />
      ) : (
        <Card>
          <EmptyState description={t('dashboard.districts.chooseHint')} />
        </Card>
      )}
    </div>
  );
}
