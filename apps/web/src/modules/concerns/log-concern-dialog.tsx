import '@/modules/concerns/concerns.messages';
import {
  CONCERN_TEXT_MAX,
  type ConcernCategory,
  type ConcernPriority,
  type ConcernSource,
  concernPriorities,
  isSensitiveCategory,
  type RetailerSummary,
} from '@siyi/contracts';
import { Alert, App, Button, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { useCurrentUser } from '@/modules/auth/session';
import { RetailerPicker } from '@/modules/visits/retailer-picker';
import { formatDateTime } from '@/ui/format';
import { useCreateConcern } from './concerns.api';
import { CategoryChips } from './raise-concern-form';
import '@/modules/visits/visits.css';

/** What staff may log a concern as (a retailer's own portal is the retailer's). */
const STAFF_SOURCES = ['phone', 'survey', 'visit'] as const satisfies readonly ConcernSource[];

interface LogValues {
  category: ConcernCategory | undefined;
  text: string;
  priority: ConcernPriority;
  source: (typeof STAFF_SOURCES)[number];
}

/**
 * Staff log a concern a retailer told them by phone (or in a survey, or on a visit): find the shop, choose the kind,
 * write what was said, set the priority. It is routed and timed as a retailer's own (the supervisor for 服务态度 and
 * 强制搭配), and the concern's page opens.
 */
export function LogConcernDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { role } = useCurrentUser();
  const [form] = Form.useForm<LogValues>();
  const [retailer, setRetailer] = useState<RetailerSummary | null>(null);
  const create = useCreateConcern();
  const category = Form.useWatch('category', form);

  const submit = async (values: LogValues) => {
    if (!retailer || !values.category) return;
    try {
      const raised = await create.mutateAsync({
        retailerId: retailer.id,
        category: values.category,
        text: values.text,
        priority: values.priority,
        source: values.source,
      });
      void message.success(
        t('concerns.log.sent', {
          owner: raised.owner?.name ?? t('concerns.detail.nobody'),
          at: formatDateTime(raised.dueAt, i18n.language),
        }),
        6,
      );
      onClose();
      // A manager's 服务态度 / 强制搭配 one went to the supervisor: the manager cannot open it (404), so it stays here.
      if (!(role === 'manager' && isSensitiveCategory(raised.category))) void navigate(`/concerns/${raised.id}`);
    } catch (error) {
      if (error instanceof ApiError) {
        const placed = Object.entries(error.fields).filter(([name]) => ['category', 'text', 'priority'].includes(name));
        form.setFields(placed.map(([name, text]) => ({ name: name as keyof LogValues, errors: [text] })));
      }
    }
  };
  const problem =
    create.error && !(create.error instanceof ApiError && (create.error.fields.category || create.error.fields.text))
      ? create.error instanceof Error
        ? create.error.message
        : String(create.error)
      : null;

  return (
    <Modal open title={t('concerns.log.title')} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      {retailer === null ? (
        <>
          <Typography.Paragraph type="secondary">{t('concerns.log.pickIntro')}</Typography.Paragraph>
          <RetailerPicker actionLabel={t('concerns.log.pick')} busyId={null} onPick={setRetailer} />
        </>
      ) : (
        <>
          <div className="siyi-concern-log-shop">
            <Typography.Text strong data-testid="log-concern-shop">
              {retailer.shopName}
            </Typography.Text>
            <Button type="link" onClick={() => setRetailer(null)}>
              {t('concerns.log.otherShop')}
            </Button>
          </div>
          {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} /> : null}
          <Form<LogValues>
            form={form}
            layout="vertical"
            size="large"
            requiredMark={false}
            initialValues={{ category: undefined, text: '', priority: 'normal', source: 'phone' }}
            onFinish={(values) => void submit(values)}
          >
            <Form.Item name="source" label={t('concerns.log.source')}>
              <Radio.Group
                optionType="button"
                className="siyi-concern-filter"
                options={STAFF_SOURCES.map((s) => ({ value: s, label: t(`concerns.sources.${s}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="category"
              label={t('concerns.raise.category')}
              rules={[{ required: true, message: t('concerns.raise.categoryRequired') }]}
              extra={category && isSensitiveCategory(category) ? t('concerns.log.sensitiveHint') : undefined}
            >
              <CategoryChips />
            </Form.Item>
            <Form.Item
              name="text"
              label={t('concerns.log.text')}
              rules={[{ required: true, whitespace: true, message: t('concerns.raise.textRequired') }]}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={CONCERN_TEXT_MAX} />
            </Form.Item>
            <Form.Item name="priority" label={t('concerns.detail.priority')}>
              <Radio.Group
                optionType="button"
                className="siyi-concern-filter"
                options={concernPriorities.map((p) => ({ value: p, label: t(`concerns.priorities.${p}`) }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={create.isPending}>
              {t('concerns.log.submit')}
            </Button>
          </Form>
        </>
      )}
    </Modal>
  );
}
