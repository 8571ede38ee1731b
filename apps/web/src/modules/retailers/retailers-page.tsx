import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RetailerExportButton } from '@/modules/retailer-import/export-button';
import { useDocumentTitle } from '@/ui/use-document-title';
import { RetailerList } from './retailer-list';

/** `/retailers`: supervisors and admins browse every retailer in their scope. */
export function RetailersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('retailers.list.title'));
  return (
    <div className="siyi-page">
      <Typography.Title level={1} className="siyi-page__title">
        {t('retailers.list.title')}
      </Typography.Title>
      <div>
        <RetailerExportButton />
      </div>
      <RetailerList />
    </div>
  );
}
