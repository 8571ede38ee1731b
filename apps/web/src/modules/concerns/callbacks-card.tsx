import '@/modules/concerns/concerns.messages';
import { type CallbackOutcome, CONCERN_NOTE_MAX, type ConcernDetail, callbackOutcomes } from '@siyi/contracts';
import { Alert, App, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { formatDateTime } from '@/ui/format';
import { EmptyState } from '@/ui/states';
import { useAddCallback } from './concerns.api';

interface CallbackValues {
  outcome: CallbackOutcome | undefined;
  note: string;
}

/** 回访: what the retailer said when called back after its concern was finished, and a form to record one more. */
export function CallbacksCard({ concern, bare = false }: { concern: ConcernDetail; bare?: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CallbackValues>();
  const add = useAddCallback(concern.id);
  const submit = (values: CallbackValues) => {
    if (!values.outcome) return;
    add.mutate(
      { outcome: values.outcome, note: (values.note ?? '').trim() },
      {
        onSuccess: () => {
          void message.success(t('concerns.callback.saved'));
          form.resetFields();
        },
        onError: (error) => {
          if (error instanceof ApiError) {
            const placed = Object.entries(error.fields).filter(([name]) => name === 'outcome' || name === 'note');
            form.setFields(placed.map(([name, text]) => ({ name: name as keyof CallbackValues, errors: [text] })));
          }
        },
      },
    );
  };
  const fieldErrors = add.error instanceof ApiError && (add.error.fields.outcome || add.error.fields.note);
  const body = (
    <>
      {concern.callbacks.length === 0 ? (
        <EmptyState description={t('concerns.callback.none')} />
      ) : (
        <ul className="siyi-concern-callbacks">
          {concern.callbacks.map((callback) => (
            <li key={callback.id} data-testid="concern-callback">
              <Typography.Text strong>{t(`concerns.callback.outcomes.${callback.outcome}`)}</Typography.Text>
              {callback.note ? (
                <Typography.Paragraph className="siyi-concern-note">{callback.note}</Typography.Paragraph>
              ) : null}
              <Typography.Text type="secondary">
                {t('concerns.callback.by', {
                  name: callback.calledBy.name,
                  at: formatDateTime(callback.createdAt, i18n.language),
                })}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
      {concern.canCallback ? (
        <Form<CallbackValues>
          form={form}
          layout="vertical"
          size="large"
          onFinish={submit}
          requiredMark={false}
          aria-label={t('concerns.callback.add')}
          className="siyi-concern-callback-form"
        >
          <Typography.Title level={3} className="siyi-concern-subtitle">
            {t('concerns.callback.add')}
          </Typography.Title>
          {add.error && !fieldErrors ? (
            <Alert
              type="error"
              showIcon
              message={add.error instanceof Error ? add.error.message : String(add.error)}
              style={{ marginBottom: 12 }}
            />
          ) : null}
          <Form.Item
            name="outcome"
            label={t('concerns.callback.outcome')}
            rules={[{ required: true, message: t('concerns.callback.outcomeRequired') }]}
          >
            <Radio.Group
              className="siyi-concern-filter"
              optionType="button"
              options={callbackOutcomes.map((o) => ({ value: o, label: t(`concerns.callback.outcomes.${o}`) }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('concerns.callback.note')}>
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={CONCERN_NOTE_MAX}
              placeholder={t('concerns.callback.notePlaceholder')}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('concerns.callback.submit')}
          </Button>
        </Form>
      ) : null}
    </>
  );
  if (bare) return body;
  return (
    <Card title={t('concerns.callback.title')} id="callbacks">
      {body}
    </Card>
  );
}
