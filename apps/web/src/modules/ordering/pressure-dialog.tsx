import '@/modules/ordering/ordering.messages';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { PRESSURE_NOTE_MAX } from '@siyi/contracts';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';

interface PressureDialogProps {
  open: boolean;
  /** What is reported, in words ("the whole proposal", a product's name). */
  subject: string;
  /** A line's report needs a note (it is the concern's text); a proposal's may go without one. */
  noteRequired: boolean;
  pending: boolean;
  error: unknown;
  onSend: (note: string) => void;
  onCancel: () => void;
}

/**
 * "Not wanted / pressured" (强制搭配): says in words that the report goes to the district supervisor and not to the
 * manager, and that the reported products leave the order; takes a note.
 */
export function PressureDialog({ open, subject, noteRequired, pending, error, onSend, onCancel }: PressureDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  useEffect(() => {
    if (error instanceof ApiError && error.fields.note) form.setFields([{ name: 'note', errors: [error.fields.note] }]);
  }, [error, form]);
  const otherError = error && !(error instanceof ApiError && error.fields.note) ? error : null;
  return (
    <Modal
      open={open}
      title={
        <span>
          <SafetyCertificateOutlined aria-hidden /> {t('ordering.pressure.title')}
        </span>
      }
      okText={t('ordering.pressure.send')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: pending, size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      className="siyi-order-pressure"
    >
      <Typography.Paragraph strong>{t('ordering.pressure.subject', { what: subject })}</Typography.Paragraph>
      <Alert type="info" showIcon message={t('ordering.pressure.explain')} style={{ marginBottom: 16 }} />
      {otherError ? (
        <Alert
          type="error"
          showIcon
          message={otherError instanceof Error ? otherError.message : String(otherError)}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => onSend((v.note ?? '').trim())}>
        <Form.Item
          name="note"
          label={t('ordering.pressure.note')}
          extra={noteRequired ? undefined : t('ordering.pressure.noteOptional')}
          rules={
            noteRequired
              ? [{ required: true, whitespace: true, message: t('ordering.pressure.noteRequired') }]
              : undefined
          }
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={PRESSURE_NOTE_MAX}
            placeholder={t('ordering.pressure.notePlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
