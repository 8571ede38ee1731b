import '@/modules/visit-oversight/visit-oversight.messages';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CardIcon, iconPaths } from '@/modules/retailers/shop-plain';
import { formatDate } from '@/ui/format';
import { Card } from '@/ui/plain/plain';
import { formatDuration, shanghaiDate } from './visit-figures';
import { secondsOnSite, useVisitsToRate } from './visit-rating.api';

/**
 * On the retailer's home, only while a visit waits for its rating: each such visit (day, manager, time on site) one
 * tap from its stars. Nothing to rate, nothing shown. Plain kit: the home comes without antd.
 */
export function VisitRatingShopCard() {
  const { t, i18n } = useTranslation();
  const toRate = useVisitsToRate();
  const items = toRate.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card
      title={
        <span className="siyi-shop-title-icon">
          <CardIcon path={iconPaths.star} /> {t('visitOversight.rate.homeTitle')}
        </span>
      }
      data-testid="visit-rating-home-card"
    >
      <ul className="siyi-visit-cards">
        {items.map((visit) => (
          <li key={visit.id}>
            <Link
              to={`/my-shop/visits?visit=${visit.id}`}
              className="siyi-visit-card siyi-visit-card--ask siyi-visit-link"
            >
              <span className="siyi-visit-link__text">
                <strong>
                  {t('visitOversight.rate.visitOn', {
                    date: formatDate(shanghaiDate(visit.checkOutAt), i18n.language),
                  })}
                </strong>
                <span className="siyi-shop-muted">
                  {[
                    visit.manager ? t('visitOversight.rate.manager', { name: visit.manager.name }) : null,
                    t('visitOversight.rate.timeOnSite', { duration: formatDuration(secondsOnSite(visit), t) }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                <span className="siyi-visit-link__ask">{t('visitOversight.rate.open')}</span>
              </span>
              <CardIcon path={iconPaths.chevronRight} />
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
