import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@siyi/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { authApi } from './auth.api';
import { adoptRenewedSession, useUpdateSessionUser } from './session';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const SERVER_FIELDS = ['currentPassword', 'newPassword'] as const;

/**
 * `forced`: an admin reset the password — the dialog cannot be dismissed (the page behind it offers sign-out),
 * and on success the session's user no longer must change it, so the app opens.
 */
export function ChangePasswordDialog({
  open,
  onClose,
  forced = false,
}: {
  open: boolean;
  onClose: () => void;
  forced?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordValues>();
  const queryClient = useQueryClient();
  const updateSessionUser = useUpdateSessionUser();

  const change = useMutation({
    mutationFn: (values: ChangePasswordValues) =>
      authApi.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: (renewed) => {
      adoptRenewedSession(queryClient, renewed);
      updateSessionUser(renewed.user);
      void message.success(t('auth.changePassword.success'));
      form.resetFields();
      onClose();
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      // A wrong current password comes back as INVALID_CREDENTIALS without fields: show it on that field.
      const fieldErrors: Record<string, string | undefined> = { ...error.fields };
      if (error.code === 'INVALID_CREDENTIALS' && !fieldErrors.currentPassword)
        fieldErrors.currentPassword = error.message;
      form.setFields(SERVER_FIELDS.map((name) => ({ name, errors: fieldErrors[name] ? [fieldErrors[name]] : [] })));
    },
  });

  const failure = change.error;
  const showAlert =
    failure !== null &&
    !(
      failure instanceof ApiError &&
      (failure.code === 'INVALID_CREDENTIALS' || Object.keys(failure.fields).length > 0)
    );

  const close = () => {
    form.resetFields();
    change.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('auth.changePassword.title')}
      okText={t('auth.changePassword.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={change.isPending}
      forceRender
      {...(forced
        ? { closable: false, mask: { closable: false }, keyboard: false, cancelButtonProps: { hidden: true } }
        : {})}
    >
      <Form<ChangePasswordValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={change.isPending}
        onFinish={(values) => change.mutate(values)}
      >
        <Form.Item
          name="currentPassword"
          label={t('auth.changePassword.current')}
          rules={[{ required: true, message: t('auth.changePassword.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.changePassword.next')}
          extra={t('auth.changePassword.nextHelp', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t('auth.changePassword.nextTooShort', { min: PASSWORD_MIN_LENGTH }) },
            { min: PASSWORD_MIN_LENGTH, message: t('auth.changePassword.nextTooShort', { min: PASSWORD_MIN_LENGTH }) },
            { max: PASSWORD_MAX_LENGTH, message: t('auth.changePassword.nextTooLong', { max: PASSWORD_MAX_LENGTH }) },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                value && value === getFieldValue('currentPassword')
                  ? Promise.reject(new Error(t('auth.changePassword.nextSameAsCurrent')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('auth.changePassword.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('auth.changePassword.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('auth.changePassword.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {showAlert && failure ? <Alert type="error" showIcon role="alert" title={failure.message} /> : null}
      </Form>
    </Modal>
  );
}
