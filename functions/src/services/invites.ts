import { randomInt } from 'node:crypto';
import { scopeKey, scopeMatchesRole, type AuthResult, type CreateInviteRequest, type Invite, type ListInvitesQuery, type RedeemInviteRequest, type Scope } from '@lianyan/shared';
import { AppError, forbidden } from '#lib/errors';
import type { Clock } from '#lib/clock';
import type { AuthContext } from '#lib/tokens';
import type { InviteRepository } from '#repositories/invites';
import type { AccessPolicy } from './access.ts';
import type { AuthService } from './auth.ts';

// No 0/O or 1/I, so codes read aloud over the phone survive.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const newInviteCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** Why an invite could not be used: unknown, expired, used up — or a race to read again. */
export async function inviteRejection(invites: InviteRepository, code: string, now: string): Promise<AppError> {
  const invite = await invites.getInvite(code);
  if (!invite) return new AppError(400, 'INVITE_INVALID');
  if (invite.expiresAt <= now) return new AppError(410, 'INVITE_EXPIRED');
  if (invite.uses >= invite.maxUses) return new AppError(409, 'INVITE_USED_UP');
  return new AppError(409, 'CONFLICT', '邀请码使用冲突，请重试');
}

export function makeInviteService(deps: {
  invites: InviteRepository;
  access: AccessPolicy;
  auth: AuthService;
  clock: Clock;
  newCode?: () => string;
}) {
  const { invites, access, clock } = deps;
  const newCode = deps.newCode ?? newInviteCode;

  const rejection = (code: string) => inviteRejection(invites, code, clock.now().toISOString());

  return {
    async create(actor: AuthContext, request: CreateInviteRequest): Promise<Invite> {
      access.assertScopeFitsRole(request.role, request.scope, scopeMatchesRole(request.role, request.scope));
      if (request.className && request.role !== 'parent') {
        throw new AppError(400, 'VALIDATION_FAILED', '只有家长邀请码可以指定班级', { fieldErrors: { className: ['只有家长邀请码可以指定班级'] } });
      }
      await access.assertCanGrant(actor, request.role, request.scope);
      const now = clock.now();
      for (let attempt = 0; attempt < 5; attempt++) {
        const invite: Invite = {
          code: newCode(),
          role: request.role,
          scope: request.scope,
          maxUses: request.maxUses,
          uses: 0,
          expiresAt: new Date(now.getTime() + request.expiresInDays * 86_400_000).toISOString(),
          createdBy: actor.userId,
          createdAt: now.toISOString(),
          ...(request.note ? { note: request.note } : {}),
          ...(request.className ? { className: request.className } : {}),
        };
        if (await invites.createInvite(invite)) return invite;
      }
      throw new AppError(503, 'SERVICE_UNAVAILABLE', '生成邀请码失败，请重试', undefined, { headers: { 'Retry-After': '1' } });
    },

    async list(actor: AuthContext, query: ListInvitesQuery) {
      const scope: Scope = query.schoolId
        ? { schoolId: query.schoolId }
        : query.federationId
          ? { federationId: query.federationId }
          : {};
      if (!(await access.administers(actor, scope))) throw forbidden('你只能查看自己管理范围内的邀请码');
      return invites.listInvitesOfScope(scopeKey(scope), { cursor: query.cursor });
    },

    /** Redeems an invite for the signed-in user and returns fresh tokens carrying the new role. */
    async redeem(actor: AuthContext, request: RedeemInviteRequest): Promise<AuthResult> {
      const invite = await invites.getInvite(request.code);
      if (!invite) throw new AppError(400, 'INVITE_INVALID');
      const outcome = await invites.redeem(
        invite.code,
        actor.userId,
        { role: invite.role, scope: invite.scope },
        request.name,
        clock.now().toISOString(),
      );
      if (outcome === 'invite_rejected') throw await rejection(invite.code);
      return deps.auth.issueForUserId(actor.userId);
    },
  };
}
export type InviteService = ReturnType<typeof makeInviteService>;
