import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import type { ChangeRequest, ChangeRequestStatus } from '@siyi/contracts';
import { Alert, App, Button, Card, Form, Input, Modal, Pagination, Popconfirm, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { formatDateTime } from '@/ui/format';
import { BlockLoading, EmptyState, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { CHANGE_REQUEST_PAGE_SIZE, useChangeRequestList, useDecideChangeRequest } from './change-requests.api';
import { ChangeList, ChangeRequestStatusTag } from './change-values';
import './change-requests.css';

const STATUSES: ChangeRequestStatus[] = ['pending', 'approved', 'rejected', 'withdrawn'];

function RejectDialog({ request, onClose }: { request: ChangeRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const decide = useDecideChangeRequest();
  const submit = ({ reason }: { reason: string }) =>
    decide.mutate(
      { request, reason: reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('changeRequests.decide.rejected', { shop: request.shopName }));
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.fields.reason) {
            form.setFields([{ name: 'reason', errors: [error.fields.reason] }]);
          }
        },
      },
    );
  return (
    <Modal
      open
      title={t('changeRequests.decide.rejectTitle', { shop: request.shopName })}
      onCancel={onClose}
      okText={t('changeRequests.decide.reject')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, size: 'large', loading: decide.isPending }}
      cancelButtonProps={{ size: 'large' }}
      onOk={() => form.submit()}
    >
      {decide.error && !(decide.error instanceof ApiError && decide.error.fields.reason) ? (
        <Alert type="error" showIcon message={(decide.error as Error).message} style={{ marginBottom: 12 }} />
      ) : null}
      <Form form={form} layout="vertical" size="large" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('changeRequests.decide.reasonLabel')}
          extra={t('changeRequests.decide.reasonHint')}
          rules={[{ required: true, whitespace: true, message: t('changeRequests.decide.reasonRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RequestCard({ request }: { request: ChangeRequest }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const decide = useDecideChangeRequest();
  const [rejecting, setRejecting] = useState(false);
  const approve = () =>
    decide.mutate(
      { request },
      { onSuccess: () => void message.success(t('changeRequests.decide.approved', { shop: request.shopName })) },
    );
  return (
    <Card
      title={
        <Link to={`/retailers/${request.retailerId}`} state={{ from: '/change-requests' }}>
          {request.shopName}
        </Link>
      }
      extra={<ChangeRequestStatusTag status={request.status} />}
    >
      <Typography.Paragraph type="secondary" className="siyi-cr-meta">
        {t('changeRequests.decide.askedBy', {
          name: request.requestedBy.name,
          licence: request.licenceNo,
          at: formatDateTime(request.createdAt, i18n.language),
        })}
      </Typography.Paragraph>
      <ChangeList request={request} />
      {request.note ? (
        <Typography.Paragraph className="siyi-cr-meta" style={{ marginTop: 12, whiteSpace: 'pre-line' }}>
          {t('changeRequests.noteLabel', { note: request.note })}
        </Typography.Paragraph>
      ) : null}
      {request.decidedBy && request.decidedAt ? (
        <Typography.Paragraph className="siyi-cr-meta" style={{ marginTop: 12 }}>
          {t('changeRequests.decide.decidedBy', {
            name: request.decidedBy.name,
            at: formatDateTime(request.decidedAt, i18n.language),
          })}
          {request.decisionReason ? (
            <>
              <br />
              {t('changeRequests.reasonLabel', { reason: request.decisionReason })}
            </>
          ) : null}
        </Typography.Paragraph>
      ) : null}
      {decide.error ? (
        <Alert type="error" showIcon style={{ marginTop: 12 }} message={(decide.error as Error).message} />
      ) : null}
      {request.canDecide ? (
        <div className="siyi-cr-actions">
          <Popconfirm
            title={t('changeRequests.decide.approveConfirm')}
            okText={t('changeRequests.decide.approve')}
            cancelText={t('common.cancel')}
            onConfirm={approve}
          >
            <Button type="primary" size="large" icon={<CheckOutlined aria-hidden />} loading={decide.isPending}>
              {t('changeRequests.decide.approve')}
            </Button>
          </Popconfirm>
          <Button size="large" danger icon={<CloseOutlined aria-hidden />} onClick={() => setRejecting(true)}>
            {t('changeRequests.decide.reject')}
          </Button>
        </div>
      ) : null}
      {rejecting ? <RejectDialog request={request} onClose={() => setRejecting(false)} /> : null}
    </Card>
  );
}

/**
 * `/change-requests` for staff: the requests of their retailers, pending ones first in line (oldest first), each
 * with before → asked (and what the record says now, if it moved), approve or reject with a reason.
 */
export function PendingRequestsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const statusParam = search.get('status') as ChangeRequestStatus | null;
  const status: ChangeRequestStatus = statusParam && STATUSES.includes(statusParam) ? statusParam : 'pending';
  const pageParam = Number(search.get('page') ?? '1');
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 100_000 ? pageParam : 1;
  const list = useChangeRequestList(status, page);
  useDocumentTitle(t('changeRequests.nav'));
  const go = (next: { status?: ChangeRequestStatus; page?: number }) => {
    const params = new URLSearchParams();
    const s = next.status ?? status;
    if (s !== 'pending') params.set('status', s);
    const p = next.page ?? 1;
    if (p > 1) params.set('page', String(p));
    setSearch(params);
  };
  return (
    <div className="siyi-page siyi-page--narrow">
      <Typography.Title level={1} className="siyi-page__title">
        {t('changeRequests.nav')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('changeRequests.decide.intro')}</Typography.Paragraph>
      <Radio.Group
        value={status}
        onChange={(e) => go({ status: e.target.value as ChangeRequestStatus })}
        optionType="button"
        size="large"
        aria-label={t('changeRequests.decide.statusFilter')}
        options={STATUSES.map((s) => ({ value: s, label: t(`changeRequests.status.${s}`) }))}
      />
      <QueryView query={list} loading={<BlockLoading rows={8} />}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState
              description={t(status === 'pending' ? 'changeRequests.decide.nonePending' : 'changeRequests.decide.none')}
            />
          ) : (
            <>
              <Typography.Text type="secondary">
                {t('changeRequests.decide.total', { count: data.total })}
              </Typography.Text>
              <div className="siyi-cr-list">
                {data.items.map((request) => (
                  <RequestCard key={`${request.id}-${request.version}`} request={request} />
                ))}
              </div>
              {data.total > CHANGE_REQUEST_PAGE_SIZE ? (
                <Pagination
                  current={page}
                  pageSize={CHANGE_REQUEST_PAGE_SIZE}
                  total={data.total}
                  showSizeChanger={false}
                  onChange={(p) => go({ page: p })}
                />
              ) : null}
            </>
          )
        }
      </QueryView>
    </div>
  );
}
