import type {
  ChangePasswordRequest,
  LoginRequest,
  LoginResponse,
  MeResponse,
  SessionUser,
  UpdatePreferencesRequest,
} from '@siyi/contracts';
import { http } from '@/api/http';

export const authApi = {
  /** The start-up probe: a 401 here just means "not signed in". */
  me: () => http.get<MeResponse>('/api/me', { expectUnauthorized: true }),
  login: (body: LoginRequest) => http.post<LoginResponse>('/api/auth/login', body, { expectUnauthorized: true }),
  logout: () => http.post<undefined>('/api/auth/logout'),
  updatePreferences: (body: UpdatePreferencesRequest) => http.patch<SessionUser>('/api/me/preferences', body),
  changePassword: (body: ChangePasswordRequest) => http.post<undefined>('/api/me/password', body),
};
