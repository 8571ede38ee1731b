import { PlusOutlined, WarningFilled } from '@ant-design/icons';
import type { Concern } from '@siyi/contracts';
import { Button, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '@/modules/auth/session';
import { formatDateTime } from '@/ui/format';
import { type ResponsiveColumn, ResponsiveTable } from '@/ui/responsive-table';
import { BlockLoading, EmptyState, ErrorState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { CategoryLabel, ConcernStatusTag, DueText, useNow } from './concern-labels';
import { allItems, type ConcernListFilter, useConcernList } from './concerns.api';
import { LogConcernDialog } from './log-concern-dialog';
import './concerns.css';

const FILTERS = ['open', 'overdue', 'waiting', 'final'] as const;
type WorkFilter = (typeof FILTERS)[number];

const filterQuery: Record<WorkFilter, ConcernListFilter> = {
  open: { status: 'open' },
  overdue: { status: 'open', overdue: 'true' },
  waiting: { status: 'resolved' },
  final: { status: 'final' },
};

/**
 * A supervisor's list is what it owns (its district's would bury it). A manager's is its retailers' concerns
 * (its scope): the ones a breached deadline moved to the supervisor stay in sight, and the manager still works them.
 */
const queryFor = (filter: WorkFilter, role: string): ConcernListFilter =>
  role === 'manager' ? filterQuery[filter] : { ...filterQuery[filter], owner: 'me' };

/** The columns of a concern list: the concern (its link), status, time left, priority, when raised. */
export function useConcernColumns(now: Date): ResponsiveColumn<Concern>[] {
  const { t, i18n } = useTranslation();
  const { id: userId } = useCurrentUser();
  return [
    {
      key: 'concern',
      title: t('concerns.detail.text'),
      render: (_v, c) => (
        <Link to={`/concerns/${c.id}`} className="siyi-concern-link" data-testid="work-concern" data-id={c.id}>
          {c.overdue ? <WarningFilled aria-hidden className="siyi-concern-overdue-icon" /> : null}
          <span className="siyi-concern-link__shop">
            {c.shopName}
            {c.escalatedAt && c.owner?.id !== userId ? (
              <Tag color="error" className="siyi-concern-escalated-tag">
                {t('concerns.work.escalated')}
              </Tag>
            ) : null}
          </span>
          <span className="siyi-concern-link__what">
            <CategoryLabel category={c.category} /> · {c.text.length > 40 ? `${c.text.slice(0, 40)}…` : c.text}
          </span>
        </Link>
      ),
    },
    {
      key: 'status',
      title: t('concerns.detail.status'),
      render: (_v, c) => <ConcernStatusTag status={c.status} />,
    },
    {
      key: 'due',
      title: t('concerns.detail.dueAt'),
      render: (_v, c) => <DueText concern={c} now={now} />,
    },
    {
      key: 'priority',
      title: t('concerns.detail.priority'),
      render: (_v, c) => t(`concerns.priorities.${c.priority}`),
    },
    {
      key: 'raised',
      title: t('concerns.detail.raisedAt'),
      render: (_v, c) => formatDateTime(c.createdAt, i18n.language),
    },
  ];
}

/** `/concerns` for a manager or supervisor: the concerns it owns, by deadline, overdue first and in red. */
export function MyWorkPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const asked = search.get('show') as WorkFilter | null;
  const filter: WorkFilter = asked && FILTERS.includes(asked) ? asked : 'open';
  const { role } = useCurrentUser();
  const list = useConcernList(queryFor(filter, role));
  const now = useNow();
  const columns = useConcernColumns(now);
  useDocumentTitle(t('concerns.work.title'));
  const items = allItems(list.data?.pages);
  const [logging, setLogging] = useState(false);
  return (
    <div className="siyi-page">
      <div className="siyi-concern-work-head">
        <Typography.Title level={1} className="siyi-page__title">
          {t('concerns.work.title')}
        </Typography.Title>
        <Button size="large" icon={<PlusOutlined aria-hidden />} onClick={() => setLogging(true)}>
          {t('concerns.log.open')}
        </Button>
      </div>
      {logging ? <LogConcernDialog onClose={() => setLogging(false)} /> : null}
      <Typography.Paragraph type="secondary">
        {role === 'manager' ? t('concerns.work.introManager') : t('concerns.work.intro')}
      </Typography.Paragraph>
      <div>
        <Radio.Group
          value={filter}
          onChange={(e) => setSearch(e.target.value === 'open' ? {} : { show: e.target.value as string })}
          optionType="button"
          size="large"
          aria-label={t('concerns.work.filter')}
          className="siyi-concern-filter"
          options={FILTERS.map((f) => ({ value: f, label: t(`concerns.work.filters.${f}`) }))}
        />
      </div>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <BlockLoading rows={8} />
      ) : items.length === 0 ? (
        <EmptyState description={t(`concerns.work.emptyBy.${filter}`)} />
      ) : (
        <>
          <div className="siyi-concern-list">
            <ResponsiveTable columns={columns} rows={items} rowKey={(c) => c.id} label={t('concerns.work.title')} />
          </div>
          {list.hasNextPage ? (
            <Button size="large" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t('concerns.work.loadMore')}
            </Button>
          ) : null}
        </>
      )}
    </div>
  );
}
