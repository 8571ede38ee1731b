import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type StaffRole, staffRoles } from '@siyi/contracts';
import { Alert, App, Form, type FormInstance, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { byCodePoint } from '@/ui/sort';
import { PasswordOnce } from './password-once';
import { useCreateUser, useOrgUnits } from './users.api';

interface CreateValues {
  username: string;
  name: string;
  phone?: string;
  role: StaffRole;
  orgUnitId: number;
  passwordMode: 'generate' | 'set';
  password?: string;
}

const SERVER_FIELDS = ['username', 'name', 'phone', 'role', 'orgUnitId', 'password'] as const;

/** Sets the server's per-field messages on the form; answers whether any field got one. */
export function showFieldErrors<V>(form: FormInstance<V>, error: unknown, names: readonly string[]): boolean {
  if (!(error instanceof ApiError)) return false;
  const named = names.filter((name) => error.fields[name]);
  form.setFields(
    // The names are this form's own fields; antd types them as paths of V.
    names.map((name) => ({ name: name as never, errors: error.fields[name] ? [error.fields[name]] : [] })),
  );
  return named.length > 0;
}

/** A new admin, supervisor or customer manager; the generated password is shown once, then the user opens. */
export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateUser();
  const orgUnits = useOrgUnits();
  const role = Form.useWatch('role', form);
  const passwordMode = Form.useWatch('passwordMode', form);
  const [shown, setShown] = useState<{ id: number; name: string; password: string } | null>(null);
  const units = (orgUnits.data?.items ?? [])
    .filter((unit) => unit.kind === (role === 'admin' ? 'company' : 'district'))
    .sort((a, b) => byCodePoint(a.code, b.code));
  const [alert, setAlert] = useState<string | null>(null);

  const close = () => {
    form.resetFields();
    setAlert(null);
    create.reset();
    onClose();
  };

  const submit = (values: CreateValues) => {
    setAlert(null);
    create.mutate(
      {
        username: values.username,
        name: values.name,
        phone: values.phone?.trim() ? values.phone.trim() : null,
        role: values.role,
        orgUnitId: values.orgUnitId,
        ...(values.passwordMode === 'set' && values.password ? { password: values.password } : {}),
      },
      {
        onSuccess: (answer) => {
          void message.success(t('people.create.done', { name: answer.user.name }));
          form.resetFields();
          onClose();
          if (answer.generatedPassword) {
            setShown({ id: answer.user.id, name: answer.user.name, password: answer.generatedPassword });
          } else {
            void navigate(`/users/${answer.user.id}`);
          }
        },
        onError: (error) => {
          if (!showFieldErrors(form, error, SERVER_FIELDS)) setAlert(error.message);
        },
      },
    );
  };

  const required = { required: true, message: t('people.create.required') };
  return (
    <>
      <Modal
        open={open}
        title={t('people.create.title')}
        okText={t('people.create.submit')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={close}
        confirmLoading={create.isPending}
        forceRender
      >
        <Form<CreateValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={create.isPending}
          initialValues={{ role: 'manager', passwordMode: 'generate' }}
          onFinish={submit}
        >
          <Form.Item
            name="username"
            label={t('people.create.username')}
            extra={t('people.create.usernameHelp')}
            rules={[required]}
          >
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
          <Form.Item name="name" label={t('people.create.name')} rules={[required]}>
            <Input autoComplete="off" maxLength={40} />
          </Form.Item>
          <Form.Item name="phone" label={t('people.create.phone')}>
            <Input autoComplete="off" inputMode="tel" maxLength={20} />
          </Form.Item>
          <Form.Item name="role" label={t('people.create.role')} rules={[required]}>
            <Select<StaffRole>
              options={staffRoles.map((value) => ({ value, label: t(`roles.${value}`) }))}
              onChange={() => form.setFieldValue('orgUnitId', undefined)}
            />
          </Form.Item>
          <Form.Item
            name="orgUnitId"
            label={role === 'admin' ? t('people.create.company') : t('people.create.district')}
            rules={[required]}
          >
            <Select<number>
              loading={orgUnits.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
            />
          </Form.Item>
          <Form.Item name="passwordMode" label={t('people.create.password')}>
            <Radio.Group
              options={[
                { value: 'generate', label: t('people.create.generate') },
                { value: 'set', label: t('people.create.setOwn') },
              ]}
            />
          </Form.Item>
          {passwordMode === 'set' ? (
            <Form.Item
              name="password"
              extra={t('people.create.passwordHelp')}
              rules={[
                required,
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
      <PasswordOnce
        password={shown?.password ?? null}
        name={shown?.name ?? ''}
        onClose={() => {
          const id = shown?.id;
          setShown(null);
          if (id) void navigate(`/users/${id}`);
        }}
      />
    </>
  );
}
