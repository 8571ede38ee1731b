import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';

/**
 * Downloads the list as it is filtered now (the URL's filters), as CSV or Excel, with headers in the UI's language.
 * A plain link: the browser downloads it with the session cookie, and the server streams it.
 */
export function RetailerExportButton() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const href = (format: 'csv' | 'xlsx') => {
    const query = new URLSearchParams();
    for (const [name, value] of params) {
      // Paging and order are the list's own: a file holds every match, in shop-name order.
      if (['page', 'pageSize', 'sort', 'cursor'].includes(name)) continue;
      // The export's `format` is the file's; the list's business-format filter is `businessFormat` there.
      query.set(name === 'format' ? 'businessFormat' : name, value);
    }
    query.set('format', format);
    query.set('lang', i18n.language === 'en' ? 'en' : 'zh-CN');
    return `/api/retailers/export?${query.toString()}`;
  };
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'csv', label: <a href={href('csv')}>{t('retailerImport.exportCsv')}</a> },
          { key: 'xlsx', label: <a href={href('xlsx')}>{t('retailerImport.exportXlsx')}</a> },
        ],
      }}
      trigger={['click']}
    >
      <Button icon={<DownloadOutlined />}>{t('retailerImport.exportLabel')}</Button>
    </Dropdown>
  );
}
