import '@/modules/concerns/concerns.messages';
import { CheckOutlined, PlusOutlined, WarningFilled } from '@ant-design/icons';
import type { FollowUpItem } from '@siyi/contracts';
import { Alert, App, Button, Popconfirm, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '@/modules/auth/session';
import { formatDate, formatDateTime } from '@/ui/format';
import { type ResponsiveColumn, ResponsiveTable } from '@/ui/responsive-table';
import { BlockLoading, EmptyState, ErrorState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { CategoryLabel, ConcernStatusTag, DueText, useNow } from './concern-labels';
import { distanceInWords, followUpDeadline, mergeWork, type WorkRow } from './concern-time';
import { allItems, type ConcernListFilter, useConcernList, useFollowUps, useMarkFollowUpDone } from './concerns.api';
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

function FollowUpDue({ followUp, now }: { followUp: FollowUpItem; now: Date }) {
  const { t, i18n } = useTranslation();
  const words = distanceInWords(new Date(followUpDeadline(followUp.dueDate)).toISOString(), now);
  const exact = t('concerns.work.followUpDue', { date: formatDate(followUp.dueDate, i18n.language) });
  const overdue = words.kind === 'overdue' || followUp.overdue;
  return (
    <span className={overdue ? 'siyi-concern-due siyi-concern-due--overdue' : 'siyi-concern-due'} title={exact}>
      {overdue && words.kind === 'left'
        ? t('concerns.due.overdueMinutes', { count: 1 })
        : t(`concerns.due.${words.kind}${words.unit}`, { count: words.count })}
    </span>
  );
}

function MarkDoneButton({ followUp }: { followUp: FollowUpItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mark = useMarkFollowUpDone();
  if (!followUp.canMarkDone) return null;
  return (
    <Popconfirm
      title={t('concerns.work.markDoneConfirm')}
      okText={t('concerns.work.markDone')}
      cancelText={t('common.cancel')}
      okButtonProps={{ size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
      onConfirm={() =>
        mark.mutateAsync(followUp).then(
          () => void message.success(t('concerns.work.markedDone', { text: followUp.text })),
          (error: unknown) => void message.error(error instanceof Error ? error.message : String(error)),
        )
      }
    >
      <Button
        size="large"
        icon={<CheckOutlined aria-hidden />}
        loading={mark.isPending}
        data-testid="follow-up-done"
        className="siyi-follow-up-done"
      >
        {t('concerns.work.markDone')}
      </Button>
    </Popconfirm>
  );
}

/** The columns of My work: the concern or follow-up (its link), status, time left, priority, when raised. */
export function useWorkColumns(now: Date): ResponsiveColumn<WorkRow>[] {
  const { t, i18n } = useTranslation();
  const { id: userId } = useCurrentUser();
  return [
    {
      key: 'concern',
      title: t('concerns.detail.text'),
      render: (_v, row) => {
        if (row.kind === 'followUp') {
          const f = row.followUp;
          const late = followUpDeadline(f.dueDate) < now.getTime();
          return (
            <Link
              to={`/visits/${f.visitId}`}
              className="siyi-concern-link"
              data-testid="work-follow-up"
              data-visit={f.visitId}
              data-index={f.index}
            >
              {late ? <WarningFilled aria-hidden className="siyi-concern-overdue-icon" /> : null}
              <span className="siyi-concern-link__shop">
                {f.shopName}
                <Tag color="purple" className="siyi-concern-escalated-tag">
                  {t('concerns.work.followUpTag')}
                </Tag>
              </span>
              <span className="siyi-concern-link__what">{f.text.length > 60 ? `${f.text.slice(0, 60)}…` : f.text}</span>
            </Link>
          );
        }
        const c = row.concern;
        return (
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
        );
      },
    },
    {
      key: 'status',
      title: t('concerns.detail.status'),
      render: (_v, row) =>
        row.kind === 'followUp' ? (
          <MarkDoneButton followUp={row.followUp} />
        ) : (
          <ConcernStatusTag status={row.concern.status} />
        ),
    },
    {
      key: 'due',
      title: t('concerns.detail.dueAt'),
      render: (_v, row) =>
        row.kind === 'followUp' ? (
          <FollowUpDue followUp={row.followUp} now={now} />
        ) : (
          <DueText concern={row.concern} now={now} />
        ),
    },
    {
      key: 'priority',
      title: t('concerns.detail.priority'),
      render: (_v, row) => (row.kind === 'followUp' ? '—' : t(`concerns.priorities.${row.concern.priority}`)),
    },
    {
      key: 'raised',
      title: t('concerns.detail.raisedAt'),
      render: (_v, row) =>
        row.kind === 'followUp'
          ? row.followUp.visitedAt
            ? t('concerns.work.followUpFrom', { date: formatDateTime(row.followUp.visitedAt, i18n.language) })
            : '—'
          : formatDateTime(row.concern.createdAt, i18n.language),
    },
  ];
}

/**
 * `/concerns` for a manager or supervisor: the concerns it owns, by deadline, overdue first and in red; a
 * manager's list also holds the follow-ups it promised on visits (open ones, ticked done here).
 */
export function MyWorkPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const asked = search.get('show') as WorkFilter | null;
  const filter: WorkFilter = asked && FILTERS.includes(asked) ? asked : 'open';
  const { role } = useCurrentUser();
  const list = useConcernList(queryFor(filter, role));
  const withFollowUps = role === 'manager' && (filter === 'open' || filter === 'overdue');
  const followUps = useFollowUps(role === 'manager');
  const now = useNow();
  const columns = useWorkColumns(now);
  useDocumentTitle(t('concerns.work.title'));
  const concerns = allItems(list.data?.pages);
  const promised = withFollowUps
    ? (followUps.data?.items ?? []).filter((f) => filter === 'open' || followUpDeadline(f.dueDate) < now.getTime())
    : [];
  const rows = mergeWork(concerns, promised, !list.hasNextPage);
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
      {withFollowUps && followUps.isError ? (
        <Alert type="warning" showIcon message={t('concerns.work.followUpsError')} />
      ) : null}
      {withFollowUps && followUps.data?.truncated ? (
        <Alert
          type="info"
          showIcon
          message={t('concerns.work.followUpsTruncated', { count: followUps.data.items.length })}
        />
      ) : null}
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending || (withFollowUps && followUps.isPending) ? (
        <BlockLoading rows={8} />
      ) : rows.length === 0 ? (
        <EmptyState
          description={
            withFollowUps && filter === 'open' ? t('concerns.work.followUpsOnly') : t(`concerns.work.emptyBy.${filter}`)
          }
        />
      ) : (
        <>
          <div className="siyi-concern-list">
            <ResponsiveTable columns={columns} rows={rows} rowKey={(r) => r.key} label={t('concerns.work.title')} />
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
