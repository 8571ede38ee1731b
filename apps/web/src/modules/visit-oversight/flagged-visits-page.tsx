import '@/modules/visit-oversight/visit-oversight.messages';
import { AuditOutlined, CheckCircleFilled, PhoneOutlined } from '@ant-design/icons';
import {
  type SpotCheckBody,
  VISIT_QUALITY_NOTE_MAX,
  type VisitCallbackSays,
  type VisitFlag,
  type VisitSpotCheckOutcome,
  visitCallbackSays,
  visitSpotCheckOutcomes,
} from '@siyi/contracts';
import { Alert, App, Button, Card, Form, Input, Modal, Pagination, Radio, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { formatDate, formatDateTime } from '@/ui/format';
import { type ResponsiveColumn, ResponsiveTable } from '@/ui/responsive-table';
import { BlockLoading, EmptyState, ErrorState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { flagDetailWords } from './flag-words';
import { FLAG_KINDS, type FlagFilter, type FlagState, oversightApi, useFlagAction, useFlags } from './oversight.api';
import { flagKindWords } from './visit-timeline-words';
import './visit-oversight.css';

const STATES: FlagState[] = ['open', 'checked', 'all'];
type CallbackOutcome = VisitCallbackSays | 'unreachable';
const CALLBACK_OUTCOMES: CallbackOutcome[] = [...visitCallbackSays, 'unreachable'];

interface SpotCheckValues {
  outcome: VisitSpotCheckOutcome;
  note: string;
}

interface CallbackValues {
  outcome?: CallbackOutcome;
  note?: string;
}

/** Puts a server's per-field messages on the form's fields (`rename`: a server field shown on a form field). */
function placeFieldErrors(
  error: unknown,
  setFields: (fields: { name: string; errors: string[] }[]) => void,
  rename: Record<string, string>,
): void {
  if (!(error instanceof ApiError)) return;
  const placed = Object.entries(error.fields).filter(([name]) => rename[name] !== undefined);
  setFields(placed.map(([name, text]) => ({ name: rename[name] as string, errors: [text] })));
}

/** Who, where, what: the flag's heading in a dialog. */
function FlagSummary({ flag }: { flag: VisitFlag }) {
  const { t } = useTranslation();
  return (
    <div className="siyi-flag-detail" style={{ marginBottom: 12 }}>
      <Typography.Text strong>{flagKindWords(flag.kind, t)}</Typography.Text>
      <div>{[flag.shopName, flag.manager.name].filter(Boolean).join(' · ')}</div>
      {flagDetailWords(flag, t).map((line) => (
        <div key={line}>{line}</div>
      ))}
    </div>
  );
}

/** 抽检: the supervisor's finding on a flagged visit, with a note. */
function SpotCheckDialog({ flag, onClose }: { flag: VisitFlag; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SpotCheckValues>();
  const save = useFlagAction<SpotCheckBody>(oversightApi.spotCheck, flag);
  const submit = (values: SpotCheckValues) =>
    save.mutate(
      { outcome: values.outcome, note: values.note.trim() },
      {
        onSuccess: () => {
          void message.success(t('visitOversight.flags.spotCheckSaved'));
          onClose();
        },
        onError: (error) =>
          placeFieldErrors(error, (fields) => form.setFields(fields as never), { outcome: 'outcome', note: 'note' }),
      },
    );
  const fieldError = save.error instanceof ApiError && Object.keys(save.error.fields).length > 0;
  return (
    <Modal open title={t('visitOversight.flags.spotCheckTitle')} onCancel={onClose} footer={null} width={560}>
      <FlagSummary flag={flag} />
      <Typography.Paragraph type="secondary">{t('visitOversight.flags.spotCheckIntro')}</Typography.Paragraph>
      <Form<SpotCheckValues>
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={submit}
        initialValues={{ outcome: 'confirmed', note: '' }}
      >
        {save.error && !fieldError ? (
          <Alert type="error" showIcon message={(save.error as Error).message} style={{ marginBottom: 12 }} />
        ) : null}
        <Form.Item name="outcome" label={t('visitOversight.flags.spotCheckOutcome')}>
          <Radio.Group
            className="siyi-visit-filters"
            optionType="button"
            options={visitSpotCheckOutcomes.map((o) => ({
              value: o,
              label: t(`visitOversight.flags.spotCheckOutcomes.${o}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('visitOversight.flags.spotCheckNote')}
          rules={[{ required: true, whitespace: true, message: t('visitOversight.flags.spotCheckNoteRequired') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={VISIT_QUALITY_NOTE_MAX}
            placeholder={t('visitOversight.flags.spotCheckNotePlaceholder')}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('visitOversight.flags.spotCheckSubmit')}
        </Button>
      </Form>
    </Modal>
  );
}

/** 回访: what the retailer said when called about the visit. */
function CallbackDialog({ flag, onClose }: { flag: VisitFlag; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CallbackValues>();
  const save = useFlagAction(oversightApi.callback, flag);
  const submit = (values: CallbackValues) => {
    if (!values.outcome) return;
    save.mutate(
      {
        reached: values.outcome !== 'unreachable',
        retailerSays: values.outcome === 'unreachable' ? null : values.outcome,
        note: (values.note ?? '').trim(),
      },
      {
        onSuccess: () => {
          void message.success(t('visitOversight.flags.callbackSaved'));
          onClose();
        },
        onError: (error) =>
          placeFieldErrors(error, (fields) => form.setFields(fields as never), {
            reached: 'outcome',
            retailerSays: 'outcome',
            note: 'note',
          }),
      },
    );
  };
  const fieldError = save.error instanceof ApiError && Object.keys(save.error.fields).length > 0;
  return (
    <Modal open title={t('visitOversight.flags.callbackTitle')} onCancel={onClose} footer={null} width={560}>
      <FlagSummary flag={flag} />
      <Typography.Paragraph type="secondary">{t('visitOversight.flags.callbackIntro')}</Typography.Paragraph>
      <Form<CallbackValues> form={form} layout="vertical" size="large" requiredMark={false} onFinish={submit}>
        {save.error && !fieldError ? (
          <Alert type="error" showIcon message={(save.error as Error).message} style={{ marginBottom: 12 }} />
        ) : null}
        <Form.Item
          name="outcome"
          label={t('visitOversight.flags.callbackOutcome')}
          rules={[{ required: true, message: t('visitOversight.flags.callbackOutcomeRequired') }]}
        >
          <Radio.Group
            className="siyi-visit-filters"
            optionType="button"
            options={CALLBACK_OUTCOMES.map((o) => ({
              value: o,
              label: t(`visitOversight.flags.callbackOutcomes.${o}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('visitOversight.flags.callbackNote')}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={VISIT_QUALITY_NOTE_MAX}
            placeholder={t('visitOversight.flags.callbackNotePlaceholder')}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('visitOversight.flags.callbackSubmit')}
        </Button>
      </Form>
    </Modal>
  );
}

type Dialog = { kind: 'spot-check' | 'callback'; flag: VisitFlag } | null;

/**
 * `/visits/flags` for a supervisor (its district) or an admin: the visits the rules found doubtful — kind, manager,
 * retailer, evidence, day — each with a spot-check (抽检) and, when it concerns a retailer, a call-back (回访).
 */
export function FlaggedVisitsPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const kindParam = search.get('kind');
  const stateParam = search.get('state') as FlagState | null;
  const filter: FlagFilter = {
    kind:
      kindParam && (FLAG_KINDS as readonly string[]).includes(kindParam) ? (kindParam as VisitFlag['kind']) : undefined,
    state: stateParam && STATES.includes(stateParam) ? stateParam : 'open',
    managerId: Number(search.get('managerId')) > 0 ? Number(search.get('managerId')) : undefined,
  };
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<Dialog>(null);
  const flags = useFlags(filter, page);
  useDocumentTitle(t('visitOversight.flags.title'));

  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
    setPage(1);
  };

  const columns: ResponsiveColumn<VisitFlag>[] = [
    {
      key: 'kind',
      title: t('visitOversight.flags.kind'),
      width: 280,
      render: (_v, f) => (
        <span
          className="siyi-flag-detail"
          data-testid="flag"
          data-id={f.id}
          data-kind={f.kind}
          data-retailer={f.retailerId ?? ''}
          data-open={f.open}
        >
          <Tag color={f.open ? 'orange' : 'default'}>{flagKindWords(f.kind, t)}</Tag>
          {flagDetailWords(f, t).map((line) => (
            <span key={line} className="siyi-flag-detail__line">
              {line}
            </span>
          ))}
        </span>
      ),
    },
    {
      key: 'manager',
      title: t('visitOversight.common.manager'),
      render: (_v, f) => f.manager?.name ?? t('visitOversight.common.none'),
    },
    {
      key: 'retailer',
      title: t('visitOversight.common.retailer'),
      render: (_v, f) =>
        f.retailerId !== null ? (
          <Link to={`/retailers/${f.retailerId}`}>{f.shopName ?? f.retailerId}</Link>
        ) : (
          t('visitOversight.common.none')
        ),
    },
    {
      key: 'when',
      title: t('visitOversight.common.date'),
      render: (_v, f) =>
        f.day ? formatDate(f.day, i18n.language) : (f.month ?? formatDateTime(f.createdAt, i18n.language)),
    },
    {
      key: 'state',
      title: t('visitOversight.flags.state'),
      width: 180,
      render: (_v, f) =>
        f.spotCheck ? (
          <span className="siyi-flag-checked">
            <CheckCircleFilled aria-hidden /> {t(`visitOversight.flags.spotCheckOutcomes.${f.spotCheck.outcome}`)}
            <span className="siyi-flag-detail__line">
              {f.spotCheck.by
                ? t('visitOversight.flags.spotCheckedBy', {
                    name: f.spotCheck.by.name,
                    at: formatDateTime(f.spotCheck.at, i18n.language),
                  })
                : t('visitOversight.flags.spotChecked')}
            </span>
            {f.spotCheck.note ? <span className="siyi-flag-detail__line">{f.spotCheck.note}</span> : null}
            {f.callbacks > 0 ? (
              <span className="siyi-flag-detail__line">
                {t('visitOversight.flags.callbacksDone', { count: f.callbacks })}
              </span>
            ) : null}
          </span>
        ) : (
          <>
            {t('visitOversight.flags.states.open')}
            {f.callbacks > 0 ? (
              <span className="siyi-flag-detail__line">
                {t('visitOversight.flags.callbacksDone', { count: f.callbacks })}
              </span>
            ) : null}
          </>
        ),
    },
    {
      key: 'actions',
      title: t('visitOversight.flags.actions'),
      bareOnCard: true,
      render: (_v, f) => (
        <span className="siyi-flag-actions">
          <Button
            icon={<AuditOutlined aria-hidden />}
            onClick={() => setDialog({ kind: 'spot-check', flag: f })}
            disabled={!f.open}
            data-testid="flag-spot-check"
          >
            {f.open ? t('visitOversight.flags.spotCheck') : t('visitOversight.flags.spotChecked')}
          </Button>
          {f.visitId !== null ? (
            <Button
              icon={<PhoneOutlined aria-hidden />}
              onClick={() => setDialog({ kind: 'callback', flag: f })}
              data-testid="flag-callback"
            >
              {t('visitOversight.flags.callback')}
            </Button>
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <div className="siyi-page">
      <Typography.Title level={1} className="siyi-page__title">
        {t('visitOversight.flags.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('visitOversight.flags.intro')}</Typography.Paragraph>
      <div className="siyi-visit-filters">
        <Radio.Group
          value={filter.state}
          onChange={(e) => setParam('state', e.target.value === 'open' ? undefined : String(e.target.value))}
          aria-label={t('visitOversight.flags.stateFilter')}
          optionType="button"
          size="large"
          options={STATES.map((s) => ({ value: s, label: t(`visitOversight.flags.states.${s}`) }))}
        />
        <Select
          size="large"
          value={filter.kind ?? ''}
          onChange={(value: string) => setParam('kind', value || undefined)}
          aria-label={t('visitOversight.flags.kindFilter')}
          options={[
            { value: '', label: t('visitOversight.flags.allKinds') },
            ...FLAG_KINDS.map((k) => ({ value: k, label: flagKindWords(k, t) })),
          ]}
        />
      </div>
      <Card>
        {flags.isError ? (
          <ErrorState error={flags.error} onRetry={() => void flags.refetch()} />
        ) : flags.isPending ? (
          <BlockLoading rows={8} />
        ) : flags.data.items.length === 0 ? (
          <EmptyState description={t('visitOversight.flags.empty')} />
        ) : (
          <>
            <div data-testid="flag-list" className="siyi-visit-table">
              <ResponsiveTable
                columns={columns}
                rows={flags.data.items}
                rowKey={(f) => f.id}
                label={t('visitOversight.flags.title')}
              />
            </div>
            {flags.data.total > flags.data.pageSize ? (
              <Pagination
                style={{ marginTop: 16 }}
                current={page}
                pageSize={flags.data.pageSize}
                total={flags.data.total}
                onChange={setPage}
                showSizeChanger={false}
                simple
              />
            ) : null}
          </>
        )}
      </Card>
      {dialog?.kind === 'spot-check' ? <SpotCheckDialog flag={dialog.flag} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'callback' ? <CallbackDialog flag={dialog.flag} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
