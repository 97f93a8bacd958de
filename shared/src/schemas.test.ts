import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  CreateInviteRequest,
  RedeemInviteRequest,
  Scope,
  hasRole,
  scopeFromKey,
  scopeKey,
  scopeMatchesRole,
  semesterOf,
  type RoleGrant,
} from './index.ts';

describe('RedeemInviteRequest', () => {
  it('accepts a code typed in lower case with spaces and a trimmed name', () => {
    expect(RedeemInviteRequest.parse({ code: ' ab3defgh ', name: ' 王老师 ' })).toEqual({ code: 'AB3DEFGH', name: '王老师' });
  });

  it('gives a Chinese error per field', () => {
    const result = RedeemInviteRequest.safeParse({ code: 'AB', name: '   ' });
    expect(result.success).toBe(false);
    expect(z.flattenError(result.error!).fieldErrors).toEqual({ code: ['邀请码为 8 位字母或数字'], name: ['请填写姓名'] });
  });

  it('refuses unknown fields', () => {
    expect(RedeemInviteRequest.safeParse({ code: 'AB3DEFGH', name: '王', role: 'districtAdmin' }).success).toBe(false);
  });
});

describe('CreateInviteRequest', () => {
  it('defaults to one use and seven days', () => {
    expect(CreateInviteRequest.parse({ role: 'teacher', scope: { schoolId: 'sch-1' } })).toEqual({
      role: 'teacher',
      scope: { schoolId: 'sch-1' },
      maxUses: 1,
      expiresInDays: 7,
    });
  });

  it('bounds uses and days, and refuses unknown roles', () => {
    expect(CreateInviteRequest.safeParse({ role: 'teacher', scope: { schoolId: 's' }, maxUses: 0 }).success).toBe(false);
    expect(CreateInviteRequest.safeParse({ role: 'teacher', scope: { schoolId: 's' }, expiresInDays: 91 }).success).toBe(false);
    expect(CreateInviteRequest.safeParse({ role: 'principal', scope: { schoolId: 's' } }).success).toBe(false);
  });
});

describe('scopes', () => {
  it('round-trips through their key form', () => {
    for (const scope of [{ schoolId: 'sch-a' }, { federationId: 'fed-b' }, {}] as Scope[]) {
      expect(scopeFromKey(scopeKey(scope))).toEqual(scope);
    }
  });

  it('matches each role to its kind of scope', () => {
    expect(scopeMatchesRole('teacher', { schoolId: 's' })).toBe(true);
    expect(scopeMatchesRole('teacher', { federationId: 'f' })).toBe(false);
    expect(scopeMatchesRole('organizer', { federationId: 'f' })).toBe(true);
    expect(scopeMatchesRole('districtAdmin', {})).toBe(true);
    expect(scopeMatchesRole('districtAdmin', { schoolId: 's' })).toBe(false);
  });

  it('refuses a scope with both a school and a federation', () => {
    expect(Scope.safeParse({ schoolId: 's', federationId: 'f' }).success).toBe(false);
  });

  it('tells whether grants hold one of the roles', () => {
    const grants: RoleGrant[] = [{ role: 'teacher', scope: { schoolId: 's' } }];
    expect(hasRole(grants, ['teacher', 'parent'])).toBe(true);
    expect(hasRole(grants, ['schoolAdmin'])).toBe(false);
  });
});

describe('semesterOf (Asia/Shanghai)', () => {
  it('starts autumn on 1 September and spring on 1 February, Shanghai time', () => {
    expect(semesterOf('2026-08-31T15:59:59Z')).toBe('2025-2026-2');
    expect(semesterOf('2026-08-31T16:00:00Z')).toBe('2026-2027-1');
    expect(semesterOf('2027-01-31T15:59:59Z')).toBe('2026-2027-1');
    expect(semesterOf('2027-01-31T16:00:00Z')).toBe('2026-2027-2');
  });
});
