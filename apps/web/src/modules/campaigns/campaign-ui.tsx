import '@/modules/campaigns/campaigns.messages';
import type { CampaignStatus, ProductKnowledge } from '@siyi/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { Radio, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '@/ui/format';
import { BlockLoading, ErrorState, StatusPanel } from '@/ui/states';
import { isMissingRoute } from './form-errors';

const STATUS_COLORS: Record<CampaignStatus, string> = { upcoming: 'blue', running: 'green', ended: 'default' };

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status}>
      {t(`campaigns.status.${status}`)}
    </Tag>
  );
}

export function CampaignPeriod({ startsOn, endsOn }: { startsOn: string; endsOn: string }) {
  const { t, i18n } = useTranslation();
  return (
    <span>
      {t('campaigns.list.period', { from: formatDate(startsOn, i18n.language), to: formatDate(endsOn, i18n.language) })}
    </span>
  );
}

/**
 * A query's states for the campaign pages: loading, a 404 shown as `notFound` (a record not there or out of scope;
 * a route the server does not have yet answers 404 too — the page then says so plainly instead of failing), other
 * errors with a retry, and the data.
 */
export function CampaignQuery<T>({
  query,
  notFound,
  loading,
  children,
}: {
  query: UseQueryResult<T>;
  notFound?: ReactNode;
  loading?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isError) {
    if (isMissingRoute(query.error)) {
      return (
        <>
          {notFound ?? (
            <StatusPanel code="404" title={t('campaigns.common.notReadyTitle')} body={t('campaigns.common.notReady')} />
          )}
        </>
      );
    }
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (query.data === undefined) return <>{loading ?? <BlockLoading />}</>;
  return <>{children(query.data)}</>;
}

/** What a product is about: selling points, then the facts; the guide for the manager when it is given. */
export function KnowledgeView({
  knowledge,
  audience,
}: {
  knowledge: ProductKnowledge;
  /** The manager sees the talking guide first and large; the retailer sees its sales tips. */
  audience: 'manager' | 'retailer';
}) {
  const { t } = useTranslation();
  const empty =
    knowledge.sellingPoints.length === 0 &&
    !knowledge.targetConsumers &&
    !knowledge.pricePosition &&
    !knowledge.retailerTips &&
    !knowledge.talkingGuide;
  if (empty) {
    return (
      <Typography.Paragraph type="secondary">
        {audience === 'manager' ? t('campaigns.introduce.noKnowledge') : t('campaigns.shop.noKnowledge')}
      </Typography.Paragraph>
    );
  }
  const words = audience === 'manager' ? 'introduce' : 'shop';
  return (
    <div className="siyi-campaign-section" data-testid="product-knowledge">
      {knowledge.sellingPoints.length > 0 ? (
        <div>
          <Typography.Text strong>{t(`campaigns.${words}.sellingPoints`)}</Typography.Text>
          <ol className="siyi-selling-points" data-testid="selling-points">
            {knowledge.sellingPoints.map((point, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: points are an ordered list of text
              <li key={i}>{point}</li>
            ))}
          </ol>
        </div>
      ) : null}
      {audience === 'manager' && knowledge.talkingGuide ? (
        <div>
          <Typography.Text strong>{t('campaigns.introduce.talkingGuide')}</Typography.Text>
          <p className="siyi-guide" data-testid="talking-guide">
            {knowledge.talkingGuide}
          </p>
        </div>
      ) : null}
      {audience === 'retailer' && knowledge.retailerTips ? (
        <div>
          <Typography.Text strong>{t('campaigns.shop.tips')}</Typography.Text>
          <p className="siyi-guide" data-testid="retailer-tips">
            {knowledge.retailerTips}
          </p>
        </div>
      ) : null}
      <dl className="siyi-knowledge-facts">
        {knowledge.targetConsumers ? (
          <>
            <dt>{t(`campaigns.${words}.targetConsumers`)}</dt>
            <dd>{knowledge.targetConsumers}</dd>
          </>
        ) : null}
        {knowledge.pricePosition ? (
          <>
            <dt>{t(`campaigns.${words}.pricePosition`)}</dt>
            <dd>{knowledge.pricePosition}</dd>
          </>
        ) : null}
        {audience === 'manager' && knowledge.retailerTips ? (
          <>
            <dt>{t('campaigns.introduce.retailerTips')}</dt>
            <dd>{knowledge.retailerTips}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

/** A row of large answer buttons that wrap on a narrow screen (reaction, feedback). */
export function Choice<V extends string>({
  value,
  options,
  onChange,
  label,
  testId,
  disabled,
}: {
  value: V | undefined;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  label: string;
  testId?: string;
  disabled?: boolean;
}) {
  return (
    <Radio.Group
      className="siyi-choice"
      optionType="button"
      buttonStyle="solid"
      size="large"
      aria-label={label}
      value={value}
      disabled={disabled}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value as V)}
      options={options.map((o) => ({ value: o.value, label: o.label }))}
    />
  );
}
