import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkButton } from '@/ui/link-button';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFoundBody')}
      extra={
        <LinkButton type="primary" to="/">
          {t('errors.backHome')}
        </LinkButton>
      }
    />
  );
}

/** Shown when a page throws while rendering: no stack trace for the user, a way out instead. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  return (
    <div className="siyi-centered">
      <Result
        status="error"
        title={t('errors.appCrashedTitle')}
        subTitle={t('errors.appCrashedBody')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('errors.reload')}
          </Button>
        }
      />
    </div>
  );
}
