import { EditOutlined } from '@ant-design/icons';
import { TIER_MAX, TIER_MIN } from '@siyi/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { useCurrentUser } from '@/modules/auth/session';
import { tiersApi, useRetailerTier } from './tiers.api';

interface FormValues {
  tier: number;
  reason: string;
}

/**
 * A hand edit of one retailer's tier, only with a reason (an admin, or the supervisor of the retailer's district;
 * the server decides). Sends the version it read; when someone changed the tier meanwhile the dialog shows the
 * tier as it is now and keeps the reason typed. For the Retailer 360 page's tier tab: mount with one line.
 */
export function TierOverrideButton({ retailerId }: { retailerId: number }) {
  const role = useCurrentUser().role;
  // Managers see the tier tab too, but only an admin or a supervisor may set a tier (can.ts: tier.override).
  if (role !== 'admin' && role !== 'supervisor') return null;
  return <TierOverrideDialog retailerId={retailerId} />;
}

function TierOverrideDialog({ retailerId }: { retailerId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const current = useRetailerTier(open ? retailerId : null);
  const save = useMutation({
    mutationFn: (values: FormValues) =>
      tiersApi.override(retailerId, {
        tier: values.tier,
        reason: values.reason,
        version: current.data?.version ?? 0,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['tiers', 'retailer', retailerId], saved);
      void queryClient.invalidateQueries({ queryKey: ['retailers'] });
      void message.success(t('tiers.override.done', { tier: saved.tier }));
      setOpen(false);
      form.resetFields();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) void current.refetch();
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
        form.setFields(
          Object.entries(error.fields)
            .filter(([name]) => name === 'tier' || name === 'reason')
            .map(([name, text]) => ({ name: name as keyof FormValues, errors: [text] })),
        );
      }
    },
  });
  const tierOptions = Array.from({ length: TIER_MAX - TIER_MIN + 1 }, (_, i) => ({
    value: TIER_MIN + i,
    label: t('tiers.override.tierOption', { tier: TIER_MIN + i }),
  }));

  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)}>
        {t('tiers.override.open')}
      </Button>
      <Modal
        open={open}
        title={t('tiers.override.title')}
        okText={t('tiers.override.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        okButtonProps={{ disabled: current.data === undefined }}
        onOk={() =>
          void form.validateFields().then(
            (values) => save.mutate(values),
            () => undefined,
          )
        }
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {current.data ? (
          <Alert
            type="info"
            style={{ marginBottom: 16 }}
            title={t('tiers.override.current', { tier: current.data.tier })}
            description={t('tiers.override.hint')}
          />
        ) : null}
        {save.isError && save.error instanceof ApiError && save.error.status !== 400 ? (
          <Alert type="error" role="alert" showIcon style={{ marginBottom: 16 }} title={save.error.message} />
        ) : null}
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item
            name="tier"
            label={t('tiers.override.tier')}
            rules={[{ required: true, message: t('tiers.override.tierRequired') }]}
          >
            <Select options={tierOptions} showSearch={false} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('tiers.override.reason')}
            rules={[
              { required: true, whitespace: true, message: t('tiers.override.reasonRequired') },
              { min: 2, max: 200, message: t('tiers.override.reasonLength') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('tiers.override.reasonPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
