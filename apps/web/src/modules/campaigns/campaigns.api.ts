import type {
  CampaignDetail,
  CampaignFeedback,
  CampaignFunnel,
  CampaignIntroduction,
  CampaignItem,
  CampaignListResponse,
  CampaignStatus,
  CreateCampaignBody,
  CreateCampaignFeedbackBody,
  CreateCampaignItemBody,
  CreateIntroductionBody,
  FunnelQuery,
  FunnelRetailerListResponse,
  FunnelStage,
  Gift,
  GiftListResponse,
  GiftStockResponse,
  GiftStockRow,
  IssueGiftBody,
  NewProductsResponse,
  ProductKnowledge,
  ProductListResponse,
  ProductPhoto,
  UpdateCampaignBody,
  UpdateProductKnowledgeBody,
} from '@siyi/contracts';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/api/http';

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const campaignsApi = {
  knowledge: (productId: number, signal?: AbortSignal) =>
    http.get<ProductKnowledge>(`/api/products/${productId}/knowledge`, withSignal(signal)),
  saveKnowledge: (productId: number, body: UpdateProductKnowledgeBody) =>
    http.put<ProductKnowledge>(`/api/products/${productId}/knowledge`, body),
  addPhoto: (productId: number, photo: Blob, name: string) => {
    const form = new FormData();
    form.append('file', photo, name);
    return http.post<ProductPhoto>(`/api/products/${productId}/knowledge/photos`, form);
  },
  removePhoto: (productId: number, photoId: number) =>
    http.delete(`/api/products/${productId}/knowledge/photos/${photoId}`),
  products: (q: string, signal?: AbortSignal) =>
    http.get<ProductListResponse>('/api/products', { query: { q }, ...withSignal(signal) }),
  list: (status: CampaignStatus | undefined, signal?: AbortSignal) =>
    http.get<CampaignListResponse>('/api/campaigns', { query: { status, pageSize: 200 }, ...withSignal(signal) }),
  get: (id: number, signal?: AbortSignal) => http.get<CampaignDetail>(`/api/campaigns/${id}`, withSignal(signal)),
  create: (body: CreateCampaignBody) => http.post<CampaignDetail>('/api/campaigns', body),
  update: (id: number, body: UpdateCampaignBody) => http.put<CampaignDetail>(`/api/campaigns/${id}`, body),
  addItem: (id: number, body: CreateCampaignItemBody) => http.post<CampaignItem>(`/api/campaigns/${id}/items`, body),
  setStock: (id: number, itemId: number, managerId: number, quantity: number) =>
    http.put<GiftStockRow>(`/api/campaigns/${id}/items/${itemId}/stock`, { managerId, quantity }),
  stock: (query: { campaignId?: number; managerId?: number }, signal?: AbortSignal) =>
    http.get<GiftStockResponse>('/api/gift-stock', { query, ...withSignal(signal) }),
  funnel: (id: number, query: FunnelQuery, signal?: AbortSignal) =>
    http.get<CampaignFunnel>(`/api/campaigns/${id}/funnel`, { query: { ...query }, ...withSignal(signal) }),
  funnelRetailers: (
    id: number,
    query: FunnelQuery & { stage?: FunnelStage; page?: number; pageSize?: number },
    signal?: AbortSignal,
  ) =>
    http.get<FunnelRetailerListResponse>(`/api/campaigns/${id}/funnel/retailers`, {
      query: { ...query },
      ...withSignal(signal),
    }),
  newProducts: (retailerId: number | undefined, signal?: AbortSignal) =>
    http.get<NewProductsResponse>('/api/new-products', { query: { retailerId }, ...withSignal(signal) }),
  introduce: (campaignId: number, body: CreateIntroductionBody) =>
    http.post<CampaignIntroduction>(`/api/campaigns/${campaignId}/introductions`, body),
  gifts: (query: { campaignId?: number; retailerId?: number }, signal?: AbortSignal) =>
    http.get<GiftListResponse>('/api/gifts', { query: { ...query, pageSize: 200 }, ...withSignal(signal) }),
  issueGift: (body: IssueGiftBody) => http.post<Gift>('/api/gifts/issue', body),
  confirmGift: (id: number) => http.post<Gift>(`/api/gifts/${id}/confirm`, {}),
  returnGift: (id: number) => http.post<Gift>(`/api/gifts/${id}/return`, { note: '' }),
  feedback: (campaignId: number, body: CreateCampaignFeedbackBody) =>
    http.post<CampaignFeedback>(`/api/campaigns/${campaignId}/feedback`, body),
};

/** The workbook of a campaign's funnel: a plain link the browser downloads with the session cookie. */
export function funnelExportHref(id: number, query: FunnelQuery, lang: 'zh-CN' | 'en'): string {
  const params = new URLSearchParams({ lang });
  if (query.districtId) params.set('districtId', String(query.districtId));
  if (query.managerId) params.set('managerId', String(query.managerId));
  return `/api/campaigns/${id}/funnel.xlsx?${params.toString()}`;
}

export const CAMPAIGNS_KEY = ['campaigns'] as const;

export function useKnowledge(productId: number | null) {
  return useQuery({
    queryKey: ['campaigns', 'knowledge', productId],
    queryFn: ({ signal }) => campaignsApi.knowledge(productId ?? 0, signal),
    enabled: productId !== null,
  });
}

/** Adding or removing a picture refreshes the knowledge (its photos) and every 新品上市 list that shows them. */
export function useProductPhotoMutations(productId: number) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['campaigns', 'knowledge', productId] }),
      client.invalidateQueries({ queryKey: ['campaigns', 'new-products'] }),
    ]);
  const add = useMutation({
    mutationFn: ({ photo, name }: { photo: Blob; name: string }) => campaignsApi.addPhoto(productId, photo, name),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (photoId: number) => campaignsApi.removePhoto(productId, photoId),
    onSuccess: refresh,
  });
  return { add, remove };
}

export function useSaveKnowledge(productId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProductKnowledgeBody) => campaignsApi.saveKnowledge(productId, body),
    onSuccess: (answer) => {
      client.setQueryData(['campaigns', 'knowledge', productId], answer);
      void client.invalidateQueries({ queryKey: ['campaigns', 'new-products'] });
    },
  });
}

/** Active products matching a search (name, brand, code); the server caps the list. */
export function useProductSearch(q: string) {
  return useQuery({
    queryKey: ['campaigns', 'products', q],
    queryFn: ({ signal }) => campaignsApi.products(q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCampaigns(status?: CampaignStatus) {
  return useQuery({
    queryKey: ['campaigns', 'list', status ?? 'all'],
    queryFn: ({ signal }) => campaignsApi.list(status, signal),
  });
}

export function useCampaign(id: number | null) {
  return useQuery({
    queryKey: ['campaigns', 'detail', id],
    queryFn: ({ signal }) => campaignsApi.get(id ?? 0, signal),
    enabled: id !== null,
  });
}

/** Creating or saving a campaign: the lists and the dashboards read again. */
export function useSaveCampaign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: CreateCampaignBody | UpdateCampaignBody }) =>
      id === null ? campaignsApi.create(body) : campaignsApi.update(id, body as UpdateCampaignBody),
    onSuccess: (answer) => {
      client.setQueryData(['campaigns', 'detail', answer.id], answer);
      void client.invalidateQueries({ queryKey: CAMPAIGNS_KEY });
    },
  });
}

export function useAddCampaignItem(campaignId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCampaignItemBody) => campaignsApi.addItem(campaignId, body),
    onSettled: () => client.invalidateQueries({ queryKey: CAMPAIGNS_KEY }),
  });
}

export function useSetStock(campaignId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, managerId, quantity }: { itemId: number; managerId: number; quantity: number }) =>
      campaignsApi.setStock(campaignId, itemId, managerId, quantity),
    onSettled: () => client.invalidateQueries({ queryKey: CAMPAIGNS_KEY }),
  });
}

export function useGiftStock(query: { campaignId?: number; managerId?: number }, enabled = true) {
  return useQuery({
    queryKey: ['campaigns', 'stock', query.campaignId ?? 0, query.managerId ?? 0],
    queryFn: ({ signal }) => campaignsApi.stock(query, signal),
    enabled,
  });
}

export function useFunnel(id: number | null, query: FunnelQuery) {
  return useQuery({
    queryKey: ['campaigns', 'funnel', id, query.districtId ?? 0, query.managerId ?? 0],
    queryFn: ({ signal }) => campaignsApi.funnel(id ?? 0, query, signal),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}

/** The largest page the server sends; a bar's list shows its first page per step and says when there are more. */
export const FUNNEL_LIST_PAGE = 200;

/**
 * The retailers behind a bar: those that reached `stage` or any later step (the server lists each exact step),
 * or, for the target, all targeted retailers.
 */
export function useFunnelRetailers(id: number, stage: FunnelStage, query: FunnelQuery, stages: readonly FunnelStage[]) {
  const wanted: (FunnelStage | undefined)[] = stage === 'target' ? [undefined] : stages.slice(stages.indexOf(stage));
  return useQueries({
    queries: wanted.map((s) => ({
      queryKey: ['campaigns', 'funnel-retailers', id, s ?? 'all', query.districtId ?? 0, query.managerId ?? 0],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        campaignsApi.funnelRetailers(
          id,
          { ...query, ...(s ? { stage: s } : {}), page: 1, pageSize: FUNNEL_LIST_PAGE },
          signal,
        ),
    })),
  });
}

export function useNewProducts(retailerId?: number) {
  return useQuery({
    queryKey: ['campaigns', 'new-products', retailerId ?? 'mine'],
    queryFn: ({ signal }) => campaignsApi.newProducts(retailerId, signal),
  });
}

export function useRetailerGifts(retailerId: number) {
  return useQuery({
    queryKey: ['campaigns', 'gifts', retailerId],
    queryFn: ({ signal }) => campaignsApi.gifts({ retailerId }, signal),
  });
}

function useCampaignWrite<V, R>(write: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: CAMPAIGNS_KEY }),
        client.invalidateQueries({ queryKey: ['retailers', 'timeline'] }),
      ]),
  });
}

export const useIntroduce = () =>
  useCampaignWrite(({ campaignId, body }: { campaignId: number; body: CreateIntroductionBody }) =>
    campaignsApi.introduce(campaignId, body),
  );
export const useIssueGift = () => useCampaignWrite((body: IssueGiftBody) => campaignsApi.issueGift(body));
export const useConfirmGift = () => useCampaignWrite((id: number) => campaignsApi.confirmGift(id));
/** A gift the retailer has not confirmed goes back into the manager's stock. */
export const useReturnGift = () => useCampaignWrite((id: number) => campaignsApi.returnGift(id));
export const useSendFeedback = () =>
  useCampaignWrite(({ campaignId, body }: { campaignId: number; body: CreateCampaignFeedbackBody }) =>
    campaignsApi.feedback(campaignId, body),
  );
