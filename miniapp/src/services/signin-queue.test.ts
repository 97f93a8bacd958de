import { beforeEach, describe, expect, it, vi } from 'vitest';

const taro = vi.hoisted(() => {
  const storage = new Map<string, unknown>();
  return {
    storage,
    request: vi.fn(),
    showToast: vi.fn(),
    onNetworkStatusChange: vi.fn(),
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => void storage.set(key, structuredClone(value)),
    removeStorageSync: (key: string) => void storage.delete(key),
  };
});
vi.mock('@tarojs/taro', () => ({ default: taro }));

const queue = await import('./signin-queue');
const { newScan } = await import('./signins');

type Call = { url: string; data?: string };
const calls = () => taro.request.mock.calls.map(([options]) => options as Call);
const attendance = (status = 'on_time') => ({
  sessionId: 'ses-1',
  userId: 'u-1',
  name: '王老师',
  status,
  method: 'offline_replay',
  signedInAt: '2026-11-23T01:31:00.000Z',
  flags: ['offline_replay'],
  creditedHours: 0,
  updatedAt: '2026-11-23T02:00:00.000Z',
});
const created = (status = 'on_time') => ({ statusCode: 201, data: { attendance: attendance(status), alreadySignedIn: false }, header: {} });
const failed = (statusCode: number, code: string, message: string) => ({ statusCode, data: { code, message }, header: {} });
const offline = () => Promise.reject({ errMsg: 'request:fail' });
const scan = (sessionId: string, purpose: 'in' | 'out' = 'in') =>
  newScan({ sessionId, token: 'AbCdEfGhIjKlMnOpQrStUv', purpose }, new Date('2026-11-23T01:31:00.000Z'));

describe('offline sign-in queue', () => {
  beforeEach(() => {
    taro.storage.clear();
    taro.request.mockReset();
    taro.storage.set('lianyan.accessToken', 'token-1');
  });

  it('saves a scan that cannot reach the server and keeps it across reads', async () => {
    taro.request.mockImplementationOnce(offline);
    const first = scan('ses-1');

    const outcome = await queue.submitOrQueue(first);

    expect(outcome).toEqual({ kind: 'queued' });
    expect(queue.queuedScans()).toEqual([first]);
    expect(first.deviceId).toMatch(/^d-/);
    expect(scan('ses-2').deviceId).toBe(first.deviceId);
    expect(scan('ses-2').nonce).not.toBe(first.nonce);
  });

  it('retries a 503 after Retry-After, and keeps the scan for later when the server stays busy', async () => {
    const busy = { ...failed(503, 'SERVICE_UNAVAILABLE', '服务繁忙，请稍后重试'), header: { 'Retry-After': '0' } };
    taro.request.mockResolvedValueOnce(busy).mockResolvedValueOnce(created());
    expect(await queue.submitOrQueue(scan('ses-1'))).toMatchObject({ kind: 'sent' });
    expect(calls()).toHaveLength(2);
    expect(calls()[0]?.data).toBe(calls()[1]?.data);

    taro.request.mockReset();
    taro.request.mockResolvedValue(busy);
    const kept = scan('ses-2');
    expect(await queue.submitOrQueue(kept)).toEqual({ kind: 'queued' });
    expect(calls()).toHaveLength(3);
    expect(queue.queuedScans()).toEqual([kept]);
  });

  it('does not queue a scan the server answered with an error', async () => {
    taro.request.mockResolvedValueOnce(failed(400, 'TOKEN_EXPIRED', '二维码已过期，请重新扫描'));

    await expect(queue.submitOrQueue(scan('ses-1'))).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });

    expect(queue.queuedScans()).toEqual([]);
  });

  it('replays in order, removes answered scans and keeps 4xx answers as results', async () => {
    queue.enqueueScan(scan('ses-1'));
    queue.enqueueScan(scan('ses-2', 'out'));
    taro.request
      .mockResolvedValueOnce(created('late'))
      .mockResolvedValueOnce(failed(409, 'NOT_SIGNED_IN', '你还没有签到，请先签到再签退'));

    await queue.replayQueue();

    expect(calls().map((c) => c.url)).toEqual(['/v1/sessions/ses-1/sign-ins', '/v1/sessions/ses-2/sign-outs']);
    expect(JSON.parse(calls()[0]?.data ?? '{}')).toMatchObject({ scannedAt: '2026-11-23T01:31:00.000Z', token: 'AbCdEfGhIjKlMnOpQrStUv' });
    expect(queue.queuedScans()).toEqual([]);
    expect(queue.replayResults()).toEqual([
      expect.objectContaining({ sessionId: 'ses-2', ok: false, message: '你还没有签到，请先签到再签退' }),
      expect.objectContaining({ sessionId: 'ses-1', ok: true, message: '签到（迟到）已补交' }),
    ]);
  });

  it('stops at the first scan without an answer and keeps the rest for later', async () => {
    queue.enqueueScan(scan('ses-1'));
    queue.enqueueScan(scan('ses-2'));
    taro.request.mockImplementationOnce(offline);

    await queue.replayQueue();

    expect(taro.request).toHaveBeenCalledTimes(1);
    expect(queue.queuedScans().map((s) => s.sessionId)).toEqual(['ses-1', 'ses-2']);
    expect(queue.replayResults()).toEqual([]);
  });

  it('keeps a scan the server failed on (5xx) or refused for want of a login', async () => {
    queue.enqueueScan(scan('ses-1'));
    taro.request.mockResolvedValueOnce(failed(500, 'INTERNAL', '服务器开小差了，请稍后重试'));
    await queue.replayQueue();
    taro.request.mockResolvedValueOnce(failed(401, 'UNAUTHENTICATED', '请先登录'));
    taro.storage.delete('lianyan.refreshToken');
    await queue.replayQueue();

    expect(queue.queuedScans()).toHaveLength(1);
  });

  it('does not try without a login', async () => {
    queue.enqueueScan(scan('ses-1'));
    taro.storage.delete('lianyan.accessToken');

    await queue.replayQueue();

    expect(taro.request).not.toHaveBeenCalled();
  });

  it('sends each scan once when replays overlap', async () => {
    queue.enqueueScan(scan('ses-1'));
    taro.request.mockResolvedValue(created());

    await Promise.all([queue.replayQueue(), queue.replayQueue(), queue.replayQueue()]);

    expect(taro.request).toHaveBeenCalledTimes(1);
  });

  it('keeps the ten newest results and drops unreadable stored entries', async () => {
    taro.storage.set('lianyan.signinQueue', [{ junk: true }]);
    expect(queue.queuedScans()).toEqual([]);
    for (let i = 0; i < 12; i++) queue.enqueueScan(scan(`ses-${i}`));
    taro.request.mockResolvedValue(failed(403, 'NOT_IN_AUDIENCE', '你不在本次活动的参与范围'));

    await queue.replayQueue();

    expect(queue.replayResults()).toHaveLength(10);
    expect(queue.replayResults()[0]?.sessionId).toBe('ses-11');
  });

  it('replays when the network comes back', async () => {
    queue.enqueueScan(scan('ses-1'));
    taro.request.mockResolvedValue(created());
    queue.watchNetwork();
    const listener = taro.onNetworkStatusChange.mock.calls[0]?.[0] as (status: { isConnected: boolean }) => void;

    listener({ isConnected: false });
    expect(taro.request).not.toHaveBeenCalled();
    listener({ isConnected: true });
    await vi.waitFor(() => expect(queue.queuedScans()).toEqual([]));
  });
});
