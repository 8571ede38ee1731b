import type {
  ChangePasswordRequest,
  ChangePasswordResponse,
  LoginRequest,
  LoginResponse,
  SessionProbeResponse,
  SessionUser,
  UpdatePreferencesRequest,
} from '@siyi/contracts';
import { http } from '@/api/http';

export const authApi = {
  /** The start-up probe: `session: null` means nobody is signed in (a 200, so no error in the console). */
  session: () => http.get<SessionProbeResponse>('/api/session'),
  login: (body: LoginRequest) => http.post<LoginResponse>('/api/auth/login', body, { expectUnauthorized: true }),
  logout: () => http.post<undefined>('/api/auth/logout'),
  updatePreferences: (body: UpdatePreferencesRequest) => http.patch<SessionUser>('/api/me/preferences', body),
  /** The answer is a renewed session: a new cookie (set by the server) and a new CSRF token. */
  changePassword: (body: ChangePasswordRequest) => http.post<ChangePasswordResponse>('/api/me/password', body),
};
