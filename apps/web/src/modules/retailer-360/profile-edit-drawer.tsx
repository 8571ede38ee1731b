import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  businessFormats,
  creditGrades,
  licenceTypes,
  OtherContactInput,
  orderFrequencies,
  orderMethods,
  type ProfileValues,
  profileCrossFieldIssues,
  profileEditableShape,
  type RetailerProfile,
  retailerStatuses,
} from '@siyi/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Drawer, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { formatWeekday } from '@/ui/format';
import { useIsPhone } from '@/ui/use-media-query';
import {
  apiValue,
  changedValues,
  type FormField,
  fieldsChangedBetween,
  mergedValues,
  type ProfileFormValues,
  toFormValues,
} from './profile-form-values';
import { profileKey, useUpdateProfile } from './retailer-360.api';
import { fieldName, fieldValue, issueMessage } from './retailer-360-words';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** antd's path for a server field path: `otherContacts.0.name` → ['otherContacts', 0, 'name']. */
const formPath = (path: string) => path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));

interface Conflict {
  /** The record as the other person saved it. */
  current: RetailerProfile;
  /** What this user had changed, as form values. */
  mine: Partial<ProfileFormValues>;
  /** Fields the other person changed. */
  theirs: FormField[];
}

function ConflictPanel({
  conflict,
  onReapply,
  onDiscard,
}: {
  conflict: Conflict;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const fields = [...new Set([...conflict.theirs, ...(Object.keys(conflict.mine) as FormField[])])];
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={t('retailer360.edit.conflictTitle')}
      description={
        <>
          <Typography.Paragraph>{t('retailer360.edit.conflictBody')}</Typography.Paragraph>
          <dl className="siyi-r360-changes" data-testid="conflict-fields">
            {fields.map((field) => (
              <div key={field} className="siyi-r360-change">
                <dt>{fieldName(field, t)}</dt>
                <dd>
                  {t('retailer360.edit.conflictTheirs')}:{' '}
                  <strong>{fieldValue(field, conflict.current[field], t, locale)}</strong>
                  {field in conflict.mine ? (
                    <>
                      <br />
                      {t('retailer360.edit.conflictMine')}:{' '}
                      <strong>{fieldValue(field, apiValue(field, conflict.mine[field]), t, locale)}</strong>
                    </>
                  ) : null}
                </dd>
              </div>
            ))}
          </dl>
          <Space wrap>
            <Button type="primary" onClick={onReapply}>
              {t('retailer360.edit.reapply')}
            </Button>
            <Button onClick={onDiscard}>{t('retailer360.edit.discard')}</Button>
          </Space>
        </>
      }
    />
  );
}

/** The profile edit: the shared schema checks each field as it is typed; the server checks them all again. */
export function ProfileEditDrawer({
  profile,
  open,
  onClose,
}: {
  profile: RetailerProfile;
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProfileFormValues>();
  const update = useUpdateProfile(profile.id);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const top = useRef<HTMLDivElement>(null);
  // The conflict is at the top of a long form the user has scrolled down: bring it into view. (A field's error
  // scrolls to the field instead.)
  useEffect(() => {
    if (conflict) top.current?.scrollIntoView({ block: 'start' });
  }, [conflict]);
  const showGeneralError = (text: string) => {
    setAlert(text);
    requestAnimationFrame(() => top.current?.scrollIntoView({ block: 'start' }));
  };

  const rule = (field: FormField) => ({
    validator: async (_: unknown, value: unknown) => {
      const result = profileEditableShape[field].safeParse(apiValue(field, value));
      if (!result.success) throw new Error(issueMessage(result.error.issues[0] ?? { message: '' }, t));
    },
  });
  const contactRule = (part: 'name' | 'phone' | 'role') => ({
    validator: async (_: unknown, value: unknown) => {
      const result = OtherContactInput.shape[part].safeParse(value ?? '');
      if (!result.success) throw new Error(issueMessage(result.error.issues[0] ?? { message: '' }, t));
    },
  });

  const close = () => {
    setConflict(null);
    setAlert(null);
    form.resetFields();
    onClose();
  };

  const submit = async (values: ProfileFormValues) => {
    setAlert(null);
    const edits = changedValues(profile, values);
    if (Object.keys(edits).length === 0) {
      void message.info(t('retailer360.edit.nothingChanged'));
      close();
      return;
    }
    const issues = profileCrossFieldIssues(mergedValues(profile, edits));
    if (issues.length > 0) {
      form.setFields(
        issues.map((issue) => ({
          name: issue.field as FormField,
          errors: [issueMessage({ message: issue.message }, t)],
        })),
      );
      setAlert(t('retailer360.edit.fixErrors'));
      form.scrollToField(issues[0]?.field ?? 'shopName');
      return;
    }
    try {
      await update.mutateAsync({ version: profile.version, ...(edits as Partial<ProfileValues>) });
      void message.success(t('retailer360.edit.saved'));
      close();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.current) {
        const current = error.current as unknown as RetailerProfile;
        const mine = Object.fromEntries(
          (Object.keys(edits) as FormField[]).map((field) => [field, values[field]]),
        ) as Partial<ProfileFormValues>;
        setConflict({ current, mine, theirs: fieldsChangedBetween(profile, current) });
        return;
      }
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
        const known = Object.entries(error.fields).filter(([path]) =>
          (FORM_FIELD_NAMES as string[]).includes(path.split('.')[0] ?? ''),
        );
        form.setFields(known.map(([path, text]) => ({ name: formPath(path) as never, errors: [text] })));
        const first = known[0];
        if (first) {
          setAlert(t('retailer360.edit.fixErrors'));
          form.scrollToField(formPath(first[0]) as never);
        } else showGeneralError(error.message);
        return;
      }
      showGeneralError(error instanceof Error ? error.message : String(error));
    }
  };

  /** Takes the other person's record as the base, with this user's own changes put back on top. */
  const reapply = () => {
    if (!conflict) return;
    queryClient.setQueryData(profileKey(profile.id), conflict.current);
    form.setFieldsValue({ ...toFormValues(conflict.current), ...conflict.mine });
    setConflict(null);
  };
  const discard = () => {
    if (!conflict) return;
    queryClient.setQueryData(profileKey(profile.id), conflict.current);
    form.setFieldsValue(toFormValues(conflict.current));
    setConflict(null);
  };

  const options = <T extends string>(values: readonly T[], label: (value: T) => string) =>
    values.map((value) => ({ value, label: label(value) }));

  return (
    <Drawer
      open={open}
      onClose={close}
      title={t('retailer360.edit.title')}
      size={isPhone ? '100%' : 640}
      placement={isPhone ? 'bottom' : 'right'}
      styles={isPhone ? { wrapper: { height: '100%' } } : {}}
      destroyOnHidden
      footer={
        <Space>
          <Button type="primary" onClick={() => form.submit()} loading={update.isPending} disabled={conflict !== null}>
            {t('retailer360.edit.save')}
          </Button>
          <Button onClick={close}>{t('retailer360.edit.cancel')}</Button>
        </Space>
      }
    >
      <div ref={top} />
      {conflict ? <ConflictPanel conflict={conflict} onReapply={reapply} onDiscard={discard} /> : null}
      {alert ? <Alert type="error" showIcon role="alert" title={alert} style={{ marginBottom: 16 }} /> : null}
      <Form<ProfileFormValues>
        form={form}
        layout="vertical"
        initialValues={toFormValues(profile)}
        onFinish={(values) => void submit(values)}
        onFinishFailed={() => setAlert(t('retailer360.edit.fixErrors'))}
        scrollToFirstError
        className="siyi-r360-form"
      >
        <Typography.Title level={3}>{t('retailer360.sections.basic')}</Typography.Title>
        <Form.Item name="shopName" label={fieldName('shopName', t)} rules={[rule('shopName')]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="address" label={fieldName('address', t)} rules={[rule('address')]}>
          <Input maxLength={200} />
        </Form.Item>
        <div className="siyi-r360-form__row">
          <Form.Item name="countyCode" label={fieldName('countyCode', t)} rules={[rule('countyCode')]}>
            <Input inputMode="numeric" maxLength={6} />
          </Form.Item>
          <Form.Item name="townCode" label={fieldName('townCode', t)} rules={[rule('townCode')]}>
            <Input inputMode="numeric" maxLength={9} />
          </Form.Item>
        </div>
        <div className="siyi-r360-form__row">
          <Form.Item name="businessFormat" label={fieldName('businessFormat', t)}>
            <Select options={options(businessFormats, (v) => t(`formats.${v}`))} />
          </Form.Item>
          <Form.Item name="status" label={fieldName('status', t)}>
            <Select options={options(retailerStatuses, (v) => t(`statuses.${v}`))} />
          </Form.Item>
        </div>
        <Form.Item name="businessScope" label={fieldName('businessScope', t)} rules={[rule('businessScope')]}>
          <Input maxLength={200} />
        </Form.Item>
        <div className="siyi-r360-form__row">
          <Form.Item name="orderMethod" label={fieldName('orderMethod', t)}>
            <Select options={options(orderMethods, (v) => t(`retailer360.values.orderMethod.${v}`))} />
          </Form.Item>
          <Form.Item name="orderWeekday" label={fieldName('orderWeekday', t)}>
            <Select options={WEEKDAYS.map((d) => ({ value: d, label: formatWeekday(d, locale) }))} />
          </Form.Item>
        </div>
        <div className="siyi-r360-form__row">
          <Form.Item name="opensAt" label={fieldName('opensAt', t)} rules={[rule('opensAt')]}>
            <Input type="time" />
          </Form.Item>
          <Form.Item name="closesAt" label={fieldName('closesAt', t)} rules={[rule('closesAt')]}>
            <Input type="time" />
          </Form.Item>
        </div>
        <Form.Item name="closedWeekdays" label={fieldName('closedWeekdays', t)} rules={[rule('closedWeekdays')]}>
          <Checkbox.Group options={WEEKDAYS.map((d) => ({ value: d, label: formatWeekday(d, locale, 'short') }))} />
        </Form.Item>

        <Typography.Title level={3}>{t('retailer360.sections.network')}</Typography.Title>
        <div className="siyi-r360-form__row">
          <Form.Item name="visitBatch" label={fieldName('visitBatch', t)}>
            <Select
              allowClear
              options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((b) => ({
                value: b,
                label: t('retailer360.values.visitBatch', { batch: b }),
              }))}
            />
          </Form.Item>
          <Form.Item name="orderFrequency" label={fieldName('orderFrequency', t)}>
            <Select options={options(orderFrequencies, (v) => t(`retailer360.values.orderFrequency.${v}`))} />
          </Form.Item>
        </div>

        <Typography.Title level={3}>{t('retailer360.sections.licence')}</Typography.Title>
        <Form.Item name="licenceNo" label={fieldName('licenceNo', t)} rules={[rule('licenceNo')]}>
          <Input inputMode="numeric" maxLength={12} />
        </Form.Item>
        <div className="siyi-r360-form__row">
          <Form.Item name="licenceType" label={fieldName('licenceType', t)}>
            <Select options={options(licenceTypes, (v) => t(`retailer360.values.licenceType.${v}`))} />
          </Form.Item>
          <Form.Item name="creditGrade" label={fieldName('creditGrade', t)}>
            <Select
              allowClear
              options={options(creditGrades, (v) => t('retailer360.values.creditGrade', { grade: v }))}
            />
          </Form.Item>
        </div>
        <div className="siyi-r360-form__row">
          <Form.Item
            name="licenceValidFrom"
            label={fieldName('licenceValidFrom', t)}
            rules={[rule('licenceValidFrom')]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item name="licenceValidTo" label={fieldName('licenceValidTo', t)} rules={[rule('licenceValidTo')]}>
            <Input type="date" />
          </Form.Item>
        </div>
        <Form.Item name="isModelShop" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{fieldName('isModelShop', t)}</Checkbox>
        </Form.Item>
        <Form.Item name="minorsNoticePosted" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{fieldName('minorsNoticePosted', t)}</Checkbox>
        </Form.Item>
        <Form.Item name="nearSchool" valuePropName="checked">
          <Checkbox>{fieldName('nearSchool', t)}</Checkbox>
        </Form.Item>

        <Typography.Title level={3}>{t('retailer360.sections.contacts')}</Typography.Title>
        <div className="siyi-r360-form__row">
          <Form.Item name="ownerName" label={fieldName('ownerName', t)} rules={[rule('ownerName')]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="phone" label={fieldName('phone', t)} rules={[rule('phone')]}>
            <Input type="tel" inputMode="tel" maxLength={20} />
          </Form.Item>
        </div>
        <div className="siyi-r360-form__row">
          <Form.Item name="bestVisitFrom" label={fieldName('bestVisitFrom', t)} rules={[rule('bestVisitFrom')]}>
            <Input type="time" />
          </Form.Item>
          <Form.Item name="bestVisitTo" label={fieldName('bestVisitTo', t)} rules={[rule('bestVisitTo')]}>
            <Input type="time" />
          </Form.Item>
        </div>
        <Typography.Text strong>{fieldName('otherContacts', t)}</Typography.Text>
        <Form.List name="otherContacts">
          {(items, { add, remove }) => (
            <>
              {items.map((item, index) => (
                <fieldset key={item.key} className="siyi-r360-contact">
                  <legend className="siyi-visually-hidden">
                    {fieldName('otherContacts', t)} {index + 1}
                  </legend>
                  <Form.Item
                    name={[item.name, 'name']}
                    label={t('retailer360.fields.contactName')}
                    rules={[contactRule('name')]}
                  >
                    <Input maxLength={40} />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, 'phone']}
                    label={t('retailer360.fields.contactPhone')}
                    rules={[contactRule('phone')]}
                  >
                    <Input type="tel" inputMode="tel" maxLength={20} />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, 'role']}
                    label={t('retailer360.fields.contactRole')}
                    rules={[contactRule('role')]}
                  >
                    <Input maxLength={40} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined aria-hidden />}
                    onClick={() => remove(item.name)}
                    aria-label={t('retailer360.edit.removeContact', { index: index + 1 })}
                  >
                    {t('retailer360.edit.removeContact', { index: index + 1 })}
                  </Button>
                </fieldset>
              ))}
              {items.length < 10 ? (
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => add({ name: '', phone: '', role: '' })}
                  block
                  style={{ margin: '8px 0 16px' }}
                >
                  {t('retailer360.edit.addContact')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>

        <Typography.Title level={3}>{t('retailer360.sections.notes')}</Typography.Title>
        <Form.Item name="notes" label={fieldName('notes', t)} rules={[rule('notes')]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

const FORM_FIELD_NAMES: string[] = Object.keys(profileEditableShape);
