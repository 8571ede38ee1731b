import type { ImportRunProgress, RetailerImportReport } from '@siyi/contracts';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/api/http';

export const retailerImportApi = {
  /** Uploads the file: a dry run checks it, a commit writes it (all rows or none). */
  run: (file: File, options: { dryRun: boolean; key: string }) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return http.post<RetailerImportReport>('/api/retailers/import', form, {
      query: { dryRun: options.dryRun, key: options.key },
    });
  },
  progress: (key: string, signal?: AbortSignal) =>
    http.get<ImportRunProgress>(`/api/retailers/import/${key}`, signal ? { signal } : {}),
};

/** Polls an import's progress while its upload is being answered (the run appears once the server has the file). */
export function useImportProgress(key: string | null) {
  return useQuery({
    queryKey: ['retailers', 'import', key],
    queryFn: ({ signal }) => retailerImportApi.progress(key as string, signal),
    enabled: key !== null,
    refetchInterval: 400,
    // Until the server has read the upload the key is unknown (404): keep polling, do not retry in between.
    retry: false,
  });
}
