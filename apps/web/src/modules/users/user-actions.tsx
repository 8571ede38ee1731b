import { CheckCircleOutlined, EditOutlined, KeyOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import type { UserDetail } from '@siyi/contracts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@siyi/contracts';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { useCurrentUser } from '@/modules/auth/session';
import { LinkButton } from '@/ui/link-button';
import { byCodePoint } from '@/ui/sort';
import { showFieldErrors } from './create-user-dialog';
import { PasswordOnce } from './password-once';
import { useOrgUnits, useResetPassword, useSetUserDisabled, useUpdateUser } from './users.api';

interface EditValues {
  name: string;
  phone?: string;
  orgUnitId: number;
}

/** Name, phone and — for supervisors and managers — the district; sent with the version the page shows. */
function EditDialog({ user, open, onClose }: { user: UserDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateUser(user.id);
  const orgUnits = useOrgUnits();
  const [alert, setAlert] = useState<string | null>(null);
  const movable = user.role === 'supervisor' || user.role === 'manager';
  const districts = (orgUnits.data?.items ?? [])
    .filter((unit) => unit.kind === 'district')
    .sort((a, b) => byCodePoint(a.code, b.code));

  const close = () => {
    setAlert(null);
    update.reset();
    onClose();
  };
  const submit = (values: EditValues) => {
    setAlert(null);
    const phone = values.phone?.trim() ? values.phone.trim() : null;
    update.mutate(
      {
        version: user.version,
        ...(values.name !== user.name ? { name: values.name } : {}),
        ...(phone !== user.phone ? { phone } : {}),
        ...(movable && values.orgUnitId !== user.orgUnitId ? { orgUnitId: values.orgUnitId } : {}),
      },
      {
        onSuccess: () => {
          void message.success(t('people.edit.done'));
          close();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) setAlert(t('people.edit.conflict'));
          else if (!showFieldErrors(form, error, ['name', 'phone', 'orgUnitId'])) setAlert(error.message);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('people.edit.title')}
      okText={t('people.edit.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Form<EditValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={update.isPending}
        // Opening again after a 409 shows the values as they are now.
        key={user.version}
        initialValues={{ name: user.name, phone: user.phone ?? '', orgUnitId: user.orgUnitId }}
        onFinish={submit}
      >
        <Form.Item
          name="name"
          label={t('people.create.name')}
          rules={[{ required: true, whitespace: true, message: t('people.create.required') }]}
        >
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('people.create.phone')}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" />
        </Form.Item>
        {movable ? (
          <Form.Item
            name="orgUnitId"
            label={t('people.create.district')}
            extra={user.role === 'manager' ? t('people.edit.moveHelp') : undefined}
          >
            <Select<number>
              loading={orgUnits.isPending}
              options={districts.map((unit) => ({ value: unit.id, label: unit.name }))}
            />
          </Form.Item>
        ) : null}
        {alert ? <Alert type="error" showIcon role="alert" title={alert} /> : null}
      </Form>
    </Modal>
  );
}

interface ResetValues {
  mode: 'generate' | 'set';
  password?: string;
}

/** A temporary password (generated and shown once, or the admin's); the user must change it at next sign-in. */
function ResetDialog({ user, open, onClose }: { user: UserDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetValues>();
  const reset = useResetPassword(user.id);
  const mode = Form.useWatch('mode', form);
  const [alert, setAlert] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);

  const close = () => {
    setAlert(null);
    reset.reset();
    form.resetFields();
    onClose();
  };
  const submit = (values: ResetValues) => {
    setAlert(null);
    reset.mutate(
      { version: user.version, ...(values.mode === 'set' && values.password ? { password: values.password } : {}) },
      {
        onSuccess: (answer) => {
          void message.success(t('people.reset.done', { name: answer.user.name }));
          close();
          if (answer.generatedPassword) setShown(answer.generatedPassword);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) setAlert(t('people.edit.conflict'));
          else if (!showFieldErrors(form, error, ['password'])) setAlert(error.message);
        },
      },
    );
  };

  return (
    <>
      <Modal
        open={open}
        title={t('people.reset.title', { name: user.name })}
        okText={t('people.reset.submit')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={close}
        confirmLoading={reset.isPending}
        forceRender
      >
        <Typography.Paragraph>{t('people.reset.body')}</Typography.Paragraph>
        <Form<ResetValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={reset.isPending}
          initialValues={{ mode: 'generate' }}
          onFinish={submit}
        >
          <Form.Item name="mode" label={t('people.create.password')}>
            <Radio.Group
              options={[
                { value: 'generate', label: t('people.create.generate') },
                { value: 'set', label: t('people.create.setOwn') },
              ]}
            />
          </Form.Item>
          {mode === 'set' ? (
            <Form.Item
              name="password"
              extra={t('people.create.passwordHelp')}
              rules={[
                { required: true, message: t('people.create.required') },
                {
                  min: PASSWORD_MIN_LENGTH,
                  message: t('auth.changePassword.nextTooShort', { min: PASSWORD_MIN_LENGTH }),
                },
                {
                  max: PASSWORD_MAX_LENGTH,
                  message: t('auth.changePassword.nextTooLong', { max: PASSWORD_MAX_LENGTH }),
                },
              ]}
            >
              <Input.Password autoComplete="new-password" aria-label={t('people.create.password')} />
            </Form.Item>
          ) : null}
          {alert ? <Alert type="error" showIcon role="alert" title={alert} /> : null}
        </Form>
      </Modal>
      <PasswordOnce password={shown} name={user.name} onClose={() => setShown(null)} />
    </>
  );
}

/** Disable / enable with a confirmation that says what happens. */
function DisableToggle({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const toggle = useSetUserDisabled(user.id);
  const next = !user.disabled;
  const key = next ? 'disable' : 'enable';
  return (
    <>
      <Popconfirm
        title={t(`people.${key}.confirmTitle`)}
        description={
          <span className="siyi-popconfirm-text">{t(`people.${key}.confirmBody`, { name: user.name })}</span>
        }
        okText={t(`people.${key}.open`)}
        okButtonProps={{ danger: next }}
        cancelText={t('common.cancel')}
        onConfirm={() =>
          toggle.mutateAsync({ disabled: next, version: user.version }).then(
            (saved) => void message.success(t(`people.${key}.done`, { name: saved.name })),
            () => undefined,
          )
        }
      >
        <Button danger={next} icon={next ? <StopOutlined /> : <CheckCircleOutlined />} loading={toggle.isPending}>
          {t(`people.${key}.open`)}
        </Button>
      </Popconfirm>
      {toggle.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('people.failed')}
          description={
            toggle.error instanceof ApiError
              ? [toggle.error.message, ...Object.values(toggle.error.fields)].join(' ')
              : String(toggle.error)
          }
        />
      ) : null}
    </>
  );
}

/** The admin's commands on one user: edit and move, disable or enable, reset the password, hand over retailers. */
export function UserActions({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [editing, setEditing] = useState(false);
  const [resetting, setResetting] = useState(false);
  const self = me.id === user.id;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
          {t('people.edit.open')}
        </Button>
        {self ? null : (
          <>
            <Button icon={<KeyOutlined />} onClick={() => setResetting(true)}>
              {t('people.reset.open')}
            </Button>
            <DisableToggle user={user} />
          </>
        )}
        {user.role === 'manager' && user.retailerCount > 0 ? (
          <LinkButton icon={<SwapOutlined />} to={`/territory?districtId=${user.orgUnitId}&from=${user.id}`}>
            {t('people.handOver')}
          </LinkButton>
        ) : null}
      </Space>
      <EditDialog user={user} open={editing} onClose={() => setEditing(false)} />
      {self ? null : <ResetDialog user={user} open={resetting} onClose={() => setResetting(false)} />}
    </Space>
  );
}
