import '@/modules/concerns/concerns.messages';
import {
  type ConcernCategory,
  type ConcernSettings,
  concernCategories,
  type UpdateConcernSettingsBody,
} from '@siyi/contracts';
import { Alert, App, Button, Card, Form, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { formatDateTime } from '@/ui/format';
import { BlockLoading, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { CategoryLabel } from './concern-labels';
import { useConcernSettings, useSaveConcernSettings } from './concerns.api';
import './concerns.css';

type SettingsValues = Omit<UpdateConcernSettingsBody, 'version'>;

/** The same bounds as the shared schema (UpdateConcernSettingsBody). */
const LIMITS = {
  hours: { min: 1, max: 24 * 60 },
  autoCloseDays: { min: 1, max: 90 },
  reminderLeadHours: { min: 1, max: 168 },
} as const;

/** `slaHours.supply` → ['slaHours', 'supply']: where the form shows a server's message. */
const formPath = (path: string) => path.split('.') as [string, ...string[]];

function SettingsForm({ settings }: { settings: ConcernSettings }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const save = useSaveConcernSettings();
  const rule = (limits: { min: number; max: number }) => [
    { required: true, message: t('concerns.settings.required') },
    {
      type: 'integer' as const,
      min: limits.min,
      max: limits.max,
      message: t('concerns.settings.range', limits),
    },
  ];
  const submit = (values: SettingsValues) =>
    save.mutate(
      { ...values, version: settings.version },
      {
        onSuccess: () => void message.success(t('concerns.settings.saved')),
        onError: (error) => {
          if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
            const placed = Object.entries(error.fields).map(([path, text]) => ({
              name: formPath(path),
              errors: [text],
            }));
            form.setFields(placed as Parameters<typeof form.setFields>[0]);
          }
        },
      },
    );
  const serverProblem =
    save.error && !(save.error instanceof ApiError && Object.keys(save.error.fields).length > 0)
      ? save.error instanceof Error
        ? save.error.message
        : String(save.error)
      : null;
  return (
    <Form<SettingsValues>
      form={form}
      layout="vertical"
      size="large"
      initialValues={{
        slaHours: settings.slaHours,
        autoCloseDays: settings.autoCloseDays,
        reminderLeadHours: settings.reminderLeadHours,
      }}
      onFinish={submit}
      requiredMark={false}
      className="siyi-concern-settings"
    >
      {serverProblem ? <Alert type="error" showIcon message={serverProblem} style={{ marginBottom: 16 }} /> : null}
      <Card title={t('concerns.settings.slaHours')}>
        <div className="siyi-concern-sla">
          {concernCategories.map((category: ConcernCategory) => (
            <Form.Item
              key={category}
              name={['slaHours', category]}
              label={<CategoryLabel category={category} />}
              rules={rule(LIMITS.hours)}
            >
              <InputNumber
                min={LIMITS.hours.min}
                max={LIMITS.hours.max}
                precision={0}
                inputMode="numeric"
                suffix={t('concerns.settings.hoursSuffix')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          ))}
        </div>
      </Card>
      <Card>
        <Form.Item name="autoCloseDays" label={t('concerns.settings.autoCloseDays')} rules={rule(LIMITS.autoCloseDays)}>
          <InputNumber
            min={LIMITS.autoCloseDays.min}
            max={LIMITS.autoCloseDays.max}
            precision={0}
            inputMode="numeric"
            suffix={t('concerns.settings.autoCloseSuffix')}
            style={{ width: '100%', maxWidth: 240 }}
          />
        </Form.Item>
        <Form.Item
          name="reminderLeadHours"
          label={t('concerns.settings.reminderLeadHours')}
          rules={rule(LIMITS.reminderLeadHours)}
        >
          <InputNumber
            min={LIMITS.reminderLeadHours.min}
            max={LIMITS.reminderLeadHours.max}
            precision={0}
            inputMode="numeric"
            suffix={t('concerns.settings.hoursSuffix')}
            style={{ width: '100%', maxWidth: 240 }}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">
          {settings.updatedBy
            ? t('concerns.settings.updatedBy', {
                name: settings.updatedBy.name,
                at: formatDateTime(settings.updatedAt, i18n.language),
              })
            : t('concerns.settings.updatedAt', { at: formatDateTime(settings.updatedAt, i18n.language) })}
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" size="large" loading={save.isPending}>
          {t('concerns.settings.save')}
        </Button>
      </Card>
    </Form>
  );
}

/** `/concerns/settings` for an admin: hours per category, auto-close days and the reminder's lead time. */
export function ConcernSettingsPage() {
  const { t } = useTranslation();
  const settings = useConcernSettings();
  useDocumentTitle(t('concerns.settings.title'));
  return (
    <div className="siyi-page siyi-page--narrow">
      <Typography.Title level={1} className="siyi-page__title">
        {t('concerns.settings.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('concerns.settings.intro')}</Typography.Paragraph>
      <QueryView query={settings} loading={<BlockLoading rows={10} />}>
        {(data) => <SettingsForm key={data.version} settings={data} />}
      </QueryView>
    </div>
  );
}
