import { describe, expect, it } from 'vitest';
import type { LandingView } from '@lianyan/shared';
import { failureShown, handoverUrl, hasStoredLogin, landingLink, landingShown, loadingShown } from './landing-model';

const link = { sessionId: 'ses-1', token: 'AbCdEfGhIjKlMnOpQrStUv', purpose: 'in' as const };
const view = (over: Partial<LandingView['session']> = {}, code: LandingView['code'] = 'valid'): LandingView => ({
  session: { id: 'ses-1', title: '联合教研：分数的意义', startAt: '2026-11-23T01:30:00.000Z', endAt: '2026-11-23T03:00:00.000Z', status: 'published', venue: '实验小学 报告厅', ...over },
  purpose: 'in',
  code,
});

describe('the QR landing', () => {
  it('reads the code from the address, sign-out codes with ?p=out, and nothing else', () => {
    expect(landingLink('/s/ses-1/AbCdEfGhIjKlMnOpQrStUv', '')).toEqual(link);
    expect(landingLink('/s/ses-1/AbCdEfGhIjKlMnOpQrStUv/', '?p=out')).toEqual({ ...link, purpose: 'out' });
    expect(landingLink('/s/ses-1', '')).toBeNull();
    expect(landingLink('/s/ses-1/short', '')).toBeNull();
  });

  it('hands over to the app’s sign-in page with the code and the second it was opened', () => {
    expect(handoverUrl({ ...link, purpose: 'out' }, 1_764_000_000_999)).toBe(
      '/#/packages/signin/scan/index?sessionId=ses-1&token=AbCdEfGhIjKlMnOpQrStUv&purpose=out&scancode_time=1764000000',
    );
  });

  it('knows a login the app kept in this browser (Taro keeps {"data": value})', () => {
    expect(hasStoredLogin(JSON.stringify({ data: 'eyJhbGciOi' }))).toBe(true);
    expect(hasStoredLogin(JSON.stringify({ data: '' }))).toBe(false);
    expect(hasStoredLogin(null)).toBe(false);
    expect(hasStoredLogin('not json')).toBe(false);
    expect(hasStoredLogin('null')).toBe(false);
  });

  it('asks to sign in at once, and names the session, its time (Shanghai) and venue when the API answers', () => {
    expect(loadingShown(link)).toMatchObject({ action: '打开联研签到' });
    expect(loadingShown({ ...link, purpose: 'out' }).action).toBe('打开联研签退');
    expect(landingShown(link, view())).toMatchObject({
      title: '联合教研：分数的意义',
      meta: '11月23日 周一 09:30–11:00 · 实验小学 报告厅',
      action: '打开联研签到',
      tone: 'ok',
    });
    expect(landingShown(link, view({ venue: undefined })).meta).toBe('11月23日 周一 09:30–11:00');
  });

  it('offers no sign-in for an expired code or a closed session, and says what to do', () => {
    expect(landingShown(link, view({}, 'expired'))).toMatchObject({ action: '', tone: 'warn', notice: '二维码已过期，请重新扫描现场大屏上的签到二维码。' });
    expect(landingShown(link, view({ status: 'closed' }))).toMatchObject({ action: '', tone: 'bad', notice: '活动已结束，签到已关闭。' });
  });

  it('ends at an invalid code, but lets the user go on to the app when the API cannot be reached', () => {
    expect(failureShown(link, 403, '二维码无效，请扫描本次活动现场的二维码')).toMatchObject({ title: '二维码无效，请扫描本次活动现场的二维码', action: '' });
    expect(failureShown(link, 409, '活动尚未发布或已取消')).toMatchObject({ title: '活动尚未发布或已取消', action: '' });
    expect(failureShown(link, 0, '')).toMatchObject({ title: '联研签到', action: '打开联研签到', tone: 'warn' });
    expect(failureShown(link, 503, '服务繁忙')).toMatchObject({ action: '打开联研签到' });
  });
});
