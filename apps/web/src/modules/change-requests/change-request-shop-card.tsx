import type { ChangeRequest } from '@siyi/contracts';
import { useTranslation } from 'react-i18next';
import { CardIcon, iconPaths } from '@/modules/retailers/shop-plain';
import { formatDateTime } from '@/ui/format';
import { ButtonLink, Card, Tag, type TagTone } from '@/ui/plain/plain';
import { useRetailerChangeRequests } from './change-requests.api';

/** A request's state in the tag colours change-values.tsx gives it on the staff's pages. */
const statusTone: Record<ChangeRequest['status'], TagTone> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

/**
 * On the retailer's home: where to ask for a change of contacts and hours, and what became of the last request.
 * Plain kit: the home comes without antd; the request's form is its own page.
 */
export function ChangeRequestShopCard({ retailerId }: { retailerId: number }) {
  const { t, i18n } = useTranslation();
  const requests = useRetailerChangeRequests(retailerId);
  const latest = requests.data?.items[0];
  return (
    <Card title={t('changeRequests.shopCard.title')}>
      <p className="siyi-shop-text">{t('changeRequests.shopCard.body')}</p>
      {latest ? (
        <p className="siyi-shop-text">
          {t('changeRequests.mine.askedAt', { at: formatDateTime(latest.createdAt, i18n.language) })}{' '}
          <Tag tone={statusTone[latest.status]}>{t(`changeRequests.status.${latest.status}`)}</Tag>
          {latest.status === 'rejected' && latest.decisionReason ? (
            <>
              <br />
              {t('changeRequests.reasonLabel', { reason: latest.decisionReason })}
            </>
          ) : null}
        </p>
      ) : null}
      <ButtonLink look="primary" size="large" block icon={<CardIcon path={iconPaths.edit} />} to="/my-shop/changes">
        {t('changeRequests.shopCard.action')}
      </ButtonLink>
    </Card>
  );
}
