import '@/modules/ordering/ordering.messages';
import { CheckOutlined, CloseOutlined, SafetyCertificateOutlined, SolutionOutlined } from '@ant-design/icons';
import type { ProposalView } from '@siyi/contracts';
import { Alert, App, Button, Card, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatDateTime } from '@/ui/format';
import type { OrderLine } from './order-draft';
import { useAcceptProposal, useRejectProposal, useReportPressured } from './ordering.api';
import { PressureDialog } from './pressure-dialog';

/** What is being reported: a whole pending proposal, or one order line accepted from a proposal. */
export type PressureTarget =
  | { kind: 'proposal'; proposal: ProposalView }
  | { kind: 'line'; lineId: number; productId: number; name: string };

const STATUS_COLOURS: Record<ProposalView['status'], string> = {
  pending: 'orange',
  accepted: 'green',
  rejected: 'default',
  expired: 'default',
};

/** Reports a proposal (rejecting it as pressured) or an accepted line as "not wanted / pressured". */
export function usePressureReport(onLineReported: (productId: number) => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [target, setTarget] = useState<PressureTarget | null>(null);
  const reject = useRejectProposal();
  const line = useReportPressured();
  const pending = reject.isPending || line.isPending;
  const error = target?.kind === 'proposal' ? reject.error : target?.kind === 'line' ? line.error : null;
  const done = () => {
    setTarget(null);
    void message.success(t('ordering.pressure.sent'));
  };
  const send = (note: string) => {
    if (!target) return;
    if (target.kind === 'proposal') {
      reject.mutate({ id: target.proposal.id, body: { pressured: true, note } }, { onSuccess: done });
    } else {
      const productId = target.productId;
      line.mutate(
        { lineId: target.lineId, note },
        {
          onSuccess: () => {
            onLineReported(productId);
            done();
          },
        },
      );
    }
  };
  const dialog = (
    <PressureDialog
      open={target !== null}
      subject={
        target?.kind === 'line'
          ? target.name
          : target?.kind === 'proposal'
            ? t('ordering.pressure.proposalSubject')
            : ''
      }
      noteRequired={target?.kind === 'line'}
      pending={pending}
      error={error}
      onSend={send}
      onCancel={() => {
        setTarget(null);
        reject.reset();
        line.reset();
      }}
    />
  );
  return {
    open: (next: PressureTarget) => {
      reject.reset();
      line.reset();
      setTarget(next);
    },
    dialog,
  };
}

function ProposalItem({
  proposal,
  lines,
  canAct,
  onPressured,
  onAccepted,
}: {
  proposal: ProposalView;
  lines: readonly OrderLine[];
  canAct: boolean;
  onPressured: (target: PressureTarget) => void;
  onAccepted: (proposal: ProposalView) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const accept = useAcceptProposal();
  const reject = useRejectProposal();
  const pending = proposal.status === 'pending';
  const error = accept.error ?? reject.error;
  return (
    <li
      className="siyi-order-proposal"
      data-testid="order-proposal"
      data-id={proposal.id}
      data-status={proposal.status}
    >
      <div className="siyi-order-proposal__head">
        <Typography.Text type="secondary">
          {t('ordering.proposals.from', { at: formatDateTime(proposal.createdAt, i18n.language) })}
        </Typography.Text>
        <Tag color={STATUS_COLOURS[proposal.status]}>{t(`ordering.proposals.statuses.${proposal.status}`)}</Tag>
      </div>
      <ul className="siyi-order-proposal__lines">
        {proposal.lines.map((pl) => {
          // The order line this proposal line became, while it is still on the order.
          const orderLine =
            proposal.status === 'accepted' && !pl.pressured
              ? lines.find(
                  (l) =>
                    l.productId === pl.productId && l.origin === 'proposal_accepted' && l.proposalId === proposal.id,
                )
              : undefined;
          return (
            <li key={pl.id} data-testid="order-proposal-line" data-product-id={pl.productId}>
              <span>
                {t('ordering.proposals.line', {
                  name: pl.productName,
                  value: formatCount(pl.quantity, i18n.language),
                })}
              </span>
              {pl.pressured ? <Tag color="red">{t('ordering.proposals.linePressured')}</Tag> : null}
              {orderLine ? (
                <Button
                  danger
                  type="link"
                  icon={<SafetyCertificateOutlined />}
                  data-testid="order-proposal-line-pressured"
                  onClick={() =>
                    onPressured({ kind: 'line', lineId: orderLine.id, productId: pl.productId, name: pl.productName })
                  }
                >
                  {t('ordering.product.pressured')}
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {pending && proposal.codeExpiresAt ? (
        <Typography.Paragraph type="secondary" className="siyi-order-proposal__code">
          {t('ordering.proposals.codeUntil', { at: formatDateTime(proposal.codeExpiresAt, i18n.language) })}
        </Typography.Paragraph>
      ) : null}
      {error ? (
        <Alert
          type="error"
          showIcon
          message={error instanceof Error ? error.message : String(error)}
          style={{ marginBottom: 8 }}
        />
      ) : null}
      {pending && canAct ? (
        <div className="siyi-order-proposal__actions">
          <Button
            type="primary"
            size="large"
            icon={<CheckOutlined />}
            data-testid="order-proposal-accept"
            loading={accept.isPending}
            disabled={reject.isPending}
            onClick={() =>
              accept.mutate(proposal.id, {
                onSuccess: () => {
                  onAccepted(proposal);
                  void message.success(t('ordering.proposals.accepted'));
                },
              })
            }
          >
            {t('ordering.proposals.accept')}
          </Button>
          <Button
            size="large"
            icon={<CloseOutlined />}
            loading={reject.isPending}
            disabled={accept.isPending}
            onClick={() =>
              reject.mutate(
                { id: proposal.id, body: { pressured: false, note: '' } },
                { onSuccess: () => void message.success(t('ordering.proposals.rejected')) },
              )
            }
          >
            {t('ordering.proposals.reject')}
          </Button>
          <Button
            size="large"
            danger
            icon={<SafetyCertificateOutlined />}
            disabled={accept.isPending || reject.isPending}
            data-testid="order-proposal-pressured"
            onClick={() => onPressured({ kind: 'proposal', proposal })}
          >
            {t('ordering.proposals.pressured')}
          </Button>
        </div>
      ) : null}
    </li>
  );
}

/**
 * The manager's proposals in the retailer's portal: pending ones first with Accept / Reject / Not wanted-pressured,
 * then those dealt with this week (an accepted one's lines can still be reported as pressured). Nothing when none.
 */
export function ProposalsCard({
  proposals,
  lines,
  canAct,
  onPressured,
  onAccepted,
}: {
  proposals: readonly ProposalView[];
  lines: readonly OrderLine[];
  canAct: boolean;
  onPressured: (target: PressureTarget) => void;
  /** The proposal's lines are now on the order (and submitted): the page's unsaved edits take them in. */
  onAccepted: (proposal: ProposalView) => void;
}) {
  const { t } = useTranslation();
  if (proposals.length === 0) return null;
  const pending = proposals.filter((p) => p.status === 'pending');
  const decided = proposals.filter((p) => p.status !== 'pending');
  return (
    <Card
      className={pending.length > 0 ? 'siyi-order-proposals siyi-order-proposals--ask' : 'siyi-order-proposals'}
      title={
        <span>
          <SolutionOutlined aria-hidden /> {t('ordering.proposals.title')}
        </span>
      }
      data-testid="order-proposals"
    >
      <Typography.Paragraph>{t('ordering.proposals.intro')}</Typography.Paragraph>
      {pending.length > 0 ? (
        <ul className="siyi-order-proposal-list">
          {pending.map((p) => (
            <ProposalItem
              key={p.id}
              proposal={p}
              lines={lines}
              canAct={canAct}
              onPressured={onPressured}
              onAccepted={onAccepted}
            />
          ))}
        </ul>
      ) : null}
      {decided.length > 0 ? (
        <>
          <Typography.Title level={4} className="siyi-order-proposals__decided">
            {t('ordering.proposals.decided')}
          </Typography.Title>
          <ul className="siyi-order-proposal-list">
            {decided.map((p) => (
              <ProposalItem
                key={p.id}
                proposal={p}
                lines={lines}
                canAct={canAct}
                onPressured={onPressured}
                onAccepted={onAccepted}
              />
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}
