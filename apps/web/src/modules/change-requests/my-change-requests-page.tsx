import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type ChangeRequest,
  type ChangeRequestChanges,
  type ChangeRequestField,
  type ChangeRequestValues,
  changeRequestFields,
  hoursIssues,
} from '@siyi/contracts';
import { Alert, App, Button, Card, Checkbox, Form, Input, Popconfirm, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { useCurrentUser } from '@/modules/auth/session';
import { formatDateTime, formatMinutes, formatWeekday } from '@/ui/format';
import { BlockLoading, EmptyState, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { useCreateChangeRequest, useRetailerChangeRequests, useWithdrawChangeRequest } from './change-requests.api';
import { ChangeList, ChangeRequestStatusTag } from './change-values';
import './change-requests.css';

const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const normalisePhone = (value: string) => value.trim().replace(/[\s()]/g, '');

interface FormValues {
  phone: string;
  otherContacts: { name: string; phone: string; role: string }[];
  opensAt: string;
  closesAt: string;
  closedWeekdays: number[];
  bestVisitFrom: string;
  bestVisitTo: string;
  note: string;
}

const toTime = (minutes: number | null | undefined) =>
  minutes === null || minutes === undefined ? '' : formatMinutes(minutes);
/** "08:30" → 510; "" → null. An input of type time gives HH:MM (or empty). */
function toMinutes(value: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

function initialValues(current: ChangeRequestValues): FormValues {
  return {
    phone: current.phone ?? '',
    otherContacts: (current.otherContacts ?? []).map((c) => ({ ...c })),
    opensAt: toTime(current.opensAt),
    closesAt: toTime(current.closesAt),
    closedWeekdays: current.closedWeekdays ?? [],
    bestVisitFrom: toTime(current.bestVisitFrom),
    bestVisitTo: toTime(current.bestVisitTo),
    note: '',
  };
}

/** The form as the request's fields: only those that differ from the record now. */
function changesFrom(values: FormValues, current: ChangeRequestValues): ChangeRequestChanges {
  const asked: Required<ChangeRequestValues> = {
    phone: normalisePhone(values.phone),
    otherContacts: values.otherContacts.map((c) => ({
      name: c.name.trim(),
      phone: normalisePhone(c.phone),
      role: (c.role ?? '').trim(),
    })),
    opensAt: toMinutes(values.opensAt) ?? current.opensAt ?? 0,
    closesAt: toMinutes(values.closesAt) ?? current.closesAt ?? 0,
    closedWeekdays: [...values.closedWeekdays].sort((a, b) => a - b),
    bestVisitFrom: toMinutes(values.bestVisitFrom),
    bestVisitTo: toMinutes(values.bestVisitTo),
  };
  const same = (f: ChangeRequestField) => JSON.stringify(asked[f]) === JSON.stringify(current[f] ?? null);
  return Object.fromEntries(
    changeRequestFields.filter((f) => !same(f)).map((f) => [f, asked[f]]),
  ) as ChangeRequestChanges;
}

/** `changes.otherContacts.0.name` → ['otherContacts', 0, 'name']: where the form shows a server's message. */
function formPath(serverPath: string): (string | number)[] | null {
  const parts = serverPath.split('.');
  if (parts[0] === 'note') return ['note'];
  if (parts[0] !== 'changes' || parts.length < 2) return null;
  return parts.slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function RequestForm({ retailerId, current }: { retailerId: number; current: ChangeRequestValues }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateChangeRequest(retailerId);

  const submit = (values: FormValues) => {
    const changes = changesFrom(values, current);
    if (Object.keys(changes).length === 0) {
      form.setFields([{ name: 'note', errors: [] }]);
      void message.info(t('changeRequests.form.nothingChanged'));
      return;
    }
    const after = { ...current, ...changes };
    const issues = hoursIssues({
      opensAt: after.opensAt ?? 0,
      closesAt: after.closesAt ?? 0,
      bestVisitFrom: after.bestVisitFrom ?? null,
      bestVisitTo: after.bestVisitTo ?? null,
    });
    if (issues.length > 0) {
      const words: Record<string, string> = {
        'changeRequest.closesBeforeOpens': t('changeRequests.rules.closesBeforeOpens'),
        'changeRequest.bestVisitPair': t('changeRequests.rules.bestVisitPair'),
        'changeRequest.bestVisitOrder': t('changeRequests.rules.bestVisitOrder'),
      };
      form.setFields(issues.map((i) => ({ name: i.field, errors: [words[i.message] ?? i.message] })));
      return;
    }
    create.mutate(
      { changes, note: values.note.trim() },
      {
        onSuccess: () => {
          void message.success(t('changeRequests.form.sent'));
          window.scrollTo({ top: 0 });
        },
        onError: (error) => {
          if (error instanceof ApiError) {
            const placed = Object.entries(error.fields)
              .map(([path, text]) => ({ name: formPath(path), errors: [text] }))
              .filter((f): f is { name: (string | number)[]; errors: string[] } => f.name !== null);
            // The server's field paths mirror the form's names.
            if (placed.length > 0) form.setFields(placed as Parameters<typeof form.setFields>[0]);
          }
        },
      },
    );
  };

  const serverProblem =
    create.error instanceof ApiError
      ? (create.error.fields.changes ?? (Object.keys(create.error.fields).length === 0 ? create.error.message : null))
      : create.error
        ? String(create.error)
        : null;

  return (
    <Card title={t('changeRequests.form.title')}>
      <Typography.Paragraph>{t('changeRequests.form.intro')}</Typography.Paragraph>
      {serverProblem ? <Alert type="error" showIcon message={serverProblem} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" size="large" initialValues={initialValues(current)} onFinish={submit}>
        <Form.Item
          name="phone"
          label={t('changeRequests.fields.phone')}
          rules={[
            { required: true, message: t('changeRequests.rules.phoneRequired') },
            {
              validator: (_r, value: string) =>
                !value || PHONE.test(normalisePhone(value))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('changeRequests.rules.phoneFormat'))),
            },
          ]}
        >
          <Input inputMode="tel" autoComplete="tel" maxLength={20} />
        </Form.Item>

        <Typography.Title level={3} style={{ fontSize: '1.15em' }}>
          {t('changeRequests.fields.otherContacts')}
        </Typography.Title>
        <Form.List name="otherContacts">
          {(items, { add, remove }) => (
            <>
              {items.map((item, index) => (
                <div key={item.key} className="siyi-cr-contact">
                  <Form.Item
                    name={[item.name, 'name']}
                    label={t('changeRequests.form.contactName', { n: index + 1 })}
                    rules={[{ required: true, whitespace: true, message: t('changeRequests.rules.contactName') }]}
                  >
                    <Input maxLength={40} autoComplete="off" />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, 'phone']}
                    label={t('changeRequests.form.contactPhone')}
                    rules={[
                      {
                        validator: (_r, value: string) =>
                          value && PHONE.test(normalisePhone(value))
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('changeRequests.rules.phoneFormat'))),
                      },
                    ]}
                  >
                    <Input inputMode="tel" maxLength={20} autoComplete="off" />
                  </Form.Item>
                  <Form.Item name={[item.name, 'role']} label={t('changeRequests.form.contactRole')}>
                    <Input maxLength={40} autoComplete="off" placeholder={t('changeRequests.form.rolePlaceholder')} />
                  </Form.Item>
                  <Form.Item
                    label={<span className="siyi-visually-hidden">{t('changeRequests.form.removeContact')}</span>}
                  >
                    <Button
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      onClick={() => remove(item.name)}
                      aria-label={t('changeRequests.form.removeContactN', { n: index + 1 })}
                    />
                  </Form.Item>
                </div>
              ))}
              {items.length < 10 ? (
                <Form.Item>
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ name: '', phone: '', role: '' })}>
                    {t('changeRequests.form.addContact')}
                  </Button>
                </Form.Item>
              ) : null}
            </>
          )}
        </Form.List>

        <Typography.Title level={3} style={{ fontSize: '1.15em' }}>
          {t('changeRequests.form.hours')}
        </Typography.Title>
        <div className="siyi-cr-times">
          <Form.Item
            name="opensAt"
            label={t('changeRequests.fields.opensAt')}
            rules={[{ required: true, message: t('changeRequests.rules.timeRequired') }]}
          >
            <Input type="time" />
          </Form.Item>
          <Form.Item
            name="closesAt"
            label={t('changeRequests.fields.closesAt')}
            rules={[{ required: true, message: t('changeRequests.rules.timeRequired') }]}
          >
            <Input type="time" />
          </Form.Item>
        </div>
        <Form.Item name="closedWeekdays" label={t('changeRequests.fields.closedWeekdays')}>
          <Checkbox.Group
            options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: formatWeekday(d, i18n.language) }))}
          />
        </Form.Item>
        <div className="siyi-cr-times">
          <Form.Item name="bestVisitFrom" label={t('changeRequests.fields.bestVisitFrom')}>
            <Input type="time" />
          </Form.Item>
          <Form.Item name="bestVisitTo" label={t('changeRequests.fields.bestVisitTo')}>
            <Input type="time" />
          </Form.Item>
        </div>
        <Typography.Paragraph type="secondary">{t('changeRequests.form.bestVisitHint')}</Typography.Paragraph>

        <Form.Item name="note" label={t('changeRequests.form.note')}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('changeRequests.form.notePlaceholder')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={create.isPending}>
          {t('changeRequests.form.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function RequestCard({ request }: { request: ChangeRequest }) {
  const { t, i18n } = useTranslation();
  const withdraw = useWithdrawChangeRequest();
  return (
    <Card
      title={
        <span>
          {t('changeRequests.mine.askedAt', { at: formatDateTime(request.createdAt, i18n.language) })}{' '}
          <ChangeRequestStatusTag status={request.status} />
        </span>
      }
    >
      <ChangeList request={request} />
      {request.note ? (
        <Typography.Paragraph className="siyi-cr-meta" style={{ marginTop: 12, whiteSpace: 'pre-line' }}>
          {t('changeRequests.noteLabel', { note: request.note })}
        </Typography.Paragraph>
      ) : null}
      {request.status === 'pending' ? (
        <Typography.Paragraph type="secondary">{t('changeRequests.mine.waiting')}</Typography.Paragraph>
      ) : null}
      {request.status === 'approved' && request.decidedBy && request.decidedAt ? (
        <Alert
          type="success"
          showIcon
          message={t('changeRequests.mine.approved', {
            name: request.decidedBy.name,
            at: formatDateTime(request.decidedAt, i18n.language),
          })}
        />
      ) : null}
      {request.status === 'rejected' && request.decidedBy && request.decidedAt ? (
        <Alert
          type="warning"
          showIcon
          message={t('changeRequests.mine.rejected', {
            name: request.decidedBy.name,
            at: formatDateTime(request.decidedAt, i18n.language),
          })}
          description={
            <span style={{ whiteSpace: 'pre-line' }}>
              {t('changeRequests.reasonLabel', { reason: request.decisionReason ?? '' })}
            </span>
          }
        />
      ) : null}
      {request.canWithdraw ? (
        <div className="siyi-cr-actions">
          <Popconfirm
            title={t('changeRequests.mine.withdrawConfirm')}
            okText={t('changeRequests.mine.withdraw')}
            cancelText={t('common.cancel')}
            onConfirm={() => withdraw.mutate(request)}
          >
            <Button size="large" loading={withdraw.isPending}>
              {t('changeRequests.mine.withdraw')}
            </Button>
          </Popconfirm>
        </div>
      ) : null}
      {withdraw.error ? (
        <Alert type="error" showIcon style={{ marginTop: 12 }} message={(withdraw.error as Error).message} />
      ) : null}
    </Card>
  );
}

/** `/my-shop/changes` for a retailer: ask to change its contacts and hours, and see what became of each request. */
export function MyChangeRequestsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const requests = useRetailerChangeRequests(user.retailerId);
  useDocumentTitle(t('changeRequests.mine.title'));
  if (user.retailerId === null) return <Result status="info" title={t('shop.noRetailer')} />;
  const retailerId = user.retailerId;
  return (
    <div className="siyi-page siyi-page--narrow">
      <Typography.Title level={1} className="siyi-page__title">
        {t('changeRequests.mine.title')}
      </Typography.Title>
      <QueryView query={requests} loading={<BlockLoading rows={8} />}>
        {(data) => (
          <>
            {data.items
              .filter((r) => r.status === 'pending')
              .map((r) => (
                <RequestCard key={r.id} request={r} />
              ))}
            {data.canRequest ? (
              <RequestForm key={JSON.stringify(data.current)} retailerId={retailerId} current={data.current} />
            ) : null}
            <Typography.Title level={2} style={{ fontSize: '1.3em', marginTop: 8 }}>
              {t('changeRequests.mine.history')}
            </Typography.Title>
            {data.items.filter((r) => r.status !== 'pending').length === 0 ? (
              <EmptyState description={t('changeRequests.mine.noHistory')} />
            ) : (
              <div className="siyi-cr-list">
                {data.items
                  .filter((r) => r.status !== 'pending')
                  .map((r) => (
                    <RequestCard key={r.id} request={r} />
                  ))}
              </div>
            )}
          </>
        )}
      </QueryView>
    </div>
  );
}
