import { LogoutOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/ui/use-document-title';
import { authApi } from './auth.api';
import { ChangePasswordDialog } from './change-password-dialog';
import { endSession } from './session';

/**
 * What a user whose password an admin reset sees after signing in, instead of the app: the server answers
 * PASSWORD_CHANGE_REQUIRED to everything but the change (and me, preferences, sign-out) until they choose their own.
 */
export function ForcedPasswordChange() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  useDocumentTitle(t('people.forced.title'));
  const signOut = useMutation({
    mutationFn: () => authApi.logout(),
    onSettled: () => endSession(queryClient),
  });
  return (
    <main className="siyi-centered">
      <Card style={{ maxWidth: 480, width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: '1.5rem' }}>
          {t('people.forced.title')}
        </Typography.Title>
        <Alert type="warning" showIcon title={t('people.forced.body')} />
        <Button
          style={{ marginTop: 16 }}
          icon={<LogoutOutlined />}
          loading={signOut.isPending}
          onClick={() => signOut.mutate()}
        >
          {t('people.forced.signOut')}
        </Button>
      </Card>
      <ChangePasswordDialog open forced onClose={() => undefined} />
    </main>
  );
}
