import '@/modules/visit-oversight/visit-oversight.messages';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { VisitCoverageRules, VisitFlagRulesView, VisitRulesView, VisitTemplate } from '@siyi/contracts';
import type { FormInstance } from 'antd';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { formatDateTime, formatMinutes, formatWeekday } from '@/ui/format';
import { BlockLoading, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { FLAG_KINDS, oversightApi, useVersioned } from './oversight.api';
import { duplicateOf, moveItem, newItemKey, sortBands, tierBandProblem } from './visit-figures';
import { flagKindWords } from './visit-timeline-words';
import './visit-oversight.css';

const TEMPLATE_LABEL_MAX = 120;

type CoverageRules = VisitCoverageRules;

/** Who saved a version, and when (version 0: never saved — the defaults). */
interface VersionStamp {
  version: number;
  createdAt: string | null;
  createdBy: { name: string } | null;
}
const HALF_HOURS = Array.from({ length: 49 }, (_, i) => i * 30);

/** `bands.0.everyWeeks` → ['bands', 0, 'everyWeeks']: where the form shows a server's message. */
const formPath = (path: string) => path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/**
 * The save of a versioned setting: success says the new version; a 409 (someone saved first) says so and loads
 * theirs; per-field messages go to their fields; anything else shows above the form.
 */
function useVersionedSave<T extends { version: number }>(form: FormInstance, reload: () => Promise<unknown>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return {
    onSuccess: (saved: T) => void message.success(t('visitOversight.settings.saved', { version: saved.version })),
    onError: (error: unknown) => {
      if (error instanceof ApiError && error.status === 409) {
        void message.warning(t('visitOversight.settings.conflict'));
        void reload();
        return;
      }
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
        form.setFields(
          Object.entries(error.fields).map(([path, text]) => ({ name: formPath(path), errors: [text] })) as never,
        );
      }
    },
  };
}

function ServerProblem({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ApiError && (error.status === 409 || Object.keys(error.fields).length > 0)) return null;
  return (
    <Alert
      type="error"
      showIcon
      message={error instanceof Error ? error.message : String(error)}
      style={{ marginBottom: 16 }}
    />
  );
}

function Stamp({ stamp }: { stamp: VersionStamp }) {
  const { t, i18n } = useTranslation();
  const at = stamp.createdAt;
  const by = stamp.createdBy;
  return (
    <Typography.Paragraph type="secondary" data-testid="settings-version" data-version={stamp.version}>
      {stamp.version === 0
        ? t('visitOversight.settings.defaults')
        : t('visitOversight.settings.version', { version: stamp.version })}
      {at && stamp.version > 0
        ? ` · ${
            by
              ? t('visitOversight.settings.updatedBy', { name: by.name, at: formatDateTime(at, i18n.language) })
              : t('visitOversight.settings.updatedAt', { at: formatDateTime(at, i18n.language) })
          }`
        : null}
    </Typography.Paragraph>
  );
}

function useIntegerRule() {
  const { t } = useTranslation();
  return (min: number, max: number) => [
    { required: true, message: t('visitOversight.settings.required') },
    { type: 'integer' as const, min, max, message: t('visitOversight.settings.range', { min, max }) },
  ];
}

function NumberField({
  name,
  label,
  min,
  max,
  suffix,
  help,
}: {
  name: string | (string | number)[];
  label: ReactNode;
  min: number;
  max: number;
  suffix: string;
  help?: string;
}) {
  const integer = useIntegerRule();
  return (
    <Form.Item name={name} label={label} rules={integer(min, max)} extra={help}>
      <InputNumber
        min={min}
        max={max}
        precision={0}
        inputMode="numeric"
        suffix={suffix}
        style={{ width: '100%', maxWidth: 240 }}
      />
    </Form.Item>
  );
}

/* ---------- coverage rules ---------- */

function CoverageRulesForm({ data, reload }: { data: VisitRulesView; reload: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<CoverageRules>();
  const { mutation } = useVersioned('coverage-rules', oversightApi.rules, oversightApi.saveRules);
  const handlers = useVersionedSave<VisitRulesView>(form, reload);
  const integer = useIntegerRule();
  const submit = (values: CoverageRules) =>
    mutation.mutate(
      { rules: { ...data.rules, ...values, bands: sortBands(values.bands) }, version: data.version },
      handlers,
    );
  const time = (minutes: number) => ({ value: minutes, label: formatMinutes(minutes) });
  return (
    <Form<CoverageRules>
      form={form}
      layout="vertical"
      size="large"
      requiredMark={false}
      initialValues={{ ...data.rules, bands: sortBands(data.rules.bands) }}
      onFinish={submit}
      className="siyi-visit-settings"
      aria-label={t('visitOversight.settings.tabs.coverage')}
    >
      <ServerProblem error={mutation.error} />
      <Card title={t('visitOversight.settings.coverage.bands')}>
        <Typography.Paragraph type="secondary">{t('visitOversight.settings.coverage.bandsIntro')}</Typography.Paragraph>
        <Form.List
          name="bands"
          rules={[
            {
              validator: async (_rule, bands: CoverageRules['bands']) => {
                const tier = tierBandProblem(bands ?? []);
                if (tier !== null) throw new Error(t('visitOversight.settings.coverage.bandsOverlap', { tier }));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field) => (
                <div key={field.key} className="siyi-band" data-testid="band-row">
                  <div className="siyi-band__head">
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const band = form.getFieldValue(['bands', field.name]) as
                          | CoverageRules['bands'][number]
                          | undefined;
                        return (
                          <Typography.Text strong>
                            {t('visitOversight.settings.coverage.band', {
                              from: band?.minTier ?? '?',
                              to: band?.maxTier ?? '?',
                            })}
                          </Typography.Text>
                        );
                      }}
                    </Form.Item>
                    <Button
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      onClick={() => remove(field.name)}
                      aria-label={t('visitOversight.settings.coverage.removeBand')}
                    />
                  </div>
                  <div className="siyi-band-row">
                    <Form.Item
                      name={[field.name, 'minTier']}
                      label={t('visitOversight.settings.coverage.fromTier')}
                      rules={integer(1, 30)}
                    >
                      <InputNumber min={1} max={30} precision={0} inputMode="numeric" style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'maxTier']}
                      label={t('visitOversight.settings.coverage.toTier')}
                      rules={integer(1, 30)}
                    >
                      <InputNumber min={1} max={30} precision={0} inputMode="numeric" style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'everyWeeks']}
                      label={t('visitOversight.settings.coverage.everyWeeks')}
                      rules={integer(1, 52)}
                    >
                      <InputNumber
                        min={1}
                        max={52}
                        precision={0}
                        inputMode="numeric"
                        suffix={t('visitOversight.settings.coverage.everyWeeksSuffix')}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </div>
                </div>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add({ minTier: 1, maxTier: 1, everyWeeks: 4 })}
                style={{ marginTop: 8 }}
              >
                {t('visitOversight.settings.coverage.addBand')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="monthlyMinimum" valuePropName="checked" style={{ marginTop: 16, marginBottom: 0 }}>
          <Checkbox>{t('visitOversight.settings.coverage.monthlyMinimum')}</Checkbox>
        </Form.Item>
      </Card>
      <Card title={t('visitOversight.settings.coverage.workWeek')}>
        <Form.Item
          name="workDays"
          label={t('visitOversight.settings.coverage.workDays')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('visitOversight.settings.coverage.workDaysRequired') },
          ]}
        >
          <Checkbox.Group
            options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: formatWeekday(d, i18n.language, 'short') }))}
          />
        </Form.Item>
        <div className="siyi-inline-number">
          <Form.Item name="dayStart" label={t('visitOversight.settings.coverage.dayStart')}>
            <Select options={HALF_HOURS.slice(0, -1).map(time)} />
          </Form.Item>
          <Form.Item
            name="dayEnd"
            label={t('visitOversight.settings.coverage.dayEnd')}
            dependencies={['dayStart']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_rule, value: number) => {
                  if (!(value > Number(getFieldValue('dayStart')))) {
                    throw new Error(t('visitOversight.settings.coverage.dayHours'));
                  }
                },
              }),
            ]}
          >
            <Select options={HALF_HOURS.slice(1).map(time)} />
          </Form.Item>
        </div>
        <div className="siyi-inline-number">
          <NumberField
            name="serviceMinutes"
            label={t('visitOversight.settings.coverage.serviceMinutes')}
            min={1}
            max={240}
            suffix={t('visitOversight.settings.coverage.minutesSuffix')}
          />
          <NumberField
            name="dailyCap"
            label={t('visitOversight.settings.coverage.dailyCap')}
            min={1}
            max={60}
            suffix={t('visitOversight.settings.coverage.dailyCapSuffix')}
          />
          <NumberField
            name="checkInRadiusMeters"
            label={t('visitOversight.settings.coverage.checkInRadius')}
            min={10}
            max={5000}
            suffix={t('visitOversight.settings.coverage.checkInRadiusSuffix')}
            help={t('visitOversight.settings.coverage.checkInRadiusHelp')}
          />
        </div>
        <Stamp stamp={data} />
        <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="save-coverage-rules">
          {t('visitOversight.settings.save')}
        </Button>
      </Card>
    </Form>
  );
}

/* ---------- flag rules ---------- */

type FlagRules = Omit<VisitFlagRulesView, 'version' | 'createdAt' | 'createdBy'>;
type FlagRulesValues = Omit<FlagRules, 'maxSecondsOnSite'> & { maxMinutesOnSite: number };

function FlagRulesForm({ data, reload }: { data: VisitFlagRulesView; reload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FlagRulesValues>();
  const { mutation } = useVersioned('flag-rules', oversightApi.flagRules, oversightApi.saveFlagRules);
  const handlers = useVersionedSave<VisitFlagRulesView>(form, reload);
  const { maxSecondsOnSite, version, createdAt: _at, createdBy: _by, ...rest } = data;
  const submit = ({ maxMinutesOnSite, ...values }: FlagRulesValues) =>
    mutation.mutate(
      {
        ...rest,
        ...values,
        enabled: { ...rest.enabled, ...values.enabled },
        maxSecondsOnSite: maxMinutesOnSite * 60,
        version,
      },
      handlers,
    );
  return (
    <Form<FlagRulesValues>
      form={form}
      layout="vertical"
      size="large"
      requiredMark={false}
      initialValues={{ ...rest, maxMinutesOnSite: Math.round(maxSecondsOnSite / 60) }}
      onFinish={submit}
      className="siyi-visit-settings"
      aria-label={t('visitOversight.settings.tabs.flags')}
    >
      <ServerProblem error={mutation.error} />
      <Typography.Paragraph type="secondary">{t('visitOversight.settings.flags.intro')}</Typography.Paragraph>
      <Card title={t('visitOversight.settings.flags.thresholds')}>
        <div className="siyi-inline-number">
          <NumberField
            name="minSecondsOnSite"
            label={t('visitOversight.settings.flags.minSecondsOnSite')}
            min={0}
            max={3600}
            suffix={t('visitOversight.settings.flags.secondsSuffix')}
          />
          <NumberField
            name="maxCheckInDistanceM"
            label={t('visitOversight.settings.flags.maxCheckInDistanceM')}
            min={10}
            max={10000}
            suffix={t('visitOversight.settings.flags.metersSuffix')}
          />
          <NumberField
            name="maxMinutesOnSite"
            label={t('visitOversight.settings.flags.maxMinutesOnSite')}
            min={10}
            max={24 * 60}
            suffix={t('visitOversight.settings.flags.minutesSuffix')}
          />
          <NumberField
            name="minDailyMinutesOnSite"
            label={t('visitOversight.settings.flags.minDailyMinutesOnSite')}
            min={0}
            max={720}
            suffix={t('visitOversight.settings.flags.minutesSuffix')}
          />
          <NumberField
            name="minValidVisitsPerMonth"
            label={t('visitOversight.settings.flags.minValidVisitsPerMonth')}
            min={0}
            max={10}
            suffix={t('visitOversight.settings.flags.timesSuffix')}
          />
        </div>
      </Card>
      <Card title={t('visitOversight.settings.flags.enabledTitle')}>
        {FLAG_KINDS.map((kind) => (
          <Form.Item key={kind} name={['enabled', kind]} valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>{flagKindWords(kind, t)}</Checkbox>
          </Form.Item>
        ))}
        <Stamp stamp={data} />
        <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="save-flag-rules">
          {t('visitOversight.settings.save')}
        </Button>
      </Card>
    </Form>
  );
}

/* ---------- checklist template ---------- */

interface TemplateRow {
  id: string;
  zh: string;
  en: string;
}

function TemplateForm({ data, reload }: { data: VisitTemplate; reload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ items: TemplateRow[] }>();
  const { mutation } = useVersioned('template', oversightApi.template, oversightApi.saveTemplate);
  const handlers = useVersionedSave<VisitTemplate>(form, reload);
  const submit = ({ items }: { items: TemplateRow[] }) =>
    mutation.mutate(
      {
        version: data.version,
        items: items.map((i) => ({ id: i.id, label: { 'zh-CN': i.zh.trim(), en: i.en.trim() } })),
      },
      handlers,
    );
  const labelRules = (index: number, language: 'zh' | 'en') => [
    { required: true, whitespace: true, message: t('visitOversight.settings.required') },
    { max: TEMPLATE_LABEL_MAX, message: t('visitOversight.settings.template.tooLong', { max: TEMPLATE_LABEL_MAX }) },
    {
      validator: async () => {
        const items = (form.getFieldValue('items') ?? []) as TemplateRow[];
        const earlier = duplicateOf(items, index, language);
        if (earlier !== null) throw new Error(t('visitOversight.settings.template.duplicate', { index: earlier }));
      },
    },
  ];
  return (
    <Form<{ items: TemplateRow[] }>
      form={form}
      layout="vertical"
      size="large"
      requiredMark={false}
      initialValues={{ items: data.items.map((i) => ({ id: i.id, zh: i.label['zh-CN'], en: i.label.en })) }}
      onFinish={submit}
      className="siyi-visit-settings"
      aria-label={t('visitOversight.settings.tabs.template')}
    >
      <ServerProblem error={mutation.error} />
      <Card>
        <Typography.Paragraph type="secondary">{t('visitOversight.settings.template.intro')}</Typography.Paragraph>
        <Form.List
          name="items"
          rules={[
            {
              validator: async (_rule, items: TemplateRow[]) => {
                if (!items || items.length === 0) throw new Error(t('visitOversight.settings.template.empty'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <div key={field.key} className="siyi-template-item" data-testid="template-item">
                  <div className="siyi-template-item__head">
                    <Typography.Text strong>
                      {t('visitOversight.settings.template.item', { index: index + 1 })}
                    </Typography.Text>
                    <span className="siyi-template-item__tools">
                      <Button
                        icon={<ArrowUpOutlined aria-hidden />}
                        aria-label={t('visitOversight.settings.template.moveUp')}
                        disabled={index === 0}
                        onClick={() => form.setFieldValue('items', moveItem(form.getFieldValue('items'), index, -1))}
                      />
                      <Button
                        icon={<ArrowDownOutlined aria-hidden />}
                        aria-label={t('visitOversight.settings.template.moveDown')}
                        disabled={index === fields.length - 1}
                        onClick={() => form.setFieldValue('items', moveItem(form.getFieldValue('items'), index, 1))}
                      />
                      <Button
                        danger
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t('visitOversight.settings.template.remove')}
                        onClick={() => remove(field.name)}
                      />
                    </span>
                  </div>
                  <Form.Item name={[field.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'zh']}
                    label={t('visitOversight.settings.template.zh')}
                    rules={labelRules(index, 'zh')}
                  >
                    <Input maxLength={TEMPLATE_LABEL_MAX} lang="zh-CN" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'en']}
                    label={t('visitOversight.settings.template.en')}
                    rules={labelRules(index, 'en')}
                    style={{ marginBottom: 0 }}
                  >
                    <Input maxLength={TEMPLATE_LABEL_MAX} lang="en" />
                  </Form.Item>
                </div>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                icon={<PlusOutlined aria-hidden />}
                style={{ marginTop: 12 }}
                onClick={() =>
                  add({
                    id: newItemKey((form.getFieldValue('items') ?? []).map((i: TemplateRow) => ({ key: i.id }))),
                    zh: '',
                    en: '',
                  })
                }
              >
                {t('visitOversight.settings.template.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card>
        <Stamp stamp={data} />
        <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="save-template">
          {t('visitOversight.settings.save')}
        </Button>
      </Card>
    </Form>
  );
}

const TABS = ['coverage', 'flags', 'template'] as const;
type Tab = (typeof TABS)[number];

/** One versioned setting: read, then its form, keyed by version so a reload after a conflict starts afresh. */
function VersionedTab<T extends { version: number }, B>({
  name,
  read,
  save,
  form,
}: {
  name: string;
  read: (signal?: AbortSignal) => Promise<T>;
  save: (body: B) => Promise<T>;
  form: (data: T, reload: () => Promise<unknown>) => ReactNode;
}) {
  const { query, reload } = useVersioned(name, read, save);
  return (
    <QueryView query={query} loading={<BlockLoading rows={10} />}>
      {(data) => form(data, reload)}
    </QueryView>
  );
}

const CoverageRulesTab = () => (
  <VersionedTab
    name="coverage-rules"
    read={oversightApi.rules}
    save={oversightApi.saveRules}
    form={(data, reload) => <CoverageRulesForm key={data.version} data={data} reload={reload} />}
  />
);

const FlagRulesTab = () => (
  <VersionedTab
    name="flag-rules"
    read={oversightApi.flagRules}
    save={oversightApi.saveFlagRules}
    form={(data, reload) => <FlagRulesForm key={data.version} data={data} reload={reload} />}
  />
);

const TemplateTab = () => (
  <VersionedTab
    name="template"
    read={oversightApi.template}
    save={oversightApi.saveTemplate}
    form={(data, reload) => <TemplateForm key={data.version} data={data} reload={reload} />}
  />
);

/**
 * `/visits/settings` for an admin: the coverage rules (tier-band frequencies, monthly minimum, working week, daily cap,
 * check-in radius), the flag rules and the visit checklist — each saved as a new version; a save over someone else's
 * newer version is refused (409) and theirs is loaded to check.
 */
export function VisitSettingsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const asked = search.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) ? asked : 'coverage';
  useDocumentTitle(t('visitOversight.settings.title'));
  return (
    <div className="siyi-page siyi-page--narrow">
      <Typography.Title level={1} className="siyi-page__title">
        {t('visitOversight.settings.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('visitOversight.settings.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearch(key === 'coverage' ? {} : { tab: key }, { replace: true })}
        size="large"
        destroyOnHidden
        items={[
          { key: 'coverage', label: t('visitOversight.settings.tabs.coverage'), children: <CoverageRulesTab /> },
          { key: 'flags', label: t('visitOversight.settings.tabs.flags'), children: <FlagRulesTab /> },
          { key: 'template', label: t('visitOversight.settings.tabs.template'), children: <TemplateTab /> },
        ]}
      />
    </div>
  );
}
