import '@/modules/concerns/concerns.messages';
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import {
  CONCERN_TEXT_MAX,
  type ConcernCategory,
  type ConcernDetail,
  concernCategories,
  isSensitiveCategory,
  PHOTO_MAX_BYTES,
} from '@siyi/contracts';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { formatDateTime } from '@/ui/format';
import { categoryIcons } from './concern-labels';
import { useAddConcernPhoto, useCreateConcern } from './concerns.api';

interface RaiseValues {
  category: ConcernCategory | undefined;
  text: string;
}

/**
 * The ten categories as large chips with a picture each: one tap chooses. Each chip is a real radio button (hidden,
 * its label drawn as the chip), so it works with a tap, a click, the arrow keys and a screen reader.
 */
export function CategoryChips({
  value,
  onChange,
  id,
}: {
  value?: ConcernCategory | undefined;
  onChange?: (value: ConcernCategory) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="siyi-concern-chips" role="radiogroup" id={id} aria-label={t('concerns.raise.category')}>
      {concernCategories.map((category) => (
        <label
          key={category}
          className={value === category ? 'siyi-concern-chip siyi-concern-chip--on' : 'siyi-concern-chip'}
        >
          <input
            type="radio"
            name="concern-category"
            value={category}
            checked={value === category}
            onChange={() => onChange?.(category)}
            className="siyi-visually-hidden"
          />
          <span className="siyi-concern-chip__icon">{categoryIcons[category]}</span>
          <span>{t(`concerns.categories.${category}`)}</span>
        </label>
      ))}
    </div>
  );
}

/** Refuses before sending what the server would refuse: not a picture, or too large. */
function photoProblem(file: File, t: TFunction): string | null {
  if (!file.type.startsWith('image/')) return t('concerns.raise.photoNotImage');
  if (file.size > PHOTO_MAX_BYTES) return t('concerns.raise.photoTooBig', { mb: PHOTO_MAX_BYTES / 2 ** 20 });
  return null;
}

/**
 * A retailer raises a concern: tap a category, type, send (a photo if it wants). From the shop home's chips the
 * category comes chosen and the cursor waits in the text: two taps and the typing.
 */
export function RaiseConcernForm({
  initialCategory,
  onRaised,
}: {
  initialCategory?: ConcernCategory | undefined;
  onRaised?: (concern: ConcernDetail) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RaiseValues>();
  const create = useCreateConcern();
  const addPhoto = useAddConcernPhoto();
  const [photo, setPhoto] = useState<File | null>(null);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [photoUrl, setPhotoUrl] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const textArea = useRef<HTMLTextAreaElement>(null);
  const category = Form.useWatch('category', form);

  useEffect(() => {
    if (initialCategory) textArea.current?.focus();
  }, [initialCategory]);
  useEffect(() => {
    if (!photo) return undefined;
    const url = URL.createObjectURL(photo);
    setPhotoUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [photo]);

  const choosePhoto = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const problem = photoProblem(file, t);
    setPhotoError(problem);
    setPhoto(problem ? null : file);
  };
  const clearPhoto = () => {
    setPhoto(null);
    setPhotoUrl(null);
    setPhotoError(null);
  };

  const submit = async (values: RaiseValues) => {
    if (!values.category) return;
    let raised: ConcernDetail;
    try {
      raised = await create.mutateAsync({ category: values.category, text: values.text });
    } catch (error) {
      if (error instanceof ApiError) {
        const placed = Object.entries(error.fields).filter(([name]) => name === 'category' || name === 'text');
        if (placed.length > 0) {
          form.setFields(placed.map(([name, text]) => ({ name: name as keyof RaiseValues, errors: [text] })));
        }
      }
      return;
    }
    if (photo) {
      try {
        await addPhoto.mutateAsync({ id: raised.id, file: photo });
      } catch (error) {
        const text =
          error instanceof ApiError
            ? (error.fields.file ?? error.message)
            : error instanceof Error
              ? error.message
              : '';
        void message.warning(t('concerns.raise.photoFailed', { message: text }), 8);
      }
    }
    void message.success(t('concerns.raise.sent', { at: formatDateTime(raised.dueAt, i18n.language) }), 6);
    form.resetFields();
    clearPhoto();
    onRaised?.(raised);
  };

  const serverProblem =
    create.error instanceof ApiError && !create.error.fields.category && !create.error.fields.text
      ? create.error.message
      : create.error && !(create.error instanceof ApiError)
        ? String(create.error)
        : null;

  return (
    <Card title={t('concerns.raise.title')} className="siyi-concern-raise">
      <Typography.Paragraph type="secondary">{t('concerns.raise.intro')}</Typography.Paragraph>
      {serverProblem ? <Alert type="error" showIcon message={serverProblem} style={{ marginBottom: 16 }} /> : null}
      <Form<RaiseValues>
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ category: initialCategory, text: '' }}
        onFinish={(values) => void submit(values)}
        requiredMark={false}
      >
        <Form.Item
          name="category"
          label={t('concerns.raise.category')}
          rules={[{ required: true, message: t('concerns.raise.categoryRequired') }]}
          extra={category && isSensitiveCategory(category) ? t('concerns.raise.sensitiveHint') : undefined}
        >
          <CategoryChips />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('concerns.raise.text')}
          rules={[{ required: true, whitespace: true, message: t('concerns.raise.textRequired') }]}
        >
          <Input.TextArea
            ref={(el) => {
              textArea.current = el?.resizableTextArea?.textArea ?? null;
            }}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={CONCERN_TEXT_MAX}
            placeholder={t('concerns.raise.textPlaceholder')}
          />
        </Form.Item>
        <div className="siyi-concern-photo-pick">
          <input
            ref={fileInput}
            type="file"
            accept="image/*"
            className="siyi-visually-hidden"
            tabIndex={-1}
            aria-hidden
            onChange={choosePhoto}
            data-testid="concern-photo-input"
          />
          {photoUrl ? (
            <img src={photoUrl} alt="" className="siyi-concern-photo-pick__preview" width={72} height={72} />
          ) : null}
          <Button icon={<CameraOutlined aria-hidden />} onClick={() => fileInput.current?.click()}>
            {photo ? t('concerns.raise.photoChange') : t('concerns.raise.photo')}
          </Button>
          {photo ? (
            <Button icon={<CloseOutlined aria-hidden />} onClick={clearPhoto}>
              {t('concerns.raise.photoRemove')}
            </Button>
          ) : null}
        </div>
        {photoError ? (
          <Typography.Paragraph type="danger" role="alert">
            {photoError}
          </Typography.Paragraph>
        ) : null}
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={create.isPending || addPhoto.isPending}
          style={{ marginTop: 16 }}
        >
          {t('concerns.raise.submit')}
        </Button>
      </Form>
    </Card>
  );
}
