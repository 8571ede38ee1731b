import './sign-in-page.css';
import type { LoginRequest } from '@siyi/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type InputHTMLAttributes, type ReactNode, type Ref, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { FontSizeSwitch, LanguageSwitch } from '@/modules/shell/preference-switches';
import { ErrorIcon, EyeIcon, EyeOffIcon, LockIcon, UserIcon } from '@/ui/plain/icons';
import { Alert, Button } from '@/ui/plain/plain';
import { PageLoading } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { authApi } from './auth.api';
import { startSession, useSessionQuery } from './session';

/*
 * Drawn without antd: the sign-in page is the first screen of every user on a phone, and antd's script and
 * stylesheet would be most of its bytes.
 */

const DEMO_PASSWORD = 'siyi-demo';

type FieldName = keyof LoginRequest;
type FieldErrors = Partial<Record<FieldName, string>>;

/** Where to go after sign-in: the page that sent the user here, if it is one of ours. */
function returnPath(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = (state as { from: unknown }).from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/sign-in') return from;
  }
  return '/';
}

/**
 * A labelled text field with its icon inside the box, its error (tied with aria-describedby / aria-invalid) and its
 * help under it. The error comes first: it is what the user must read now.
 */
function Field({
  id,
  label,
  icon,
  error,
  help,
  trailing,
  ref,
  ...input
}: {
  id: FieldName;
  ref?: Ref<HTMLInputElement>;
  label: string;
  icon: ReactNode;
  error: string | undefined;
  help?: string;
  trailing?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const describedBy = [error ? errorId : '', help ? helpId : ''].filter(Boolean).join(' ');
  return (
    <div className="siyi-sign-in__field">
      <label htmlFor={id} className="siyi-sign-in__label">
        {label}
      </label>
      <div className={error ? 'siyi-sign-in__box siyi-sign-in__box--invalid' : 'siyi-sign-in__box'}>
        <span className="siyi-sign-in__icon">{icon}</span>
        <input
          {...input}
          ref={ref}
          id={id}
          name={id}
          className="siyi-sign-in__input"
          aria-required="true"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
        {trailing}
      </div>
      {error ? (
        <p id={errorId} className="siyi-sign-in__field-error">
          {error}
        </p>
      ) : null}
      {help ? (
        <p id={helpId} className="siyi-sign-in__help">
          {help}
        </p>
      ) : null}
    </div>
  );
}

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const session = useSessionQuery();
  useDocumentTitle(t('auth.signIn.title'));

  const [values, setValues] = useState<LoginRequest>({ username: '', password: '' });
  // Which required field is empty, as a message key: the words follow a language switch made after the check.
  const [missing, setMissing] = useState<Partial<Record<FieldName, boolean>>>({});
  const [checked, setChecked] = useState(false);
  const [passwordShown, setPasswordShown] = useState(false);
  const usernameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  const login = useMutation({
    mutationFn: async (credentials: LoginRequest) => {
      const response = await authApi.login({ username: credentials.username.trim(), password: credentials.password });
      await startSession(queryClient, response);
    },
    onSuccess: () => navigate(returnPath(location.state), { replace: true }),
  });

  if (session.isPending) return <PageLoading />;
  if (session.data) return <Navigate to={returnPath(location.state)} replace />;

  const emptyFields = (next: LoginRequest) => ({
    username: next.username.trim() === '',
    password: next.password === '',
  });

  const change = (name: FieldName, value: string) => {
    const next = { ...values, [name]: value };
    setValues(next);
    // Once the user has tried to submit, each field's message follows what it holds now.
    if (checked || missing[name]) setMissing((current) => ({ ...current, [name]: emptyFields(next)[name] }));
    if (login.isError) login.reset();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (login.isPending) return;
    const empty = emptyFields(values);
    setChecked(true);
    setMissing(empty);
    if (empty.username) usernameInput.current?.focus();
    else if (empty.password) passwordInput.current?.focus();
    else login.mutate(values);
  };

  const failure = login.error;
  const serverFields = failure instanceof ApiError ? failure.fields : {};
  const errors: FieldErrors = {
    username: missing.username ? t('auth.signIn.usernameRequired') : serverFields.username,
    password: missing.password ? t('auth.signIn.passwordRequired') : serverFields.password,
  };
  const busy = login.isPending;

  return (
    <div className="siyi-sign-in">
      <div className="siyi-sign-in__switches">
        <LanguageSwitch />
        <FontSizeSwitch />
      </div>
      <main className="siyi-sign-in__main">
        <header className="siyi-sign-in__brand">
          <h1 className="siyi-sign-in__name">{t('app.name')}</h1>
          <p className="siyi-sign-in__tagline">{t('app.tagline')}</p>
        </header>
        <section className="siyi-sign-in__card" aria-labelledby="siyi-sign-in-title">
          <h2 id="siyi-sign-in-title" className="siyi-sign-in__title">
            {t('auth.signIn.title')}
          </h2>
          <p className="siyi-sign-in__subtitle">{t('auth.signIn.subtitle')}</p>
          {/* noValidate: the required-field messages are ours, in the user's language, under the field. */}
          <form noValidate onSubmit={submit} aria-busy={busy}>
            <Field
              ref={usernameInput}
              id="username"
              label={t('auth.signIn.username')}
              icon={<UserIcon />}
              error={errors.username}
              help={t('auth.signIn.usernameHelp')}
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              placeholder={t('auth.signIn.usernamePlaceholder')}
              value={values.username}
              readOnly={busy}
              onChange={(event) => change('username', event.target.value)}
            />
            <Field
              ref={passwordInput}
              id="password"
              label={t('auth.signIn.password')}
              icon={<LockIcon />}
              error={errors.password}
              type={passwordShown ? 'text' : 'password'}
              autoComplete="current-password"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              placeholder={t('auth.signIn.passwordPlaceholder')}
              value={values.password}
              readOnly={busy}
              onChange={(event) => change('password', event.target.value)}
              trailing={
                <button
                  type="button"
                  className="siyi-sign-in__reveal"
                  aria-label={passwordShown ? t('auth.signIn.hidePassword') : t('auth.signIn.showPassword')}
                  title={passwordShown ? t('auth.signIn.hidePassword') : t('auth.signIn.showPassword')}
                  aria-controls="password"
                  onClick={() => setPasswordShown((shown) => !shown)}
                >
                  {passwordShown ? <EyeIcon /> : <EyeOffIcon />}
                </button>
              }
            />
            {failure ? (
              <div className="siyi-sign-in__error">
                <Alert tone="error" role="alert">
                  <span className="siyi-sign-in__error-text">
                    <ErrorIcon />
                    <span>{failure instanceof ApiError ? failure.message : t('auth.signIn.failed')}</span>
                  </span>
                </Alert>
              </div>
            ) : null}
            <Button
              type="submit"
              look="primary"
              size="large"
              block
              aria-disabled={busy || undefined}
              className={busy ? 'siyi-sign-in__submit siyi-sign-in__submit--busy' : 'siyi-sign-in__submit'}
            >
              {busy ? <span className="siyi-sign-in__busy" aria-hidden="true" /> : null}
              {busy ? t('auth.signIn.submitting') : t('auth.signIn.submit')}
            </Button>
          </form>
        </section>
        {/* Static help, not an alert: role=alert would interrupt a screen reader with it on every visit. */}
        <section className="siyi-sign-in__demo" aria-labelledby="siyi-demo-title">
          <h2 id="siyi-demo-title" className="siyi-sign-in__demo-title">
            {t('auth.signIn.demoTitle')}
          </h2>
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
