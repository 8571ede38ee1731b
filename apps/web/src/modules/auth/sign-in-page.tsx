import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginRequest } from '@siyi/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { FontSizeSwitch, LanguageSwitch } from '@/modules/shell/preference-switches';
import { PageLoading } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { authApi } from './auth.api';
import { startSession, useSessionQuery } from './session';

const DEMO_PASSWORD = 'siyi-demo';
const FORM_FIELDS = ['username', 'password'] as const;

/** Where to go after sign-in: the page that sent the user here, if it is one of ours. */
function returnPath(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = (state as { from: unknown }).from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/sign-in') return from;
  }
  return '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginRequest>();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const session = useSessionQuery();
  useDocumentTitle(t('auth.signIn.title'));

  const login = useMutation({
    mutationFn: async (values: LoginRequest) => {
      const response = await authApi.login({ username: values.username.trim(), password: values.password });
      await startSession(queryClient, response);
    },
    onSuccess: () => navigate(returnPath(location.state), { replace: true }),
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      form.setFields(FORM_FIELDS.map((name) => ({ name, errors: error.fields[name] ? [error.fields[name]] : [] })));
    },
  });

  if (session.isPending) return <PageLoading />;
  if (session.data) return <Navigate to={returnPath(location.state)} replace />;

  const failure = login.error;

  return (
    <div className="siyi-sign-in">
      <div className="siyi-sign-in__switches">
        <LanguageSwitch />
        <FontSizeSwitch />
      </div>
      <main className="siyi-sign-in__main">
        <header className="siyi-sign-in__brand">
          <Typography.Title level={1} className="siyi-sign-in__name">
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </header>
        <Card className="siyi-sign-in__card">
          <Typography.Title level={2} className="siyi-sign-in__title">
            {t('auth.signIn.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('auth.signIn.subtitle')}</Typography.Paragraph>
          <Form<LoginRequest>
            form={form}
            layout="vertical"
            requiredMark={false}
            disabled={login.isPending}
            onFinish={(values) => login.mutate(values)}
            onValuesChange={() => {
              if (login.isError) login.reset();
            }}
          >
            <Form.Item
              name="username"
              label={t('auth.signIn.username')}
              extra={t('auth.signIn.usernameHelp')}
              rules={[{ required: true, whitespace: true, message: t('auth.signIn.usernameRequired') }]}
            >
              <Input
                id="username"
                size="large"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                prefix={<UserOutlined aria-hidden />}
                placeholder={t('auth.signIn.usernamePlaceholder')}
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('auth.signIn.password')}
              rules={[{ required: true, message: t('auth.signIn.passwordRequired') }]}
            >
              <Input.Password
                id="password"
                size="large"
                autoComplete="current-password"
                prefix={<LockOutlined aria-hidden />}
                placeholder={t('auth.signIn.passwordPlaceholder')}
              />
            </Form.Item>
            {failure ? (
              <Alert
                className="siyi-sign-in__error"
                type="error"
                showIcon
                role="alert"
                title={failure instanceof ApiError ? failure.message : t('auth.signIn.failed')}
              />
            ) : null}
            <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
              {login.isPending ? t('auth.signIn.submitting') : t('auth.signIn.submit')}
            </Button>
          </Form>
        </Card>
        {/* Static help, not an alert: role=alert would interrupt a screen reader with it on every visit. */}
        <section className="siyi-sign-in__demo" aria-labelledby="siyi-demo-title">
          <Typography.Title level={2} id="siyi-demo-title" className="siyi-sign-in__demo-title">
            {t('auth.signIn.demoTitle')}
          </Typography.Title>
          <p>{t('auth.signIn.demoIntro')}</p>
          <ul>
            <li>{t('auth.signIn.demoAdmin')}</li>
            <li>{t('auth.signIn.demoSupervisor')}</li>
            <li>{t('auth.signIn.demoManager')}</li>
            <li>{t('auth.signIn.demoRetailer')}</li>
          </ul>
          <p>{t('auth.signIn.demoPassword', { password: DEMO_PASSWORD })}</p>
        </section>
      </main>
    </div>
  );
}
