import '@/modules/campaigns/campaigns.messages';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import {
  businessFormats,
  CAMPAIGN_NAME_MAX,
  type CampaignDetail,
  type CampaignItem,
  type CampaignItemKind,
  campaignItemKinds,
  GIFT_STOCK_MAX,
  KNOWLEDGE_TEXT_MAX,
  type RetailerListResponse,
} from '@siyi/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { http } from '@/api/http';
import { useOrgUnits, useUserList } from '@/modules/users/users.api';
import { formatCount } from '@/ui/format';
import { LinkButton } from '@/ui/link-button';
import { type ResponsiveColumn, ResponsiveTable } from '@/ui/responsive-table';
import { BlockLoading, EmptyState, NotFoundState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { bodyOf, type CampaignValues, toField, valuesOf } from './campaign-form-values';
import { CampaignQuery } from './campaign-ui';
import {
  campaignsApi,
  FUNNEL_LIST_PAGE,
  useAddCampaignItem,
  useCampaign,
  useGiftStock,
  useProductSearch,
  useSaveCampaign,
  useSetStock,
} from './campaigns.api';
import { applyFieldErrors } from './form-errors';
import './campaigns.css';

function parseId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}

/** Products picked from a search of the catalogue (name, brand, code); the chosen ones keep their names. */
function ProductPicker({
  value,
  onChange,
  known,
}: {
  value?: number[];
  onChange?: (ids: number[]) => void;
  known: ReadonlyMap<number, string>;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useProductSearch(q);
  const [names, setNames] = useState<Map<number, string>>(() => new Map(known));
  const options = useMemo(() => {
    const out = new Map(names);
    for (const p of found.data?.items ?? []) out.set(p.id, `${p.name} · ${p.brand}`);
    return [...out].map(([id, label]) => ({ value: id, label }));
  }, [found.data, names]);
  return (
    <Select<number[]>
      mode="multiple"
      size="large"
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={found.isFetching}
      value={value ?? []}
      onChange={(ids) => {
        const next = new Map(names);
        for (const p of found.data?.items ?? []) if (ids.includes(p.id)) next.set(p.id, `${p.name} · ${p.brand}`);
        setNames(next);
        onChange?.(ids);
      }}
      placeholder={t('campaigns.edit.productsPlaceholder')}
      options={options}
      data-testid="campaign-products"
    />
  );
}

/** Retailers picked by shop name or licence number. */
function RetailerPicker({
  value,
  onChange,
  campaignId,
}: {
  value?: number[];
  onChange?: (ids: number[]) => void;
  /** A saved campaign: its target list names the retailers already picked (the campaign holds only their ids). */
  campaignId?: number;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const picked = useQuery({
    queryKey: ['campaigns', 'picked-retailers', campaignId ?? 0],
    queryFn: ({ signal }) =>
      campaignsApi.funnelRetailers(campaignId ?? 0, { page: 1, pageSize: FUNNEL_LIST_PAGE }, signal),
    enabled: campaignId !== undefined,
  });
  const found = useQuery({
    queryKey: ['campaigns', 'retailer-search', q],
    queryFn: ({ signal }) =>
      http.get<RetailerListResponse>('/api/retailers', { query: { q: q.trim(), pageSize: 20 }, signal }),
    enabled: q.trim() !== '',
  });
  const [names, setNames] = useState<Map<number, string>>(() => new Map());
  const options = useMemo(() => {
    const out = new Map(names);
    for (const r of picked.data?.items ?? []) out.set(r.retailerId, `${r.shopName} · ${r.licenceNo}`);
    for (const r of found.data?.items ?? []) out.set(r.id, `${r.shopName} · ${r.licenceNo}`);
    for (const id of value ?? []) if (!out.has(id)) out.set(id, `#${id}`);
    return [...out].map(([id, label]) => ({ value: id, label }));
  }, [found.data, picked.data, names, value]);
  return (
    <Select<number[]>
      mode="multiple"
      size="large"
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={found.isFetching}
      value={value ?? []}
      onChange={(ids) => {
        const next = new Map(names);
        for (const r of found.data?.items ?? [])
          if (ids.includes(r.id)) next.set(r.id, `${r.shopName} · ${r.licenceNo}`);
        setNames(next);
        onChange?.(ids);
      }}
      placeholder={t('campaigns.edit.retailersPlaceholder')}
      options={options}
    />
  );
}

function CampaignForm({ campaign }: { campaign: CampaignDetail | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CampaignValues>();
  const save = useSaveCampaign();
  const orgUnits = useOrgUnits();
  const [alerts, setAlerts] = useState<string[]>([]);
  const segmentKind = Form.useWatch('segmentKind', form) ?? valuesOf(campaign).segmentKind;
  const known = useMemo(
    () => new Map((campaign?.products ?? []).map((p) => [p.id, `${p.name} · ${p.brand}`] as const)),
    [campaign],
  );
  const districts = (orgUnits.data?.items ?? []).filter((u) => u.kind === 'district');

  const submit = (values: CampaignValues) => {
    setAlerts([]);
    const body = bodyOf(values);
    save.mutate(
      { id: campaign?.id ?? null, body: campaign ? { ...body, version: campaign.version } : body },
      {
        onSuccess: (answer) => {
          void message.success(campaign ? t('campaigns.edit.savedMessage') : t('campaigns.edit.created'));
          // A new campaign goes on to its gifts; a saved one stays to be read.
          if (!campaign) void navigate(`/campaigns/${answer.id}/edit`, { replace: true });
        },
        onError: (error) => {
          const left = applyFieldErrors(form, error, toField);
          const fielded = error instanceof ApiError && Object.keys(error.fields).length > 0;
          setAlerts(fielded ? [t('campaigns.edit.fixFields'), ...left] : left);
        },
      },
    );
  };
  const required = [{ required: true, message: t('campaigns.common.required') }];
  const count = (name: keyof CampaignValues, max: number, min = 0) => (
    <Form.Item name={name} label={t(`campaigns.edit.${name}` as 'campaigns.edit.firstOrders')}>
      <InputNumber size="large" min={min} max={max} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <Form<CampaignValues>
      form={form}
      layout="vertical"
      initialValues={valuesOf(campaign)}
      onFinish={submit}
      requiredMark={false}
      data-testid="campaign-form"
    >
      {alerts.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={alerts.join(' ')}
          data-testid="campaign-form-error"
        />
      ) : null}
      <Form.Item name="name" label={t('campaigns.edit.name')} rules={required}>
        <Input size="large" maxLength={CAMPAIGN_NAME_MAX} data-testid="campaign-name" />
      </Form.Item>
      <Form.Item name="productIds" label={t('campaigns.edit.products')} rules={required}>
        <ProductPicker known={known} />
      </Form.Item>
      <div className="siyi-form-row">
        <Form.Item name="startsOn" label={t('campaigns.edit.startsOn')} rules={required}>
          <Input type="date" size="large" data-testid="campaign-starts" />
        </Form.Item>
        <Form.Item name="endsOn" label={t('campaigns.edit.endsOn')} rules={required}>
          <Input type="date" size="large" data-testid="campaign-ends" />
        </Form.Item>
      </div>
      <Form.Item name="description" label={t('campaigns.edit.description')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={KNOWLEDGE_TEXT_MAX} />
      </Form.Item>

      <Typography.Title level={2} style={{ fontSize: '1.15em' }}>
        {t('campaigns.edit.segment')}
      </Typography.Title>
      <Form.Item name="segmentKind" label={t('campaigns.edit.segmentKind')}>
        <Radio.Group
          className="siyi-choice"
          optionType="button"
          buttonStyle="solid"
          size="large"
          options={(['all', 'rules', 'retailers'] as const).map((k) => ({
            value: k,
            label: t(`campaigns.edit.segmentKinds.${k}`),
          }))}
        />
      </Form.Item>
      {segmentKind === 'rules' ? (
        <>
          <Typography.Paragraph type="secondary">{t('campaigns.edit.rulesHint')}</Typography.Paragraph>
          <div className="siyi-form-row">
            {count('tierFrom', 30, 1)}
            {count('tierTo', 30, 1)}
          </div>
          <Form.Item name="formats" label={t('campaigns.edit.formats')}>
            <Select
              mode="multiple"
              size="large"
              options={businessFormats.map((f) => ({ value: f, label: t(`formats.${f}`) }))}
            />
          </Form.Item>
          <Form.Item name="districtIds" label={t('campaigns.edit.districts')}>
            <Select
              mode="multiple"
              size="large"
              loading={orgUnits.isPending}
              optionFilterProp="label"
              options={districts.map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        </>
      ) : null}
      {segmentKind === 'retailers' ? (
        <Form.Item name="retailerIds" label={t('campaigns.edit.retailers')}>
          <RetailerPicker {...(campaign ? { campaignId: campaign.id } : {})} />
        </Form.Item>
      ) : null}

      <Typography.Title level={2} style={{ fontSize: '1.15em' }}>
        {t('campaigns.edit.goals')}
      </Typography.Title>
      <div className="siyi-form-row">
        {count('introducedSharePct', 100)}
        {count('firstOrders', 1_000_000)}
        {count('reorders', 1_000_000)}
        {count('reorderWeeks', 26, 1)}
      </div>
      <Button type="primary" size="large" htmlType="submit" loading={save.isPending} data-testid="campaign-save">
        {campaign ? t('campaigns.edit.submitSave') : t('campaigns.edit.submitCreate')}
      </Button>
    </Form>
  );
}

/** One item's stock per manager: numbers edited in place, saved together; a refused one shows its message. */
function StockEditor({ campaignId, item }: { campaignId: number; item: CampaignItem }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const managers = useUserList({ role: 'manager', page: 1, pageSize: 200 });
  const stock = useGiftStock({ campaignId });
  const setStock = useSetStock(campaignId);
  const [edits, setEdits] = useState<Record<number, number | null>>({});
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [saving, setSaving] = useState(false);
  const rows = (managers.data?.items ?? []).filter((m) => !m.disabled);
  const stockOf = (managerId: number) =>
    stock.data?.items.find((s) => s.itemId === item.id && s.managerId === managerId);
  const n = (value: number) => formatCount(value, i18n.language);

  const saveAll = async () => {
    setSaving(true);
    const nextErrors: Record<number, string> = {};
    let saved = 0;
    for (const [key, quantity] of Object.entries(edits)) {
      const managerId = Number(key);
      if ((stockOf(managerId)?.assigned ?? 0) === quantity) continue;
      try {
        await setStock.mutateAsync({ itemId: item.id, managerId, quantity: quantity ?? 0 });
        saved += 1;
      } catch (error) {
        nextErrors[managerId] = error instanceof ApiError ? (error.fields.quantity ?? error.message) : String(error);
      }
    }
    setErrors(nextErrors);
    setEdits((current) => Object.fromEntries(Object.entries(current).filter(([k]) => nextErrors[Number(k)])));
    setSaving(false);
    if (saved > 0) void message.success(t('campaigns.edit.stockSaved', { count: saved }));
  };

  const columns: ResponsiveColumn<(typeof rows)[number]>[] = [
    {
      key: 'name',
      title: t('campaigns.common.manager'),
      render: (_v, m) => (
        <span>
          <Typography.Text strong>{m.name}</Typography.Text>{' '}
          <Typography.Text type="secondary">{m.orgUnitName}</Typography.Text>
        </span>
      ),
    },
    {
      key: 'assigned',
      title: t('campaigns.edit.assigned'),
      render: (_v, m) => {
        const value = m.id in edits ? edits[m.id] : (stockOf(m.id)?.assigned ?? 0);
        return (
          <div>
            <InputNumber
              min={0}
              max={GIFT_STOCK_MAX}
              precision={0}
              value={value}
              status={errors[m.id] ? 'error' : undefined}
              aria-label={`${m.name} · ${t('campaigns.edit.assigned')}`}
              data-testid="stock-input"
              data-manager={m.username}
              onChange={(v) => setEdits((e) => ({ ...e, [m.id]: typeof v === 'number' ? v : null }))}
            />
            {errors[m.id] ? (
              <div className="ant-form-item-explain-error" role="alert">
                {errors[m.id]}
              </div>
            ) : null}
          </div>
        );
      },
    },
    {
      key: 'issued',
      title: t('campaigns.edit.issued'),
      align: 'right',
      render: (_v, m) => n(stockOf(m.id)?.issued ?? 0),
    },
    {
      key: 'available',
      title: t('campaigns.edit.available'),
      align: 'right',
      render: (_v, m) => n(stockOf(m.id)?.available ?? 0),
    },
  ];
  return (
    <Card
      size="small"
      title={t('campaigns.edit.stockTitle', { name: item.name })}
      data-testid="stock-editor"
      data-item-id={item.id}
    >
      <Typography.Paragraph type="secondary">{t('campaigns.edit.stockHint')}</Typography.Paragraph>
      {managers.isPending || stock.isPending ? (
        <BlockLoading rows={4} />
      ) : rows.length === 0 ? (
        <EmptyState description={t('campaigns.edit.noManagers')} />
      ) : (
        <ResponsiveTable columns={columns} rows={rows} rowKey={(m) => m.id} label={item.name} />
      )}
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        loading={saving}
        disabled={Object.keys(edits).length === 0}
        onClick={() => void saveAll()}
        data-testid="stock-save"
      >
        {t('campaigns.edit.saveStock')}
      </Button>
    </Card>
  );
}

interface ItemValues {
  kind: CampaignItemKind;
  name: string;
  unit: string;
}

function ItemsCard({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemValues>();
  const add = useAddCampaignItem(campaign.id);
  const [alerts, setAlerts] = useState<string[]>([]);
  return (
    <Card title={t('campaigns.edit.gifts')} data-testid="campaign-items">
      <Typography.Paragraph type="secondary">{t('campaigns.edit.giftsHint')}</Typography.Paragraph>
      <Form<ItemValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'gift', name: '', unit: '' }}
        onFinish={(values) => {
          setAlerts([]);
          add.mutate(values, {
            onSuccess: () => {
              void message.success(t('campaigns.edit.itemAdded'));
              form.resetFields();
            },
            onError: (error) => setAlerts(applyFieldErrors(form, error)),
          });
        }}
      >
        {alerts.length > 0 ? (
          <Alert type="error" showIcon message={alerts.join(' ')} style={{ marginBottom: 12 }} />
        ) : null}
        <div className="siyi-gift-edit">
          <Form.Item name="kind" label={t('campaigns.edit.itemKind')}>
            <Select
              size="large"
              options={campaignItemKinds.map((k) => ({ value: k, label: t(`campaigns.edit.itemKinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('campaigns.edit.itemName')}
            rules={[{ required: true, message: t('campaigns.common.required') }]}
          >
            <Input size="large" maxLength={CAMPAIGN_NAME_MAX} data-testid="item-name" />
          </Form.Item>
          <Form.Item name="unit" label={t('campaigns.edit.itemUnit')}>
            <Input size="large" maxLength={10} data-testid="item-unit" />
          </Form.Item>
        </div>
        <Button
          htmlType="submit"
          icon={<PlusOutlined aria-hidden />}
          loading={add.isPending}
          style={{ marginTop: 8 }}
          data-testid="item-add"
        >
          {t('campaigns.edit.addItem')}
        </Button>
      </Form>
      <div className="siyi-campaign-section" style={{ marginTop: 16 }}>
        {campaign.items.length === 0 ? (
          <EmptyState description={t('campaigns.edit.noItems')} />
        ) : (
          campaign.items.map((item) => <StockEditor key={item.id} campaignId={campaign.id} item={item} />)
        )}
      </div>
    </Card>
  );
}

/** `/campaigns/new` and `/campaigns/:id/edit`: an admin's campaign — products, period, segment, goals, gifts. */
export function CampaignEditPage() {
  const { t } = useTranslation();
  const params = useParams();
  const creating = params.id === undefined;
  const id = creating ? null : parseId(params.id);
  const campaign = useCampaign(id);
  useDocumentTitle(creating ? t('campaigns.edit.createTitle') : t('campaigns.edit.editTitle'));
  const notFound = (
    <NotFoundState
      headingLevel={1}
      body={t('campaigns.dashboard.notFound')}
      backTo="/campaigns"
      backLabel={t('campaigns.list.title')}
    />
  );
  if (!creating && id === null) return notFound;
  return (
    <div className="siyi-page siyi-page--narrow">
      <div>
        <LinkButton type="link" icon={<ArrowLeftOutlined />} to="/campaigns" style={{ paddingInline: 0 }}>
          {t('campaigns.list.title')}
        </LinkButton>
      </div>
      <Typography.Title level={1} className="siyi-page__title">
        {creating ? t('campaigns.edit.createTitle') : t('campaigns.edit.editTitle')}
      </Typography.Title>
      {creating ? (
        <Card>
          <CampaignForm campaign={null} />
        </Card>
      ) : (
        <CampaignQuery query={campaign} notFound={notFound} loading={<BlockLoading rows={10} />}>
          {(data) => (
            <>
              <Card>
                <CampaignForm key={data.version} campaign={data} />
              </Card>
              <ItemsCard campaign={data} />
            </>
          )}
        </CampaignQuery>
      )}
    </div>
  );
}
