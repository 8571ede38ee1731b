import type { PhotoKind, RetailerPhoto, RetailerPhotoListResponse } from '@siyi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/api/http';

export const photosKey = (retailerId: number) => ['retailers', 'photos', retailerId] as const;

export const photosApi = {
  list: (retailerId: number, signal?: AbortSignal) =>
    http.get<RetailerPhotoListResponse>(`/api/retailers/${retailerId}/photos`, signal ? { signal } : {}),
  upload: (retailerId: number, kind: PhotoKind, file: File) => {
    const form = new FormData();
    // The kind first: the server reads the parts in order.
    form.append('kind', kind);
    form.append('file', file, file.name);
    return http.post<RetailerPhoto>(`/api/retailers/${retailerId}/photos`, form);
  },
  remove: (photoId: number) => http.delete(`/api/photos/${photoId}`),
};

export function useRetailerPhotos(retailerId: number) {
  return useQuery({
    queryKey: photosKey(retailerId),
    queryFn: ({ signal }) => photosApi.list(retailerId, signal),
  });
}

/** Upload and removal refresh the grid and the retailer's timeline (a photo added is an event there). */
export function usePhotoMutations(retailerId: number) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: photosKey(retailerId) }),
      client.invalidateQueries({ queryKey: ['retailers', 'timeline', retailerId] }),
    ]);
  const upload = useMutation({
    mutationFn: ({ kind, file }: { kind: PhotoKind; file: File }) => photosApi.upload(retailerId, kind, file),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (photoId: number) => photosApi.remove(photoId), onSuccess: refresh });
  return { upload, remove };
}
