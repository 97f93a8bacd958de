import { describe, expect, it } from 'vitest';
import type { DisplayView } from '@lianyan/shared';
import { codeExpiresLocal, displayFatalMessage, spacedCode } from './model';

const view = (expiresAt: string, rotateSeconds = 10) => ({ qr: { expiresAt, rotateSeconds } }) as DisplayView;

describe('the venue display rules', () => {
  it("trusts the server's remaining time, at least a second and at most one rotation, whatever this device's clock says", () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(codeExpiresLocal(view('2026-12-02T10:00:04Z'), now)).toBe(now + 4_000);
    expect(codeExpiresLocal(view('2026-12-02T09:59:00Z'), now)).toBe(now + 1_000);
    expect(codeExpiresLocal(view('2026-12-02T11:00:00Z'), now)).toBe(now + 10_000);
  });

  it('ends the display for a wrong key, a closed session or a missing one, and keeps retrying otherwise', () => {
    expect(displayFatalMessage(403, 'x')).toBe('展示链接无效');
    expect(displayFatalMessage(410, 'x')).toBe('活动已结束，展示链接已失效');
    expect(displayFatalMessage(404, '活动不存在')).toBe('活动不存在');
    expect(displayFatalMessage(503, '服务繁忙')).toBeNull();
    expect(displayFatalMessage(0, '网络异常')).toBeNull();
  });

  it('shows the typed code in two groups of three', () => {
    expect(spacedCode('123456')).toBe('123 456');
  });
});
