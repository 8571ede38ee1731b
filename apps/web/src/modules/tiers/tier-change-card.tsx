import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import type { TierExplanation } from '@siyi/contracts';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { tierBasisText } from '@/modules/retailers/tier-basis';
import { formatDate } from '@/ui/format';
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
      <div className="siyi-big-value" style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
        {from !== null && from !== latest.tier ? (
          latest.tier > from ? (
            <ArrowUpOutlined aria-hidden style={{ color: '#1f6f5c' }} />
          ) : (
            <ArrowDownOutlined aria-hidden style={{ color: '#ad6800' }} />
          )
        ) : null}
        <span>{headline}</span>
      </div>
      {latest.reason ? (
        <>
          <Typography.Paragraph style={{ marginTop: 12, marginBottom: 4, fontSize: '1.05rem' }}>
            {tierMoveText(latest.reason, latest.tier, t, locale, { withTiers: false })}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {tierBandText(latest.reason, t, locale)}
          </Typography.Paragraph>
        </>
      ) : (
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0, fontSize: '1.05rem' }}>
          {t('tiers.mine.because', { basis: tierBasisText(latest.basis, t) })}
        </Typography.Paragraph>
      )}
    </>
  );
}

/**
 * The retailer's home: its latest tier change in plain words — from which tier to which, from which week, and
 * why (what it bought, where that ranks it in the city, or the reason staff gave for a hand edit). Tier decides
 * allocation, so the retailer should never have to ask why it changed.
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
        <Typography.Text type="secondary">{t('tiers.mine.none', { tier: tier.data.tier })}</Typography.Text>
      )}
    </Card>
  );
}
