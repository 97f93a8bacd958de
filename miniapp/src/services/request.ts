import Taro from '@tarojs/taro';
import * as z from 'zod/mini';
import { AuthResult, DEFAULT_ERROR_MESSAGES, type ApiErrorBody, type ErrorCode, type RefreshRequest } from '@lianyan/shared';
import { appConfig } from '../config';
import { clearSession, getAccessToken, getRefreshToken, saveAuthResult } from './session';

export const NETWORK_MESSAGE = '网络不可用，请检查网络后重试';
const INVALID_RESPONSE_MESSAGE = '服务返回的数据有误，请稍后重试';
const TIMEOUT_MS = 15_000;
const MAX_UNAVAILABLE_RETRIES = 2;
// A longer Retry-After is better shown to the user than waited out behind a spinner.
const MAX_RETRY_AFTER_MS = 10_000;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  data?: unknown;
  /** Send the access token and renew it once on 401 (default true). */
  auth?: boolean;
  /** The caller shows the error itself: no toast. */
  silent?: boolean;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** zod field errors the API sends with VALIDATION_FAILED, keyed by field name. */
  get fieldErrors(): Record<string, string[]> {
    const parsed = FieldErrors.safeParse(this.details?.fieldErrors);
    return parsed.success ? parsed.data : {};
  }
}

const FieldErrors = z.record(z.string(), z.array(z.string()));
const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.optional(z.record(z.string(), z.unknown())),
});

interface RawResponse {
  statusCode: number;
  data: unknown;
  header: Record<string, unknown>;
}

interface Attempt {
  renewed: boolean;
  unavailableRetries: number;
}

let refreshing: Promise<boolean> | null = null;

export async function request<T>(path: string, schema: z.ZodMiniType<T>, options: RequestOptions = {}): Promise<T> {
  try {
    const data = await send(path, options, { renewed: false, unavailableRetries: 0 });
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new ApiError(200, 'INVALID_RESPONSE', INVALID_RESPONSE_MESSAGE);
    return parsed.data;
  } catch (error) {
    const apiError = toApiError(error);
    if (!options.silent) showErrorToast(apiError);
    throw apiError;
  }
}

export function showErrorToast(error: ApiError): void {
  void Taro.showToast({ title: error.message, icon: 'none', duration: 2500 });
}

async function send(path: string, options: RequestOptions, attempt: Attempt): Promise<unknown> {
  const useAuth = options.auth !== false;
  const token = useAuth ? getAccessToken() : '';
  const response = await rawRequest(path, options.method ?? 'GET', options.data, token);
  if (response.statusCode >= 200 && response.statusCode < 300) return response.data;

  if (response.statusCode === 401 && useAuth && token) {
    if (!attempt.renewed && (await renewAccessToken(token))) {
      return send(path, options, { ...attempt, renewed: true });
    }
    clearSession();
  }

  if (response.statusCode === 503 && attempt.unavailableRetries < MAX_UNAVAILABLE_RETRIES) {
    const delay = retryAfterMs(response.header);
    if (delay !== null) {
      await sleep(delay);
      return send(path, options, { ...attempt, unavailableRetries: attempt.unavailableRetries + 1 });
    }
  }

  throw errorFromResponse(response);
}

/** Renews the access token for calls made outside `request` (file downloads); true when a new one is stored. */
export function renewSession(): Promise<boolean> {
  return renewAccessToken(getAccessToken()).catch(() => false);
}

/** Single flight: concurrent 401s share one refresh. Resolves true when a newer access token is stored. */
function renewAccessToken(staleToken: string): Promise<boolean> {
  const current = getAccessToken();
  if (current && current !== staleToken) return Promise.resolve(true);
  refreshing ??= (async () => {
    try {
      return await refreshTokens();
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function refreshTokens(): Promise<boolean> {
  const refreshToken = getRefreshToken();
  if (!refreshToken) return false;
  const body: RefreshRequest = { refreshToken };
  const response = await rawRequest('/v1/auth/refresh', 'POST', body, '');
  if (response.statusCode >= 200 && response.statusCode < 300) {
    const parsed = AuthResult.safeParse(response.data);
    if (!parsed.success) return false;
    saveAuthResult(parsed.data);
    return true;
  }
  if (response.statusCode >= 500) throw errorFromResponse(response);
  return false;
}

async function rawRequest(path: string, method: Method, data: unknown, token: string): Promise<RawResponse> {
  const header: Record<string, string> = { accept: 'application/json' };
  if (data !== undefined) header['content-type'] = 'application/json';
  if (token) header.authorization = `Bearer ${token}`;
  try {
    const response = await Taro.request({
      url: `${appConfig.apiBase}${path}`,
      method,
      header,
      timeout: TIMEOUT_MS,
      dataType: 'json',
      // A JSON string, because DingTalk's httpRequest does not serialise object bodies itself.
      ...(data === undefined ? {} : { data: JSON.stringify(data) }),
    });
    return { statusCode: response.statusCode, data: response.data, header: response.header ?? {} };
  } catch (failure) {
    const carried = responseCarriedByFailure(failure);
    if (carried) return carried;
    throw new ApiError(0, 'NETWORK_UNAVAILABLE', NETWORK_MESSAGE);
  }
}

// Alipay and DingTalk report non-2xx answers through `fail` (error 19) with the response attached.
function responseCarriedByFailure(failure: unknown): RawResponse | null {
  if (typeof failure !== 'object' || failure === null) return null;
  const f = failure as { status?: unknown; statusCode?: unknown; data?: unknown; header?: unknown; headers?: unknown };
  const status = typeof f.statusCode === 'number' ? f.statusCode : f.status;
  if (typeof status !== 'number' || status < 100) return null;
  const header = f.header ?? f.headers;
  return {
    statusCode: status,
    data: f.data,
    header: typeof header === 'object' && header !== null ? (header as Record<string, unknown>) : {},
  };
}

function errorFromResponse(response: RawResponse): ApiError {
  const parsed = ErrorBody.safeParse(parseMaybeJson(response.data));
  if (parsed.success) {
    const body: ApiErrorBody = parsed.data;
    return new ApiError(response.statusCode, body.code, body.message, body.details);
  }
  const code = fallbackCode(response.statusCode);
  return new ApiError(response.statusCode, code, DEFAULT_ERROR_MESSAGES[code]);
}

function fallbackCode(status: number): keyof typeof DEFAULT_ERROR_MESSAGES {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'SERVICE_UNAVAILABLE';
  return 'INTERNAL';
}

function parseMaybeJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function retryAfterMs(header: Record<string, unknown>): number | null {
  const key = Object.keys(header).find((name) => name.toLowerCase() === 'retry-after');
  const seconds = Number(key === undefined ? NaN : header[key]);
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'INTERNAL', DEFAULT_ERROR_MESSAGES.INTERNAL);
}
