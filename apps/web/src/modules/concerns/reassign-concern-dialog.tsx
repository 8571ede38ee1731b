import '@/modules/concerns/concerns.messages';
import { SwapOutlined } from '@ant-design/icons';
import type { ConcernDetail } from '@siyi/contracts';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { useConcernOwners, useReassignConcern } from './concerns.api';

interface Values {
  ownerUserId: number | undefined;
  reason: string;
}

/** The supervisor or admin hands the concern to another manager or supervisor of its district, with a reason. */
function ReassignDialog({ concern, onClose }: { concern: ConcernDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const owners = useConcernOwners(concern.id, true);
  const reassign = useReassignConcern(concern);
  const choices = owners.data?.items ?? [];
  const submit = (values: Values) => {
    if (values.ownerUserId === undefined) return;
    reassign.mutate(
      { ownerUserId: values.ownerUserId, reason: values.reason.trim() },
      {
        onSuccess: (detail) => {
          void message.success(t('concerns.reassign.done', { name: detail.owner?.name ?? '' }));
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError) {
            const placed = Object.entries(error.fields).filter(([name]) => name === 'ownerUserId' || name === 'reason');
            form.setFields(placed.map(([name, text]) => ({ name: name as keyof Values, errors: [text] })));
          }
        },
      },
    );
  };
  const fieldError =
    reassign.error instanceof ApiError && (reassign.error.fields.ownerUserId || reassign.error.fields.reason);
  return (
    <Modal
      open
      title={t('concerns.reassign.title', { id: concern.id })}
      onCancel={onClose}
      okText={t('concerns.reassign.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ size: 'large', loading: reassign.isPending, disabled: owners.isSuccess && choices.length === 0 }}
      cancelButtonProps={{ size: 'large' }}
      onOk={() => form.submit()}
    >
      {reassign.error && !fieldError ? (
        <Alert
          type="error"
          showIcon
          message={reassign.error instanceof Error ? reassign.error.message : String(reassign.error)}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {owners.isError ? (
        <Alert type="error" showIcon message={t('concerns.reassign.ownersError')} style={{ marginBottom: 12 }} />
      ) : null}
      {owners.isSuccess && choices.length === 0 ? (
        <Alert type="info" showIcon message={t('concerns.reassign.none')} style={{ marginBottom: 12 }} />
      ) : null}
      <Typography.Paragraph type="secondary">
        {t('concerns.reassign.current', { name: concern.owner?.name ?? t('concerns.detail.nobody') })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        size="large"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ ownerUserId: undefined, reason: '' }}
      >
        <Form.Item
          name="ownerUserId"
          label={t('concerns.reassign.owner')}
          rules={[{ required: true, message: t('concerns.reassign.ownerRequired') }]}
        >
          <Select
            loading={owners.isPending}
            placeholder={t('concerns.reassign.ownerPlaceholder')}
            data-testid="reassign-owner"
            options={choices.map((c) => ({
              value: c.id,
              label: `${c.name} · ${t(`concerns.reassign.roles.${c.role}`)}${
                c.retailersManager ? t('concerns.reassign.retailersManager') : ''
              }`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('concerns.reassign.reason')}
          extra={t('concerns.reassign.reasonHint')}
          rules={[{ required: true, whitespace: true, message: t('concerns.reassign.reasonRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The owner, and for the district's supervisor or an admin the button that hands the concern to someone else. */
export function ReassignCard({ concern }: { concern: ConcernDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!concern.canReassign) return null;
  return (
    <Card title={t('concerns.reassign.card')}>
      <Typography.Paragraph>
        {t('concerns.reassign.cardOwner', { name: concern.owner?.name ?? t('concerns.detail.nobody') })}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('concerns.reassign.cardHint')}</Typography.Paragraph>
      <Button size="large" icon={<SwapOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t('concerns.reassign.open')}
      </Button>
      {open ? <ReassignDialog concern={concern} onClose={() => setOpen(false)} /> : null}
    </Card>
  );
}
