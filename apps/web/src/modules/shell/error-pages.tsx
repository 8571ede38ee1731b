import { useTranslation } from 'react-i18next';
import { Button, ButtonLink } from '@/ui/plain/plain';
import { StatusPanel } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';

/** A path no page answers to, inside the signed-in frame. */
export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('errors.notFoundTitle'));
  return (
    <StatusPanel
      code="404"
      headingLevel={1}
      title={t('errors.notFoundTitle')}
      body={t('errors.notFoundBody')}
      actions={
        <ButtonLink look="primary" to="/">
          {t('errors.backHome')}
        </ButtonLink>
      }
    />
  );
}

/** A page the user's role may not open (the server refuses the data anyway). */
export function ForbiddenPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('errors.forbiddenTitle'));
  return (
    <StatusPanel
      code="403"
      headingLevel={1}
      title={t('errors.forbiddenTitle')}
      body={t('errors.forbiddenBody')}
      actions={
        <ButtonLink look="primary" to="/">
          {t('errors.backHome')}
        </ButtonLink>
      }
    />
  );
}

/** Shown when a page throws while rendering: no stack trace for the user, a way out instead. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  return (
    <main className="siyi-centered siyi-centered--branded">
      <div className="siyi-brand" aria-hidden="true">
        {t('app.name')}
      </div>
      <StatusPanel
        code="!"
        headingLevel={1}
        title={t('errors.appCrashedTitle')}
        body={t('errors.appCrashedBody')}
        actions={
          <Button look="primary" onClick={() => window.location.reload()}>
            {t('errors.reload')}
          </Button>
        }
      />
    </main>
  );
}
