import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A generated password, shown exactly once: the server keeps only its hash, so after closing nobody can see it
 * again (a new reset makes a new one). Copy puts it on the clipboard where the browser allows it.
 */
export function PasswordOnce({
  password,
  name,
  onClose,
}: {
  password: string | null;
  name: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const close = () => {
    setCopied(false);
    onClose();
  };
  return (
    <Modal
      open={password !== null}
      title={t('people.once.title', { name })}
      onCancel={close}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={close}>
          {t('people.once.close')}
        </Button>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Alert type="warning" showIcon title={t('people.once.body')} />
        <Space wrap>
          <Typography.Text
            code
            style={{ fontSize: '1.25em', letterSpacing: '0.05em' }}
            data-testid="generated-password"
          >
            {password}
          </Typography.Text>
          <Button
            icon={<CopyOutlined />}
            onClick={() => {
              if (password)
                void navigator.clipboard?.writeText(password).then(
                  () => setCopied(true),
                  () => undefined,
                );
            }}
          >
            {copied ? t('people.once.copied') : t('people.once.copy')}
          </Button>
        </Space>
      </Space>
    </Modal>
  );
}
