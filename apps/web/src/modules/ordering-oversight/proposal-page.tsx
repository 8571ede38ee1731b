import '@/modules/ordering-oversight/ordering-oversight.messages';
import { ArrowLeftOutlined, PhoneOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { ProposalView } from '@siyi/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, InputNumber, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { formatCount, formatDateTime } from '@/ui/format';
import { LinkButton } from '@/ui/link-button';
import { BlockLoading, EmptyState, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import {
  cleanCode,
  type ProposalChoice,
  proposalChoices,
  proposalLines,
  shownProposal,
  suggestedQuantities,
  withProposal,
} from './ordering-figures';
import {
  orderingOversightApi,
  useOrderWeek,
  useProposalMutation,
  useProposals,
  useRetailer,
  useRetailerSales,
  useRetailerSuggestions,
} from './ordering-oversight.api';
import './ordering-oversight.css';

const STATUS_COLORS: Record<ProposalView['status'], string> = {
  pending: 'blue',
  accepted: 'green',
  rejected: 'red',
  expired: 'default',
};

/** What the manager must keep in mind: a proposal only, the retailer decides, nothing tied to anything. */
function Principle() {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      icon={<SafetyCertificateOutlined aria-hidden />}
      message={t('orderingOversight.proposal.principle')}
      data-testid="proposal-principle"
    />
  );
}

function Composer({
  retailerId,
  choices,
  onSent,
}: {
  retailerId: number;
  choices: ProposalChoice[];
  onSent: (proposal: ProposalView) => void;
}) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const [quantities, setQuantities] = useState<Record<number, number | null>>({});
  const send = useProposalMutation(orderingOversightApi.propose);
  const lines = proposalLines(choices, quantities);
  const cartons = lines.reduce((sum, l) => sum + l.quantity, 0);
  // The server's per-line messages (lines.N.productId / lines.N.quantity) belong to the product on line N.
  const lineProblems = useMemo(() => {
    const out = new Map<number, string[]>();
    if (!(send.error instanceof ApiError)) return out;
    for (const [path, text] of Object.entries(send.error.fields)) {
      const match = /^lines\.(\d+)\./.exec(path);
      const line = match ? lines[Number(match[1])] : undefined;
      if (line) out.set(line.productId, [...(out.get(line.productId) ?? []), text]);
    }
    return out;
  }, [send.error, lines]);
  const general =
    send.error && !(send.error instanceof ApiError && lineProblems.size > 0)
      ? send.error instanceof ApiError
        ? [send.error.message, ...Object.values(send.error.fields)].join(' ')
        : String(send.error)
      : null;
  const submit = () => {
    if (lines.length === 0) {
      void message.warning(t('orderingOversight.proposal.nothing'));
      return;
    }
    modal.confirm({
      title: t('orderingOversight.proposal.send'),
      content: t('orderingOversight.proposal.sendConfirm'),
      okText: t('orderingOversight.proposal.send'),
      cancelText: t('common.cancel'),
      onOk: () =>
        send.mutateAsync({ retailerId, lines }).then(
          (proposal) => {
            void message.success(t('orderingOversight.proposal.sent'));
            onSent(proposal);
          },
          () => undefined,
        ),
    });
  };
  if (choices.length === 0) return <EmptyState description={t('orderingOversight.proposal.noChoices')} />;
  return (
    <Card title={t('orderingOversight.proposal.products')}>
      <Typography.Paragraph type="secondary">{t('orderingOversight.proposal.productsIntro')}</Typography.Paragraph>
      <div className="siyi-proposal-actions">
        <Button size="large" onClick={() => setQuantities(suggestedQuantities(choices))} data-testid="proposal-prefill">
          {t('orderingOversight.proposal.prefill')}
        </Button>
        <Button size="large" onClick={() => setQuantities({})}>
          {t('orderingOversight.proposal.clear')}
        </Button>
      </div>
      <ul className="siyi-proposal-lines" data-testid="proposal-lines">
        {choices.map((c) => {
          const problems = lineProblems.get(c.productId);
          return (
            <li key={c.productId} className="siyi-proposal-line" data-product-id={c.productId}>
              <div className="siyi-proposal-line__what">
                <Typography.Text strong>{c.name}</Typography.Text>
                {c.suggestion ? <Typography.Text type="secondary">{c.suggestion.reason}</Typography.Text> : null}
                {c.recentCartons !== null ? (
                  <Typography.Text type="secondary">
                    {t('orderingOversight.proposal.recent', { quantity: formatCount(c.recentCartons, i18n.language) })}
                  </Typography.Text>
                ) : null}
                {problems ? (
                  <Typography.Text type="danger" role="alert">
                    {problems.join(' ')}
                  </Typography.Text>
                ) : null}
              </div>
              <InputNumber
                size="large"
                min={0}
                max={999}
                precision={0}
                inputMode="numeric"
                className="siyi-proposal-line__qty"
                value={quantities[c.productId] ?? null}
                onChange={(value) => setQuantities((q) => ({ ...q, [c.productId]: value }))}
                aria-label={t('orderingOversight.proposal.quantity', { name: c.name })}
                status={problems ? 'error' : undefined}
                suffix={t('orderingOversight.common.cartons', { value: '' }).trim()}
                data-testid="proposal-quantity"
              />
            </li>
          );
        })}
      </ul>
      {general ? <Alert type="error" showIcon message={general} style={{ marginTop: 12 }} /> : null}
      <div className="siyi-proposal-sum">
        <Typography.Text strong data-testid="proposal-total">
          {t('orderingOversight.proposal.total', {
            lines: formatCount(lines.length, i18n.language),
            cartons: formatCount(cartons, i18n.language),
          })}
        </Typography.Text>
        <Button
          type="primary"
          size="large"
          onClick={submit}
          loading={send.isPending}
          disabled={lines.length === 0}
          data-testid="proposal-send"
        >
          {t('orderingOversight.proposal.send')}
        </Button>
      </div>
    </Card>
  );
}

/** The manager types the code the retailer reads on the phone; only then is the proposal an order. */
function PhoneCode({ proposal, onDecided }: { proposal: ProposalView; onDecided: (p: ProposalView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [code, setCode] = useState('');
  const [touched, setTouched] = useState(false);
  const accept = useProposalMutation((typed: string) => orderingOversightApi.acceptByCode(proposal.id, typed));
  const problem =
    accept.error instanceof ApiError
      ? (accept.error.fields.code ?? accept.error.message)
      : accept.error
        ? String(accept.error)
        : touched && code.length !== 6
          ? t('orderingOversight.proposal.codeInvalid')
          : null;
  const submit = () => {
    setTouched(true);
    if (code.length !== 6) return;
    accept.mutate(code, {
      onSuccess: (decided) => {
        void message.success(t('orderingOversight.proposal.accepted'));
        onDecided(decided);
      },
    });
  };
  return (
    <Card
      title={
        <span>
          <PhoneOutlined aria-hidden /> {t('orderingOversight.proposal.phoneTitle')}
        </span>
      }
    >
      <Typography.Paragraph>{t('orderingOversight.proposal.phoneIntro')}</Typography.Paragraph>
      <form
        className="siyi-proposal-code"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div>
          <label htmlFor="proposal-code">
            <Typography.Text strong>{t('orderingOversight.proposal.code')}</Typography.Text>
          </label>
          <Input
            id="proposal-code"
            size="large"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => {
              setCode(cleanCode(e.target.value));
              accept.reset();
            }}
            status={problem ? 'error' : undefined}
            aria-invalid={problem ? true : undefined}
            aria-describedby="proposal-code-help"
            data-testid="proposal-code"
          />
          <div id="proposal-code-help">
            {problem ? (
              <Typography.Text type="danger" role="alert">
                {problem}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('orderingOversight.proposal.codeHelp')}</Typography.Text>
            )}
          </div>
        </div>
        <Button type="primary" size="large" htmlType="submit" loading={accept.isPending} data-testid="proposal-accept">
          {t('orderingOversight.proposal.accept')}
        </Button>
      </form>
    </Card>
  );
}

/**
 * The proposal read back may be older than the retailer's act in its portal; the week's states say whether it has
 * decided meanwhile (its shop is then no longer "proposal waiting").
 */
function DecidedElsewhere({ proposal }: { proposal: ProposalView }) {
  const { t } = useTranslation();
  const week = useOrderWeek({ week: proposal.week });
  const row = week.data?.retailers.find((r) => r.retailerId === proposal.retailerId);
  if (!row || row.state === 'proposal_waiting') return null;
  return (
    <Alert
      type="warning"
      showIcon
      message={t('orderingOversight.proposal.decidedElsewhere', { state: t(`orderingOversight.states.${row.state}`) })}
      data-testid="proposal-decided-elsewhere"
    />
  );
}

function ProposalState({
  proposal,
  retailerId,
  onDecided,
  onAnother,
}: {
  proposal: ProposalView;
  retailerId: number;
  onDecided: (p: ProposalView) => void;
  onAnother: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="siyi-order-stack">
      <Card title={t('orderingOversight.proposal.stateTitle')}>
        <div data-testid="proposal-state" data-status={proposal.status} data-proposal-id={proposal.id}>
          <Tag color={STATUS_COLORS[proposal.status]} style={{ fontSize: '1em', padding: '4px 8px' }}>
            {t(`orderingOversight.proposal.status.${proposal.status}`)}
          </Tag>
          <ul className="siyi-plain-list">
            <li>
              {t('orderingOversight.proposal.createdAt', { at: formatDateTime(proposal.createdAt, i18n.language) })}
            </li>
            {proposal.decidedAt ? (
              <li>
                {t('orderingOversight.proposal.decidedAt', { at: formatDateTime(proposal.decidedAt, i18n.language) })}
                {proposal.decidedVia ? ` · ${t(`orderingOversight.proposal.via.${proposal.decidedVia}`)}` : null}
              </li>
            ) : null}
            {proposal.status === 'pending' && proposal.codeExpiresAt ? (
              <li>
                {t('orderingOversight.proposal.codeExpiresAt', {
                  at: formatDateTime(proposal.codeExpiresAt, i18n.language),
                })}
              </li>
            ) : null}
          </ul>
          <ul className="siyi-proposal-lines">
            {proposal.lines.map((line) => (
              <li key={line.id} className="siyi-proposal-line">
                <Typography.Text strong>{line.productName}</Typography.Text>
                <span>
                  {t('orderingOversight.common.cartons', { value: formatCount(line.quantity, i18n.language) })}
                  {line.pressured ? (
                    <Tag color="red" style={{ marginInlineStart: 8 }}>
                      {t('orderingOversight.proposal.pressuredLine')}
                    </Tag>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        </div>
      </Card>
      {proposal.status === 'pending' ? <DecidedElsewhere proposal={proposal} /> : null}
      {proposal.status === 'pending' ? <PhoneCode proposal={proposal} onDecided={onDecided} /> : null}
      <div className="siyi-proposal-actions">
        <LinkButton size="large" to={`/retailers/${retailerId}`} icon={<ArrowLeftOutlined aria-hidden />}>
          {t('orderingOversight.proposal.backToRetailer')}
        </LinkButton>
        <LinkButton size="large" to="/orders/week">
          {t('orderingOversight.proposal.toWeek')}
        </LinkButton>
        <Button size="large" onClick={onAnother} data-testid="proposal-another">
          {t('orderingOversight.proposal.another')}
        </Button>
      </div>
    </div>
  );
}

function ComposerChoices({ retailerId, onSent }: { retailerId: number; onSent: (p: ProposalView) => void }) {
  const { t } = useTranslation();
  const suggestions = useRetailerSuggestions(retailerId);
  const sales = useRetailerSales(retailerId);
  const waiting = suggestions.isPending || sales.isPending;
  const choices = useMemo(
    () => proposalChoices(suggestions.data ?? [], sales.data?.topProducts ?? []),
    [suggestions.data, sales.data],
  );
  if (waiting) return <BlockLoading rows={8} />;
  return (
    <>
      {suggestions.isError ? (
        <Alert
          type="warning"
          showIcon
          message={t('orderingOversight.proposal.choicesFailed', {
            message: suggestions.error instanceof Error ? suggestions.error.message : '',
          })}
        />
      ) : null}
      <Composer retailerId={retailerId} choices={choices} onSent={onSent} />
    </>
  );
}

/**
 * `/orders/proposals/new?retailerId=`: a manager prepares an order proposal for one of its retailers (the retailer's
 * own suggestions can fill it in), sends it, and sees its state; when the retailer reads back its code on the phone
 * the manager enters it here. Nothing becomes an order without the retailer's act.
 */
export function ProposalPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const retailerId = Number(search.get('retailerId'));
  const valid = Number.isInteger(retailerId) && retailerId > 0;
  const retailer = useRetailer(valid ? retailerId : 0);
  // The week's proposals are read back from the server, so a reload (or another device) shows the latest one.
  const proposals = useProposals(valid ? retailerId : 0);
  const client = useQueryClient();
  const [composing, setComposing] = useState(false);
  const proposal = shownProposal(proposals.data, composing);
  useDocumentTitle(t('orderingOversight.proposal.title'));
  const adopt = (p: ProposalView) => {
    client.setQueryData<ProposalView[]>(['ordering-oversight', 'proposals', retailerId, 'open'], (list) =>
      withProposal(list, p),
    );
    setComposing(false);
  };
  return (
    <div className="siyi-page">
      <Typography.Title level={1} className="siyi-page__title">
        {t('orderingOversight.proposal.title')}
      </Typography.Title>
      {!valid ? (
        <EmptyState description={t('orderingOversight.proposal.noRetailer')} />
      ) : (
        <QueryView query={retailer} loading={<BlockLoading rows={8} />}>
          {(shop) => (
            <div className="siyi-order-stack">
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="proposal-shop">
                {t('orderingOversight.proposal.forShop', { name: shop.shopName })}
              </Typography.Title>
              <Principle />
              {proposals.isPending ? (
                <BlockLoading rows={4} />
              ) : proposals.isError && !composing ? (
                <Alert
                  type="error"
                  showIcon
                  message={t('orderingOversight.proposal.readFailed')}
                  action={
                    <Button size="large" onClick={() => setComposing(true)}>
                      {t('orderingOversight.proposal.another')}
                    </Button>
                  }
                />
              ) : proposal ? (
                <ProposalState
                  proposal={proposal}
                  retailerId={retailerId}
                  onDecided={adopt}
                  onAnother={() => setComposing(true)}
                />
              ) : (
                <ComposerChoices retailerId={retailerId} onSent={adopt} />
              )}
            </div>
          )}
        </QueryView>
      )}
    </div>
  );
}
