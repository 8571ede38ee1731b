import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { categoryIcons, categoryOrder } from './concern-icons';
import './concerns.css';

/**
 * On the retailer's home: the ten kinds of concern as large chips. One tap opens the form with that kind chosen and
 * the cursor in the text, so a concern takes two taps and the typing.
 */
export function ConcernShopCard() {
  const { t } = useTranslation();
  return (
    <Card title={t('concerns.raise.homeTitle')}>
      <Typography.Paragraph type="secondary">{t('concerns.raise.homeIntro')}</Typography.Paragraph>
      <nav className="siyi-concern-chips" aria-label={t('concerns.raise.homeTitle')}>
        {categoryOrder.map((category) => (
          <Link key={category} to={`/my-shop/concerns?category=${category}`} className="siyi-concern-chip">
            <span className="siyi-concern-chip__icon">{categoryIcons[category]}</span>
            <span>{t(`concerns.categories.${category}`)}</span>
          </Link>
        ))}
      </nav>
      <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
        <Link to="/my-shop/concerns">{t('concerns.mine.title')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
