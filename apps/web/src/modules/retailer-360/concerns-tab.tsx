import { HeardConcernInput } from '@siyi/contracts';
import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { formatDate } from '@/ui/format';
import { BlockLoading, EmptyState, QueryView } from '@/ui/states';
import { shanghaiToday } from './profile-form-values';
import { useHeardConcerns, useRecordConcern } from './retailer-360.api';
import { issueMessage } from './retailer-360-words';

type ConcernForm = { heardOn: string; topic: string; body: string };

/** The shared schema's rule for one field, as an antd rule, so the form says what the server would. */
function useConcernRule(field: keyof ConcernForm) {
  const { t } = useTranslation();
  return {
    validator: async (_: unknown, value: unknown) => {
      const result = HeardConcernInput.shape[field].safeParse(value ?? '');
      if (!result.success) throw new Error(issueMessage(result.error.issues[0] ?? { message: '' }, t));
      if (field === 'heardOn' && typeof value === 'string' && value > shanghaiToday()) {
        throw new Error(t('retailer360.validation.heardInFuture'));
      }
    },
  };
}

function RecordConcernForm({ retailerId }: { retailerId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ConcernForm>();
  const record = useRecordConcern(retailerId);
  const rules = { heardOn: useConcernRule('heardOn'), topic: useConcernRule('topic'), body: useConcernRule('body') };

  const submit = async (values: ConcernForm) => {
    try {
      await record.mutateAsync(values);
      form.resetFields(['topic', 'body']);
      void message.success(t('retailer360.concerns.saved'));
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
        form.setFields(
          Object.entries(error.fields).map(([name, text]) => ({ name: name as keyof ConcernForm, errors: [text] })),
        );
      } else {
        void message.error(error instanceof Error ? error.message : String(error));
      }
    }
  };

  return (
    <Form<ConcernForm>
      form={form}
      layout="vertical"
      initialValues={{ heardOn: shanghaiToday(), topic: '', body: '' }}
      onFinish={(values) => void submit(values)}
      aria-label={t('retailer360.concerns.add')}
    >
      <div className="siyi-r360-concern-head">
        <Form.Item name="heardOn" label={t('retailer360.concerns.heardOn')} rules={[rules.heardOn]}>
          <Input type="date" max={shanghaiToday()} />
        </Form.Item>
        <Form.Item name="topic" label={t('retailer360.concerns.topic')} rules={[rules.topic]}>
          <Input maxLength={60} placeholder={t('retailer360.concerns.topicPlaceholder')} />
        </Form.Item>
      </div>
      <Form.Item name="body" label={t('retailer360.concerns.body')} rules={[rules.body]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={record.isPending} block>
        {t('retailer360.concerns.save')}
      </Button>
    </Form>
  );
}

/** 关注点: what the retailer said it cares about, and a form to record one more. */
export function ConcernsTab({ retailerId, canRecord }: { retailerId: number; canRecord: boolean }) {
  const { t, i18n } = useTranslation();
  const concerns = useHeardConcerns(retailerId);
  return (
    <>
      {canRecord ? (
        <Card title={t('retailer360.concerns.add')}>
          <RecordConcernForm retailerId={retailerId} />
        </Card>
      ) : null}
      <Card title={t('retailer360.tabs.concerns')}>
        <QueryView query={concerns} loading={<BlockLoading rows={4} />}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState description={t('retailer360.concerns.empty')} />
            ) : (
              <ul className="siyi-r360-concerns">
                {data.items.map((concern) => (
                  <li key={concern.id}>
                    <Typography.Text strong>{concern.topic}</Typography.Text>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                      {concern.body}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary">
                      {formatDate(concern.heardOn, i18n.language)} ·{' '}
                      {t('retailer360.concerns.heardBy', { name: concern.heardByName })}
                    </Typography.Text>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryView>
      </Card>
    </>
  );
}
