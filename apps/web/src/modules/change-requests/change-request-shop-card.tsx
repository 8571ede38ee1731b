import { EditOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/ui/format';
import { LinkButton } from '@/ui/link-button';
import { useRetailerChangeRequests } from './change-requests.api';
import { ChangeRequestStatusTag } from './change-values';

/** On the retailer's home: where to ask for a change of contacts and hours, and what became of the last request. */
export function ChangeRequestShopCard({ retailerId }: { retailerId: number }) {
  const { t, i18n } = useTranslation();
  const requests = useRetailerChangeRequests(retailerId);
  const latest = requests.data?.items[0];
  return (
    <Card title={t('changeRequests.shopCard.title')}>
      <Typography.Paragraph>{t('changeRequests.shopCard.body')}</Typography.Paragraph>
      {latest ? (
        <Typography.Paragraph>
          {t('changeRequests.mine.askedAt', { at: formatDateTime(latest.createdAt, i18n.language) })}{' '}
          <ChangeRequestStatusTag status={latest.status} />
          {latest.status === 'rejected' && latest.decisionReason ? (
            <>
              <br />
              {t('changeRequests.reasonLabel', { reason: latest.decisionReason })}
            </>
          ) : null}
        </Typography.Paragraph>
      ) : null}
      <LinkButton type="primary" size="large" block icon={<EditOutlined aria-hidden />} to="/my-shop/changes">
        {t('changeRequests.shopCard.action')}
      </LinkButton>
    </Card>
  );
}
