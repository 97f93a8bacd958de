import { beforeEach, describe, expect, it, vi } from 'vitest';

const taro = vi.hoisted(() => {
  const storage = new Map<string, unknown>();
  return {
    storage,
    request: vi.fn(),
    showToast: vi.fn(),
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
  };
});
vi.mock('@tarojs/taro', () => ({ default: taro }));

const { ApiError, NETWORK_MESSAGE, request } = await import('./request');
const { User } = await import('@lianyan/shared');

const user = { id: 'U1', name: '王老师', roles: [{ role: 'teacher', scope: { schoolId: 'S1' } }], createdAt: '2026-01-01T00:00:00.000Z' };
const ok = (data: unknown) => ({ statusCode: 200, data, header: {} });
const fail = (statusCode: number, code: string, message: string, header: Record<string, string> = {}, details?: unknown) => ({
  statusCode,
  data: { code, message, ...(details ? { details } : {}) },
  header,
});
type Call = { url: string; header: Record<string, string>; data?: string };
const calls = () => taro.request.mock.calls.map(([options]) => options as Call);

describe('request', () => {
  beforeEach(() => {
    taro.storage.clear();
    taro.request.mockReset();
    taro.showToast.mockReset();
    taro.storage.set('lianyan.accessToken', 'old-token');
    taro.storage.set('lianyan.refreshToken', 'refresh-1');
  });

  it('sends the bearer token and returns the parsed body', async () => {
    taro.request.mockResolvedValueOnce(ok(user));

    const result = await request('/v1/me', User);

    expect(result.name).toBe('王老师');
    expect(calls()[0]?.header.authorization).toBe('Bearer old-token');
  });

  it('refreshes once for concurrent 401s and retries each request with the new token', async () => {
    taro.request.mockImplementation(async (options: Call) => {
      if (options.url === '/v1/auth/refresh') {
        await new Promise((resolve) => setTimeout(resolve, 10));
        return ok({ token: 'new-token', refreshToken: 'refresh-2', expiresIn: 1800, user });
      }
      return options.header.authorization === 'Bearer new-token' ? ok(user) : fail(401, 'UNAUTHENTICATED', '登录已过期，请重新登录');
    });

    const results = await Promise.all([request('/v1/me', User), request('/v1/me', User), request('/v1/me', User)]);

    expect(results).toHaveLength(3);
    expect(calls().filter((c) => c.url === '/v1/auth/refresh')).toHaveLength(1);
    expect(JSON.parse(calls().find((c) => c.url === '/v1/auth/refresh')?.data ?? '{}')).toEqual({ refreshToken: 'refresh-1' });
    expect(taro.storage.get('lianyan.accessToken')).toBe('new-token');
  });

  it('clears the session and reports the 401 when the refresh token is rejected', async () => {
    taro.request.mockImplementation(async (options: Call) =>
      options.url === '/v1/auth/refresh'
        ? fail(401, 'UNAUTHENTICATED', '登录状态无效，请重新登录')
        : fail(401, 'UNAUTHENTICATED', '登录已过期，请重新登录'),
    );

    await expect(request('/v1/me', User)).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });

    expect(taro.storage.has('lianyan.accessToken')).toBe(false);
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '登录已过期，请重新登录', icon: 'none' }));
  });

  it('retries a 503 with Retry-After at most twice', async () => {
    taro.request.mockResolvedValue(fail(503, 'SERVICE_UNAVAILABLE', '服务繁忙，请稍后重试', { 'retry-after': '0' }));

    await expect(request('/v1/me', User)).rejects.toMatchObject({ status: 503 });

    expect(taro.request).toHaveBeenCalledTimes(3);
  });

  it('succeeds when a retried 503 recovers', async () => {
    taro.request
      .mockResolvedValueOnce(fail(503, 'SERVICE_UNAVAILABLE', '服务繁忙，请稍后重试', { 'Retry-After': '0' }))
      .mockResolvedValueOnce(ok(user));

    await expect(request('/v1/me', User)).resolves.toMatchObject({ id: 'U1' });
  });

  it('turns an error body into an ApiError with field errors, without a toast when silent', async () => {
    taro.request.mockResolvedValueOnce(
      fail(400, 'VALIDATION_FAILED', '提交的内容有误', {}, { fieldErrors: { code: ['邀请码为 8 位字母或数字'] } }),
    );

    const error = await request('/v1/invites/redeem', User, { method: 'POST', data: {}, silent: true }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as InstanceType<typeof ApiError>).fieldErrors).toEqual({ code: ['邀请码为 8 位字母或数字'] });
    expect(taro.showToast).not.toHaveBeenCalled();
  });

  it('shows the network toast when the request never reaches the server', async () => {
    taro.request.mockRejectedValueOnce({ errMsg: 'request:fail timeout' });

    await expect(request('/v1/me', User)).rejects.toMatchObject({ code: 'NETWORK_UNAVAILABLE' });

    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: NETWORK_MESSAGE }));
  });

  it('reads an HTTP error that DingTalk reports through fail', async () => {
    taro.request.mockRejectedValueOnce({
      error: 19,
      status: 404,
      data: JSON.stringify({ code: 'NOT_FOUND', message: '演示账号不存在' }),
      headers: {},
    });

    await expect(request('/v1/auth/dev', User, { method: 'POST', data: { account: 'x' }, auth: false })).rejects.toMatchObject({
      status: 404,
      message: '演示账号不存在',
    });
  });
});
