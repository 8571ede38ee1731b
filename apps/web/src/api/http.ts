import type { SessionProbeResponse } from '@siyi/contracts';
import { currentLocale, i18n } from '@/i18n/i18n';
import { createApiClient } from './api-client';

/** The one API client of the app: same-origin cookies, CSRF header, the UI language on every call. */
export const http = createApiClient({
  getLanguage: currentLocale,
  messages: {
    network: () => i18n.t('errors.network'),
    unexpected: (status) => i18n.t('errors.unexpected', { status }),
  },
  refreshCsrfToken: async (client) =>
    (await client.get<SessionProbeResponse>('/api/session')).session?.csrfToken ?? null,
});
