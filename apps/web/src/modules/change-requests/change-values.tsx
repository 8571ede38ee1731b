import type { ChangeRequest, ChangeRequestField, ChangeRequestValues } from '@siyi/contracts';
import { changeRequestFields } from '@siyi/contracts';
import { Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatMinutes, formatWeekday } from '@/ui/format';

/** One requested field's value in words: times as 08:30, weekdays by name, contacts one a line. */
export function formatChangeValue(
  field: ChangeRequestField,
  values: ChangeRequestValues,
  t: TFunction,
  language: string,
): string {
  const none = t('changeRequests.values.none');
  switch (field) {
    case 'phone':
      return values.phone ?? none;
    case 'otherContacts': {
      const contacts = values.otherContacts ?? [];
      if (contacts.length === 0) return none;
      return contacts
        .map((c) => (c.role ? t('changeRequests.values.contactWithRole', c) : t('changeRequests.values.contact', c)))
        .join('\n');
    }
    case 'opensAt':
    case 'closesAt':
      return values[field] !== undefined ? formatMinutes(values[field]) : none;
    case 'bestVisitFrom':
    case 'bestVisitTo': {
      const v = values[field];
      return v === null || v === undefined ? t('changeRequests.values.anyTime') : formatMinutes(v);
    }
    case 'closedWeekdays': {
      const days = values.closedWeekdays ?? [];
      return days.length === 0
        ? t('changeRequests.values.openEveryDay')
        : days.map((d) => formatWeekday(d, language)).join(t('changeRequests.values.listSeparator'));
    }
  }
}

const statusColor = { pending: 'processing', approved: 'success', rejected: 'error', withdrawn: 'default' } as const;

export function ChangeRequestStatusTag({ status }: { status: ChangeRequest['status'] }) {
  const { t } = useTranslation();
  return <Tag color={statusColor[status]}>{t(`changeRequests.status.${status}`)}</Tag>;
}

/**
 * A request's fields as "before → asked"; where the record has changed since it was asked, also what it is
 * now — the decider sees that before approving.
 */
export function ChangeList({ request }: { request: ChangeRequest }) {
  const { t, i18n } = useTranslation();
  const fields = changeRequestFields.filter((f) => request.changes[f] !== undefined);
  const show = (values: ChangeRequestValues, f: ChangeRequestField) => formatChangeValue(f, values, t, i18n.language);
  return (
    <dl className="siyi-cr-changes">
      {fields.map((field) => {
        const before = show(request.before, field);
        const now = show(request.current, field);
        return (
          <div key={field} className="siyi-cr-change">
            <dt>{t(`changeRequests.fields.${field}`)}</dt>
            <dd>
              {/* Before and after each on its own line: a list of contacts stays readable. */}
              <div className="siyi-cr-before">
                <span className="siyi-visually-hidden">{t('changeRequests.before')} </span>
                {before}
              </div>
              <div>
                <span aria-hidden className="siyi-cr-arrow">
                  {'→ '}
                </span>
                <strong className="siyi-cr-after">
                  <span className="siyi-visually-hidden">{t('changeRequests.after')} </span>
                  {show(request.changes, field)}
                </strong>
              </div>
              {request.status === 'pending' && now !== before ? (
                <Typography.Text type="warning" className="siyi-cr-now">
                  {t('changeRequests.changedSince', { value: now })}
                </Typography.Text>
              ) : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
