import '@/modules/ordering/ordering.messages';
import type { CurrentOrderResponse } from '@siyi/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CardIcon, iconPaths } from '@/modules/retailers/shop-plain';
import { formatDate, formatDateTime } from '@/ui/format';
import { Card } from '@/ui/plain/plain';
import { shanghaiWeekOf } from './order-draft';
import { formatCutOff } from './order-words';
import { useCurrentOrder } from './ordering.api';
import { useWindowState } from './use-window-state';

/**
 * On the retailer's home: this week's window and the order's state in words, proposals waiting, one tap to the
 * order page. Nothing while it loads or when it cannot be read (the order page says why). Plain kit: the home comes
 * without antd.
 */
export function OrderShopCard() {
  const order = useCurrentOrder();
  if (!order.data) return null;
  return <OrderShopCardBody data={order.data} />;
}

function OrderShopCardBody({ data }: { data: CurrentOrderResponse }) {
  const { t, i18n } = useTranslation();
  const state = useWindowState(data.window);
  const nextWeek = data.week > shanghaiWeekOf(Date.now());
  const at = (iso: string) => formatDateTime(iso, i18n.language);
  const windowText =
    state.kind === 'open'
      ? t('ordering.window.open', { at: formatCutOff(state.closesAt, i18n.language) })
      : state.kind === 'closed'
        ? t('ordering.window.closed', { at: formatCutOff(state.closesAt, i18n.language) })
        : state.kind === 'notYet'
          ? t('ordering.window.notYet', { at: formatCutOff(state.opensAt ?? '', i18n.language) })
          : state.expectedOpensAt
            ? t('ordering.window.unpublishedWhen', { at: formatCutOff(state.expectedOpensAt, i18n.language) })
            : t('ordering.window.unpublished');
  const statusText =
    data.status === 'draft' && data.submittedAt !== null
      ? t('ordering.status.changesNotSubmitted')
      : data.status === 'submitted' && data.submittedAt
        ? t('ordering.status.submitted', { at: at(data.submittedAt) })
        : data.status === 'draft'
          ? t('ordering.status.draft')
          : t('ordering.status.none');
  const waiting = data.proposals.filter((p) => p.status === 'pending').length;
  return (
    <Card
      title={
        <span className="siyi-shop-title-icon">
          <CardIcon path={iconPaths.cart} /> {nextWeek ? t('ordering.page.titleNext') : t('ordering.home.title')}
        </span>
      }
      data-testid="order-home-card"
    >
      <Link to="/my-shop/order" className="siyi-order-home" data-state={state.kind} data-status={data.status}>
        <span className="siyi-order-home__text">
          {nextWeek ? (
            <span className="siyi-shop-muted">
              {t('ordering.page.weekNext', { from: formatDate(data.week, i18n.language) })}
            </span>
          ) : null}
          <strong>{windowText}</strong>
          <span className={data.status === 'draft' && data.submittedAt !== null ? 'siyi-shop-warn' : 'siyi-shop-muted'}>
            {statusText}
          </span>
          {waiting > 0 ? (
            <strong className="siyi-shop-warn">{t('ordering.home.proposalWaiting', { count: waiting })}</strong>
          ) : null}
          <span className="siyi-order-home__go">
            {state.kind === 'open' ? t('ordering.home.open') : t('ordering.home.review')}
          </span>
        </span>
        <CardIcon path={iconPaths.chevronRight} />
      </Link>
    </Card>
  );
}
