import '@/modules/campaigns/campaigns.messages';
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  KNOWLEDGE_TEXT_MAX,
  type ProductKnowledge,
  SELLING_POINT_MAX,
  SELLING_POINTS_MAX,
  type UpdateProductKnowledgeBody,
} from '@siyi/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { formatDateTime } from '@/ui/format';
import { LinkButton } from '@/ui/link-button';
import { type ResponsiveColumn, ResponsiveTable } from '@/ui/responsive-table';
import { SearchBox } from '@/ui/search-box';
import { BlockLoading, EmptyState, NotFoundState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { CampaignQuery } from './campaign-ui';
import { useCampaigns, useKnowledge, useProductSearch, useSaveKnowledge } from './campaigns.api';
import { applyFieldErrors } from './form-errors';
import { ProductPhotosEditor } from './product-photos';
import './campaigns.css';

const PAGE = 30;

interface ProductRow {
  id: number;
  name: string;
  brand: string;
  code: string;
  spec: string;
  inCampaign: boolean;
}

/** `/campaigns/products`: the products to write knowledge for — those in campaigns first, then any found by name. */
export function KnowledgeListPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [shown, setShown] = useState(PAGE);
  const campaigns = useCampaigns();
  const found = useProductSearch(q);
  useDocumentTitle(t('campaigns.knowledge.title'));
  const rows = useMemo(() => {
    const out = new Map<number, ProductRow>();
    const words = q.trim().toLowerCase();
    for (const c of campaigns.data?.items ?? []) {
      for (const p of c.products) {
        const matches = !words || [p.name, p.brand, p.code].some((s) => s.toLowerCase().includes(words));
        if (matches && c.status !== 'ended') out.set(p.id, { ...p, inCampaign: true });
      }
    }
    for (const p of found.data?.items ?? []) if (!out.has(p.id)) out.set(p.id, { ...p, inCampaign: false });
    return [...out.values()];
  }, [campaigns.data, found.data, q]);
  const columns: ResponsiveColumn<ProductRow>[] = [
    {
      key: 'name',
      title: t('campaigns.common.product'),
      render: (_v, p) => (
        <Space wrap size={4}>
          <Link to={`/campaigns/products/${p.id}`} data-testid="knowledge-product" data-product-id={p.id}>
            {p.name}
          </Link>
          {p.inCampaign ? <Tag color="green">{t('campaigns.nav.campaigns')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'brand', title: t('campaigns.knowledge.brand'), render: (_v, p) => p.brand },
    { key: 'code', title: t('campaigns.knowledge.code'), render: (_v, p) => p.code },
    { key: 'spec', title: t('campaigns.knowledge.spec'), render: (_v, p) => p.spec || t('campaigns.common.none') },
  ];
  return (
    <div className="siyi-page siyi-page--narrow">
      <Typography.Title level={1} className="siyi-page__title">
        {t('campaigns.knowledge.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('campaigns.knowledge.intro')}</Typography.Paragraph>
      <SearchBox
        value={q}
        onSearch={(term) => {
          setQ(term ?? '');
          setShown(PAGE);
        }}
        label={t('campaigns.knowledge.search')}
        placeholder={t('campaigns.knowledge.search')}
      />
      <Card>
        <CampaignQuery query={found} loading={<BlockLoading rows={8} />}>
          {() =>
            rows.length === 0 ? (
              <EmptyState description={t('campaigns.knowledge.noProducts')} />
            ) : (
              <>
                <ResponsiveTable
                  columns={columns}
                  rows={rows.slice(0, shown)}
                  rowKey={(p) => p.id}
                  label={t('campaigns.knowledge.title')}
                />
                {rows.length > shown ? (
                  <Button size="large" style={{ marginTop: 12 }} onClick={() => setShown((n) => n + PAGE)}>
                    {t('campaigns.knowledge.more', { count: rows.length - shown })}
                  </Button>
                ) : null}
              </>
            )
          }
        </CampaignQuery>
      </Card>
    </div>
  );
}

interface KnowledgeValues {
  sellingPoints: string[];
  targetConsumers: string;
  pricePosition: string;
  talkingGuide: string;
  retailerTips: string;
}

function parseId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}

function KnowledgeForm({ knowledge }: { knowledge: ProductKnowledge }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<KnowledgeValues>();
  const save = useSaveKnowledge(knowledge.productId);
  const [alerts, setAlerts] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const client = useQueryClient();
  const initial: KnowledgeValues = {
    sellingPoints: knowledge.sellingPoints.length > 0 ? knowledge.sellingPoints : [''],
    targetConsumers: knowledge.targetConsumers,
    pricePosition: knowledge.pricePosition,
    talkingGuide: knowledge.talkingGuide ?? '',
    retailerTips: knowledge.retailerTips,
  };
  const submit = (values: KnowledgeValues) => {
    setAlerts([]);
    setStale(false);
    const body: UpdateProductKnowledgeBody = {
      // An empty line left open is not a point.
      sellingPoints: values.sellingPoints.filter((p) => (p ?? '').trim() !== ''),
      targetConsumers: values.targetConsumers ?? '',
      pricePosition: values.pricePosition ?? '',
      talkingGuide: values.talkingGuide ?? '',
      retailerTips: values.retailerTips ?? '',
      version: knowledge.version,
    };
    save.mutate(body, {
      onSuccess: (answer) => {
        void message.success(t('campaigns.knowledge.savedMessage'));
        form.setFieldsValue({
          sellingPoints: answer.sellingPoints.length > 0 ? answer.sellingPoints : [''],
          targetConsumers: answer.targetConsumers,
          pricePosition: answer.pricePosition,
          talkingGuide: answer.talkingGuide ?? '',
          retailerTips: answer.retailerTips,
        });
      },
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'CONFLICT') {
          setStale(true);
          return;
        }
        setAlerts(applyFieldErrors(form, error));
      },
    });
  };
  const textArea = (name: keyof Omit<KnowledgeValues, 'sellingPoints'>, hint?: string) => (
    <Form.Item
      name={name}
      label={
        hint ? (
          <span className="siyi-knowledge-label">
            {t(`campaigns.knowledge.${name}`)}
            <Typography.Text type="secondary">{hint}</Typography.Text>
          </span>
        ) : (
          t(`campaigns.knowledge.${name}`)
        )
      }
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={KNOWLEDGE_TEXT_MAX} showCount />
    </Form.Item>
  );
  return (
    <Form<KnowledgeValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      data-testid="knowledge-form"
      requiredMark={false}
    >
      {stale ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('campaigns.knowledge.stale')}
          data-testid="knowledge-stale"
          action={
            <Button onClick={() => void client.invalidateQueries({ queryKey: ['campaigns', 'knowledge'] })}>
              {t('campaigns.knowledge.reload')}
            </Button>
          }
        />
      ) : null}
      {alerts.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={alerts.join(' ')}
          data-testid="knowledge-error"
        />
      ) : null}
      <Typography.Text strong>{t('campaigns.knowledge.sellingPoints')}</Typography.Text>
      <Typography.Paragraph type="secondary">{t('campaigns.knowledge.sellingPointsHint')}</Typography.Paragraph>
      <Form.List name="sellingPoints">
        {(fields, { add, remove }) => (
          <>
            <ul className="siyi-knowledge-points">
              {fields.map((field, index) => (
                <li key={field.key} className="siyi-knowledge-point">
                  <Form.Item name={field.name}>
                    <Input.TextArea
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      maxLength={SELLING_POINT_MAX}
                      aria-label={t('campaigns.knowledge.sellingPoint', { n: index + 1 })}
                      placeholder={t('campaigns.knowledge.sellingPoint', { n: index + 1 })}
                      data-testid="selling-point-input"
                    />
                  </Form.Item>
                  <Button
                    size="large"
                    type="text"
                    danger
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={t('campaigns.knowledge.remove')}
                    title={t('campaigns.knowledge.remove')}
                    onClick={() => remove(field.name)}
                  />
                </li>
              ))}
            </ul>
            <Button
              icon={<PlusOutlined aria-hidden />}
              disabled={fields.length >= SELLING_POINTS_MAX}
              onClick={() => add('')}
              style={{ margin: '8px 0 16px' }}
              data-testid="add-selling-point"
            >
              {t('campaigns.knowledge.addSellingPoint')}
            </Button>
          </>
        )}
      </Form.List>
      {textArea('talkingGuide', t('campaigns.knowledge.talkingGuideHint'))}
      {textArea('retailerTips', t('campaigns.knowledge.retailerTipsHint'))}
      {textArea('targetConsumers')}
      {textArea('pricePosition')}
      <div className="siyi-campaign-actions">
        <Button type="primary" size="large" htmlType="submit" loading={save.isPending} data-testid="knowledge-save">
          {t('campaigns.common.save')}
        </Button>
        {knowledge.updatedAt ? (
          <Typography.Text type="secondary">
            {t('campaigns.knowledge.updatedAt', { at: formatDateTime(knowledge.updatedAt, i18n.language) })}
          </Typography.Text>
        ) : null}
      </div>
    </Form>
  );
}

/** `/campaigns/products/:id`: an admin writes one product's selling points, guide and tips. */
export function KnowledgeEditPage() {
  const { t } = useTranslation();
  const id = parseId(useParams().id);
  const knowledge = useKnowledge(id);
  const name = knowledge.data?.product.name;
  useDocumentTitle(name ? t('campaigns.knowledge.editTitle', { name }) : t('campaigns.knowledge.title'));
  const notFound = (
    <NotFoundState
      headingLevel={1}
      body={t('campaigns.knowledge.notFound')}
      backTo="/campaigns/products"
      backLabel={t('campaigns.knowledge.title')}
    />
  );
  if (id === null) return notFound;
  return (
    <div className="siyi-page siyi-page--narrow">
      <div>
        <LinkButton type="link" icon={<ArrowLeftOutlined />} to="/campaigns/products" style={{ paddingInline: 0 }}>
          {t('campaigns.knowledge.title')}
        </LinkButton>
      </div>
      <CampaignQuery query={knowledge} notFound={notFound} loading={<BlockLoading rows={10} />}>
        {(data) => (
          <>
            <Typography.Title level={1} className="siyi-page__title">
              {t('campaigns.knowledge.editTitle', { name: data.product.name })}
            </Typography.Title>
            <Space wrap>
              <Typography.Text type="secondary">
                {data.product.brand} · {data.product.code}
                {data.product.spec ? ` · ${data.product.spec}` : ''}
              </Typography.Text>
              {data.product.isNew ? <Tag color="green">{t('campaigns.knowledge.newTag')}</Tag> : null}
            </Space>
            <Card>
              {/* A new key after a save from elsewhere (version) starts the form from what the server has. */}
              <KnowledgeForm key={data.version} knowledge={data} />
            </Card>
            <ProductPhotosEditor knowledge={data} />
          </>
        )}
      </CampaignQuery>
    </div>
  );
}
