import { randomUUID } from 'node:crypto';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { systemClock } from '@lianyan/functions/lib/clock';
import { makeFederationRepository } from '@lianyan/functions/repositories/federations';
import { makeInviteRepository } from '@lianyan/functions/repositories/invites';
import { makeOrganizationRepository } from '@lianyan/functions/repositories/organization';
import { makeAccessPolicy } from '@lianyan/functions/services/access';
import { makeOrganizationService, type BootstrapResult } from '@lianyan/functions/services/organization';

/** The district's first step, through the same service the API's organization routes use. */
export function bootstrapDistrict(ctx: TableContext, request: { districtName: string; newInvite?: boolean }): Promise<BootstrapResult> {
  const federations = makeFederationRepository(ctx);
  const service = makeOrganizationService({
    organization: makeOrganizationRepository(ctx),
    federations,
    invites: makeInviteRepository(ctx),
    access: makeAccessPolicy(federations),
    clock: systemClock,
    newId: randomUUID,
  });
  return service.bootstrap(request);
}

/** What the command prints: the district and, when there is one, the invite and how to use it. */
export function describeBootstrap(result: BootstrapResult, appUrl?: string): string[] {
  const lines = [result.created ? `已创建教体局：${result.district.name}` : `教体局已存在：${result.district.name}`];
  if (result.invite) {
    const until = new Date(result.invite.expiresAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
    lines.push(`教体局管理员邀请码：${result.invite.code}（仅可使用 1 次，${until} 前有效）`);
    lines.push(`登录小程序后，在「我的」→「输入邀请码」填写此码${appUrl ? `（本地：${appUrl}/#/packages/auth/bind/index）` : ''}。`);
  } else {
    lines.push('如需新的管理员邀请码：npm run admin -- bootstrap --district "<名称>" --new-invite');
  }
  return lines;
}
