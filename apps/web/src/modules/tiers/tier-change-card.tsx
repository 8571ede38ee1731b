import type { TierExplanation } from '@siyi/contracts';
import { useTranslation } from 'react-i18next';
import { CardIcon, iconPaths } from '@/modules/retailers/shop-plain';
import { tierBasisText } from '@/modules/retailers/tier-basis';
import { formatDate } from '@/ui/format';
import { Card } from '@/ui/plain/plain';
import { BlockLoading } from '@/ui/states';
import { tierBandText, tierMoveText } from './tier-reason';
import { useRetailerTier } from './tiers.api';

function ChangeWords({ latest }: { latest: TierExplanation }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const week = formatDate(latest.effectiveWeek, locale);
  const from = latest.previousTier;
  const headline =
    from === null || from === latest.tier
      ? t('tiers.mine.set', { to: latest.tier, week })
      : t(latest.tier > from ? 'tiers.mine.up' : 'tiers.mine.down', { from, to: latest.tier, week });
  return (
    <>
      <div className="siyi-big-value siyi-shop-change">
        {from !== null && from !== latest.tier ? (
          latest.tier > from ? (
            <CardIcon path={iconPaths.arrowUp} className="siyi-shop-icon--up" />
          ) : (
            <CardIcon path={iconPaths.arrowDown} className="siyi-shop-icon--down" />
          )
        ) : null}
        <span>{headline}</span>
      </div>
      {latest.reason ? (
        <>
          <p className="siyi-shop-text siyi-shop-lead" style={{ marginTop: 12, marginBottom: 4 }}>
            {tierMoveText(latest.reason, latest.tier, t, locale, { withTiers: false })}
          </p>
          <p className="siyi-shop-text siyi-shop-muted">{tierBandText(latest.reason, t, locale)}</p>
        </>
      ) : (
        <p className="siyi-shop-text siyi-shop-lead" style={{ marginTop: 12 }}>
          {t('tiers.mine.because', { basis: tierBasisText(latest.basis, t) })}
        </p>
      )}
    </>
  );
}

/**
 * The retailer's home: its latest tier change in plain words — from which tier to which, from which week, and
 * why (what it bought, where that ranks it in the city, or the reason staff gave for a hand edit). Tier decides
 * allocation, so the retailer should never have to ask why it changed. Plain kit: the home comes without antd.
 */
export function TierChangeCard({ retailerId }: { retailerId: number | null }) {
  const { t } = useTranslation();
  const tier = useRetailerTier(retailerId);
  if (retailerId === null || tier.isError) return null;
  return (
    <Card title={t('tiers.mine.title')}>
      {tier.data === undefined ? (
        <BlockLoading rows={2} />
      ) : tier.data.latest ? (
        <ChangeWords latest={tier.data.latest} />
      ) : (
        <span className="siyi-shop-muted">{t('tiers.mine.none', { tier: tier.data.tier })}</span>
      )}
    </Card>
  );
}
