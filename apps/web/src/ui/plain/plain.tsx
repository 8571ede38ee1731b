import './plain.css';
import type { ButtonHTMLAttributes, MouseEvent, ReactNode } from 'react';
import { useId } from 'react';
import { Link, type LinkProps } from 'react-router-dom';

/*
 * The plain kit: what a first screen draws without antd (see plain.css). A role's home and the shell use these so
 * antd's script and stylesheet load only with the pages that need its forms, tables and pickers.
 */

type ButtonLook = 'default' | 'primary' | 'text' | 'link';

function buttonClass(look: ButtonLook, size: 'middle' | 'large', block: boolean, extra?: string): string {
  return [
    'siyi-p-btn',
    look === 'default' ? '' : `siyi-p-btn--${look}`,
    size === 'large' ? 'siyi-p-btn--large' : '',
    block ? 'siyi-p-btn--block' : '',
    extra ?? '',
  ]
    .filter(Boolean)
    .join(' ');
}

interface LookProps {
  look?: ButtonLook;
  size?: 'middle' | 'large';
  block?: boolean;
  icon?: ReactNode;
}

/** A real <button>; `type` defaults to "button" so it never submits a form by accident. */
export function Button({
  look = 'default',
  size = 'middle',
  block = false,
  icon,
  className,
  type = 'button',
  children,
  ...props
}: LookProps & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button {...props} type={type} className={buttonClass(look, size, block, className)}>
      {icon}
      {children}
    </button>
  );
}

/** An in-app link (router navigation, a real href so a new tab works) that looks like a button. */
export function ButtonLink({
  look = 'default',
  size = 'middle',
  block = false,
  icon,
  className,
  children,
  ...props
}: LookProps & LinkProps) {
  return (
    <Link {...props} className={buttonClass(look, size, block, className)}>
      {icon}
      {children}
    </Link>
  );
}

/** An outside link (tel:, mailto:) that looks like a button. */
export function ButtonAnchor({
  look = 'default',
  size = 'middle',
  block = false,
  icon,
  className,
  children,
  href,
  onClick,
  'aria-label': ariaLabel,
}: LookProps & {
  className?: string;
  children?: ReactNode;
  href: string;
  onClick?: (event: MouseEvent<HTMLAnchorElement>) => void;
  'aria-label'?: string;
}) {
  return (
    <a href={href} onClick={onClick} aria-label={ariaLabel} className={buttonClass(look, size, block, className)}>
      {icon}
      {children}
    </a>
  );
}

/**
 * A card: a titled section. `headingLevel` gives the title its place in the page's outline (h2 under the page's
 * h1 by default); the section is labelled by its title for screen readers.
 */
export function Card({
  title,
  extra,
  headingLevel = 2,
  className,
  bodyClassName,
  children,
  ...rest
}: {
  title?: ReactNode;
  extra?: ReactNode;
  headingLevel?: 2 | 3;
  className?: string;
  bodyClassName?: string;
  children?: ReactNode;
  'data-testid'?: string;
}) {
  const titleId = useId();
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section
      className={['siyi-p-card', className ?? ''].filter(Boolean).join(' ')}
      aria-labelledby={title ? titleId : undefined}
      data-testid={rest['data-testid']}
    >
      {title || extra ? (
        <div className="siyi-p-card__head">
          {title ? (
            <Heading id={titleId} className="siyi-p-card__title">
              {title}
            </Heading>
          ) : (
            <span />
          )}
          {extra ? <div className="siyi-p-card__extra">{extra}</div> : null}
        </div>
      ) : null}
      <div className={['siyi-p-card__body', bodyClassName ?? ''].filter(Boolean).join(' ')}>{children}</div>
    </section>
  );
}

/** A labelled figure (antd's Statistic look): the label above, the value large. */
export function Stat({ label, value, suffix }: { label: ReactNode; value: ReactNode; suffix?: ReactNode }) {
  return (
    <div className="siyi-p-stat">
      <p className="siyi-p-stat__label">{label}</p>
      <p className="siyi-p-stat__value">
        {value}
        {suffix ? <span className="siyi-p-stat__suffix"> {suffix}</span> : null}
      </p>
    </div>
  );
}

export type TagTone = 'default' | 'success' | 'warning' | 'error' | 'processing';

export function Tag({ tone = 'default', children }: { tone?: TagTone; children: ReactNode }) {
  return <span className={tone === 'default' ? 'siyi-p-tag' : `siyi-p-tag siyi-p-tag--${tone}`}>{children}</span>;
}

/** A message box. `role="alert"` only for what the user must hear now (an error after an action). */
export function Alert({
  tone = 'info',
  title,
  children,
  role,
}: {
  tone?: 'info' | 'success' | 'warning' | 'error';
  title?: ReactNode;
  children?: ReactNode;
  role?: 'alert' | 'status' | 'note';
}) {
  return (
    <div className={tone === 'info' ? 'siyi-p-alert' : `siyi-p-alert siyi-p-alert--${tone}`} role={role}>
      <div>
        {title ? <p className="siyi-p-alert__title">{title}</p> : null}
        {children ? <div className="siyi-p-alert__body">{children}</div> : null}
      </div>
    </div>
  );
}

/** Grey lines where a block's content will be. Hidden from screen readers (the page says "loading" elsewhere). */
export function Skeleton({ rows = 4 }: { rows?: number }) {
  return (
    <div className="siyi-p-skeleton" aria-hidden="true">
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines are identical and never reorder.
        <div key={i} className="siyi-p-skeleton__line" />
      ))}
    </div>
  );
}

/** A turning ring with its words (a page-sized wait). */
export function Spinner({ label }: { label: string }) {
  return (
    <div className="siyi-p-spinner" role="status">
      <div className="siyi-p-spinner__ring" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="siyi-p-empty">{children}</div>;
}
