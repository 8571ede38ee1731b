import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import type { RetailerProfile } from '@siyi/contracts';
import { Card, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TierBadge } from '@/modules/retailers/retailer-labels';
import { tierBasisText } from '@/modules/retailers/tier-basis';
import { TierOverrideButton } from '@/modules/tiers/tier-override-button';
import { formatDate } from '@/ui/format';
import { byCodePoint } from '@/ui/sort';

/** The tier now, and every change with its week and the reason in words. */
export function TierTab({ profile }: { profile: RetailerProfile }) {
  const { t, i18n } = useTranslation();
  const history = [...profile.tierHistory].sort((a, b) => byCodePoint(b.effectiveWeek, a.effectiveWeek));
  return (
    <>
      <Card title={t('retailer360.tier.current')} extra={<TierOverrideButton retailerId={profile.id} />}>
        <TierBadge tier={profile.tier} />
      </Card>
      <Card title={t('retailer360.tier.history')}>
        {history.length === 0 ? (
          <Typography.Text type="secondary">{t('retailers.detail.noTierHistory')}</Typography.Text>
        ) : (
          <Timeline
            items={history.map((change, index) => {
              const up = change.previousTier !== null && change.tier > change.previousTier;
              const down = change.previousTier !== null && change.tier < change.previousTier;
              return {
                key: `${change.effectiveWeek}-${index}`,
                color: up ? 'green' : down ? 'red' : 'blue',
                icon: up ? <ArrowUpOutlined /> : down ? <ArrowDownOutlined /> : undefined,
                content: (
                  <div>
                    <Typography.Text strong>
                      {change.previousTier === null
                        ? t('retailers.detail.tierInitial', { to: change.tier })
                        : t('retailers.detail.tierChange', { from: change.previousTier, to: change.tier })}
                    </Typography.Text>
                    {up || down ? (
                      <Tag className={up ? 'siyi-tag--good' : 'siyi-tag--bad'} style={{ marginInlineStart: 8 }}>
                        {up ? t('retailers.detail.tierUp') : t('retailers.detail.tierDown')}
                      </Tag>
                    ) : null}
                    <div>
                      <Typography.Text>
                        {t('retailers.detail.effectiveWeek', { week: formatDate(change.effectiveWeek, i18n.language) })}
                      </Typography.Text>
                    </div>
                    {change.basis ? (
                      <div>
                        <Typography.Text type="secondary">
                          {t('retailers.detail.basis', { basis: tierBasisText(change.basis, t) })}
                        </Typography.Text>
                      </div>
                    ) : null}
                  </div>
                ),
              };
            })}
          />
        )}
      </Card>
    </>
  );
}
