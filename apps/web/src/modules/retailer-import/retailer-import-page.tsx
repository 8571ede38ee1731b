import { CheckCircleOutlined, FileSearchOutlined, UploadOutlined } from '@ant-design/icons';
import type { ImportRowError, RetailerImportReport } from '@siyi/contracts';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Pagination, Progress, Space, Typography } from 'antd';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { formatCount } from '@/ui/format';
import { type ResponsiveColumn, ResponsiveTable } from '@/ui/responsive-table';
import { useDocumentTitle } from '@/ui/use-document-title';
import { retailerImportApi, useImportProgress } from './retailer-import.api';
import './retailer-import.css';

const PAGE_SIZE = 50;
/** The columns a new retailer needs, named as the export heads them (the server's import-columns.ts). */
const REQUIRED_ZH = '许可证号、店名、负责人、电话、地址、业态、档位、片区或客户经理、纬度、经度、营业时间、订货日';
const REQUIRED_EN =
  'Licence no., Shop name, Owner, Phone, Address, Business format, Tier, District or Customer manager, Latitude, ' +
  'Longitude, Opening hours, Order day';

function ErrorTable({ errors }: { errors: readonly ImportRowError[] }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const columns: ResponsiveColumn<ImportRowError>[] = [
    {
      key: 'row',
      title: t('retailerImport.row'),
      render: (_, e) => t('retailerImport.rowValue', { row: e.row }),
      width: 96,
    },
    {
      key: 'column',
      title: t('retailerImport.column'),
      render: (_, e) => e.column || <Typography.Text type="secondary">{t('retailerImport.wholeRow')}</Typography.Text>,
    },
    { key: 'message', title: t('retailerImport.message'), render: (_, e) => e.message },
  ];
  const shown = errors.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <>
      <ResponsiveTable<ImportRowError>
        columns={columns}
        rows={shown}
        rowKey={(e) => `${e.row}:${e.column}:${e.message}`}
        label={t('retailerImport.errorTable')}
      />
      {errors.length > PAGE_SIZE ? (
        <Pagination
          current={page}
          pageSize={PAGE_SIZE}
          total={errors.length}
          onChange={setPage}
          showSizeChanger={false}
          size="small"
        />
      ) : null}
    </>
  );
}

function ReportView({ report }: { report: RetailerImportReport }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatCount(value, i18n.language);
  const counts = {
    total: n(report.totalRows),
    created: n(report.created),
    updated: n(report.updated),
    unchanged: n(report.unchanged),
  };
  return (
    <Card size="small" title={t('retailerImport.reportTitle')}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {report.committed ? (
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleOutlined />}
            message={t('retailerImport.committedTitle')}
            description={
              <>
                {t('retailerImport.committedBody', {
                  ...counts,
                  seconds: (report.elapsedMs / 1000).toLocaleString(i18n.language, { maximumFractionDigits: 1 }),
                })}{' '}
                <Link to="/retailers">{t('retailerImport.viewRetailers')}</Link>
              </>
            }
          />
        ) : !report.dryRun ? (
          <Alert
            type="error"
            showIcon
            message={t('retailerImport.notCommittedTitle')}
            description={t('retailerImport.notCommittedBody')}
          />
        ) : null}
        <Typography.Text>{t('retailerImport.summary', { ...counts, count: report.totalRows })}</Typography.Text>
        {report.encoding ? (
          <Typography.Text type="secondary">
            {t('retailerImport.encoding', { encoding: report.encoding })}
          </Typography.Text>
        ) : null}
        {report.ignoredColumns.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            message={t('retailerImport.ignoredColumns', {
              columns: report.ignoredColumns.join(i18n.language === 'en' ? ', ' : '、'),
            })}
          />
        ) : null}
        {report.errorCount > 0 ? (
          <>
            <Alert
              type="error"
              showIcon
              message={
                <>
                  {t('retailerImport.errorsTitle', { count: report.errorCount })}
                  {report.errors.length < report.errorCount
                    ? ` ${t('retailerImport.errorsListed', { listed: n(report.errors.length) })}`
                    : ''}
                </>
              }
            />
            <ErrorTable errors={report.errors} />
          </>
        ) : !report.committed ? (
          <Alert type="success" showIcon message={t('retailerImport.noErrors')} />
        ) : null}
      </Space>
    </Card>
  );
}

/** `/retailers/import`: an admin checks a file of retailers, fixes what the report names, then imports it. */
export function RetailerImportPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('retailerImport.title'));
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: ({ chosen, dryRun, runKey }: { chosen: File; dryRun: boolean; runKey: string }) =>
      retailerImportApi.run(chosen, { dryRun, key: runKey }),
    onSettled: () => setKey(null),
  });
  const progress = useImportProgress(key);
  const report = run.data;
  // Importing is offered for the very file a check found clean.
  const checkedClean = report?.dryRun === true && report.errorCount === 0 && run.variables?.chosen === file;

  const start = (dryRun: boolean) => {
    if (!file) return;
    const runKey = crypto.randomUUID();
    setKey(runKey);
    run.mutate({ chosen: file, dryRun, runKey });
  };
  const choose = (chosen: File | null) => {
    setFile(chosen);
    run.reset();
  };
  const p = progress.data;
  const percent = p && p.totalRows > 0 ? Math.min(100, Math.round((p.processedRows / p.totalRows) * 100)) : 0;

  return (
    <div className="siyi-page">
      <Typography.Title level={1} className="siyi-page__title">
        {t('retailerImport.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('retailerImport.intro')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('retailerImport.columnsHint', { columns: i18n.language === 'en' ? REQUIRED_EN : REQUIRED_ZH })}
      </Typography.Paragraph>
      <Card size="small">
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <div className="siyi-import__file">
            <label htmlFor={inputId} className="siyi-visually-hidden">
              {t('retailerImport.fileLabel')}
            </label>
            <input
              id={inputId}
              ref={input}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className="siyi-visually-hidden"
              onChange={(event) => {
                choose(event.target.files?.[0] ?? null);
                // The same file can be chosen again after it was fixed on disk.
                event.target.value = '';
              }}
            />
            <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} disabled={run.isPending}>
              {t('retailerImport.chooseFile')}
            </Button>
            <Typography.Text className="siyi-import__file-name" type={file ? undefined : 'secondary'}>
              {file ? file.name : t('retailerImport.noFile')}
            </Typography.Text>
          </div>
          <Space wrap>
            <Button
              icon={<FileSearchOutlined />}
              onClick={() => start(true)}
              disabled={!file || run.isPending}
              loading={run.isPending && run.variables?.dryRun === true}
            >
              {t('retailerImport.check')}
            </Button>
            <Button
              type="primary"
              onClick={() => start(false)}
              disabled={!checkedClean || run.isPending}
              loading={run.isPending && run.variables?.dryRun === false}
            >
              {t('retailerImport.commit')}
            </Button>
          </Space>
          {run.isPending ? (
            <div aria-live="polite">
              <Typography.Text>
                {run.variables?.dryRun ? t('retailerImport.checking') : t('retailerImport.committing')}{' '}
                {p
                  ? t('retailerImport.progress', {
                      processed: formatCount(p.processedRows, i18n.language),
                      total: formatCount(p.totalRows, i18n.language),
                    })
                  : ''}
              </Typography.Text>
              <Progress
                percent={percent}
                status="active"
                aria-label={t('retailerImport.progress', {
                  processed: p?.processedRows ?? 0,
                  total: p?.totalRows ?? 0,
                })}
              />
            </div>
          ) : null}
        </Space>
      </Card>
      {run.isError ? (
        <Alert
          type="error"
          showIcon
          message={t('retailerImport.failedTitle')}
          description={
            run.error instanceof ApiError
              ? [run.error.message, ...Object.values(run.error.fields)].join(' ')
              : String(run.error)
          }
        />
      ) : null}
      {report && !run.isPending ? <ReportView report={report} /> : null}
    </div>
  );
}
