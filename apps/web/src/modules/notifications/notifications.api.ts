import type {
  Notification,
  NotificationListResponse,
  OutboxListResponse,
  ReadAllResponse,
  UnreadCountResponse,
} from '@siyi/contracts';
// The bell is on every signed-in page: its routes come without the schemas' runtime.
import { notificationRoutes } from '@siyi/contracts/values';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/api/http';

export const NOTIFICATION_PAGE_SIZE = 20;
/** The bell asks again every few minutes while the page is visible, and whenever the window regains focus. */
const UNREAD_POLL_MS = 3 * 60_000;

export const notificationsApi = {
  list: (page: number, unreadOnly: boolean, signal?: AbortSignal) =>
    http.get<NotificationListResponse>(notificationRoutes.list, {
      query: { page, pageSize: NOTIFICATION_PAGE_SIZE, ...(unreadOnly ? { unread: 'true' } : {}) },
      ...(signal ? { signal } : {}),
    }),
  unreadCount: (signal?: AbortSignal) =>
    http.get<UnreadCountResponse>(notificationRoutes.unreadCount, signal ? { signal } : {}),
  read: (id: number) => http.post<Notification>(notificationRoutes.read(id), {}),
  readAll: () => http.post<ReadAllResponse>(notificationRoutes.readAll, {}),
  outbox: (page: number, signal?: AbortSignal) =>
    http.get<OutboxListResponse>(notificationRoutes.outbox, {
      query: { page, pageSize: NOTIFICATION_PAGE_SIZE },
      ...(signal ? { signal } : {}),
    }),
};

const keys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread-count'] as const,
  list: (page: number, unreadOnly: boolean) => ['notifications', 'list', page, unreadOnly] as const,
  outbox: (page: number) => ['notifications', 'outbox', page] as const,
};

export function useUnreadCount() {
  return useQuery({
    queryKey: keys.unread,
    queryFn: ({ signal }) => notificationsApi.unreadCount(signal),
    refetchInterval: UNREAD_POLL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    staleTime: 30_000,
  });
}

export function useNotificationList(page: number, unreadOnly: boolean) {
  return useQuery({
    queryKey: keys.list(page, unreadOnly),
    queryFn: ({ signal }) => notificationsApi.list(page, unreadOnly, signal),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => notificationsApi.read(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => notificationsApi.readAll(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useOutbox(page: number) {
  return useQuery({
    queryKey: keys.outbox(page),
    queryFn: ({ signal }) => notificationsApi.outbox(page, signal),
    placeholderData: keepPreviousData,
  });
}
