import '@/modules/concerns/concerns.messages';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Card } from '@/ui/plain/plain';
import { categoryIcons, categoryOrder } from './concern-icons';
import './concerns.css';

/**
 * On the retailer's home: the ten kinds of concern as large chips. One tap opens the form with that kind chosen and
 * the cursor in the text, so a concern takes two taps and the typing. Plain kit: the home comes without antd.
 */
export function ConcernShopCard() {
  const { t } = useTranslation();
  return (
    <Card title={t('concerns.raise.homeTitle')}>
      <p className="siyi-shop-text siyi-shop-muted">{t('concerns.raise.homeIntro')}</p>
      <nav className="siyi-concern-chips" aria-label={t('concerns.raise.homeTitle')}>
        {categoryOrder.map((category) => (
          <Link key={category} to={`/my-shop/concerns?category=${category}`} className="siyi-concern-chip">
            <span className="siyi-concern-chip__icon">{categoryIcons[category]}</span>
            <span>{t(`concerns.categories.${category}`)}</span>
          </Link>
        ))}
      </nav>
      <p className="siyi-shop-text" style={{ marginTop: 12 }}>
        <Link to="/my-shop/concerns" className="siyi-shop-link">
          {t('concerns.mine.title')}
        </Link>
      </p>
    </Card>
  );
}
