import {
  schoolYearOf,
  type CreateFederationRequest,
  CreateSchoolRequest,
  type Federation,
  type Invite,
  type School,
  type UpdateFederationRequest,
  type UpdateSchoolRequest,
} from '@lianyan/shared';
import { AppError, badRequest, conflict, forbidden, notFound } from '#lib/errors';
import type { Clock } from '#lib/clock';
import type { AuthContext } from '#lib/tokens';
import type { FederationRepository } from '#repositories/federations';
import type { InviteRepository } from '#repositories/invites';
import type { OrganizationRepository, SchoolChange } from '#repositories/organization';
import type { AccessPolicy } from './access.ts';
import { newInviteCode } from './invites.ts';

const BOOTSTRAP_INVITE_DAYS = 7;

export interface BootstrapResult {
  district: { name: string; createdAt: string };
  /** True when this run created the district; false when it already existed. */
  created: boolean;
  /** The single-use district-admin invite (absent when the district existed and no new invite was asked for). */
  invite?: Invite;
}

export function makeOrganizationService(deps: {
  organization: OrganizationRepository;
  federations: FederationRepository;
  invites: InviteRepository;
  access: AccessPolicy;
  clock: Clock;
  newId: () => string;
  newCode?: () => string;
}) {
  const { organization, federations, access, clock } = deps;
  const newCode = deps.newCode ?? newInviteCode;

  async function districtAdminInvite(): Promise<Invite> {
    const now = clock.now();
    for (let attempt = 0; attempt < 5; attempt++) {
      const invite: Invite = {
        code: newCode(),
        role: 'districtAdmin',
        scope: {},
        maxUses: 1,
        uses: 0,
        expiresAt: new Date(now.getTime() + BOOTSTRAP_INVITE_DAYS * 86_400_000).toISOString(),
        createdBy: 'bootstrap',
        createdAt: now.toISOString(),
        note: '初始化：教体局管理员',
      };
      if (await deps.invites.createInvite(invite)) return invite;
    }
    throw new AppError(503, 'SERVICE_UNAVAILABLE', '生成邀请码失败，请重试');
  }

  async function federationOrThrow(federationId: string): Promise<Federation> {
    const federation = await federations.getFederation(federationId);
    if (!federation) throw notFound('校联体不存在');
    return federation;
  }

  async function schoolOrThrow(schoolId: string): Promise<School> {
    const school = await federations.getSchool(schoolId);
    if (!school) throw notFound('学校不存在');
    return school;
  }

  const nameTaken = (name: string) =>
    conflict('SCHOOL_NAME_TAKEN', `已有名为「${name}」的学校，请换一个名称（可加上校区或乡镇名）`, { fieldErrors: { name: ['学校名称已存在'] } });
  const coreChanged = () => conflict('CONFLICT', '学校或核心校刚被其他管理员修改，请刷新后重试');

  const movePending = (school: School, name: string | undefined) => {
    const move = school.pendingMove as NonNullable<School['pendingMove']>;
    return conflict('SCHOOL_MOVE_PENDING', `这所学校已安排于 ${move.fromSchoolYear.slice(0, 4)}学年 转入「${name ?? move.federationId}」：如要改为其他安排，请先撤销这次调整`, {
      pendingMove: move,
    });
  };

  /**
   * To another federation from a school year (the current or the next, from 1 September Asia/Shanghai): district
   * admins only. From the current year it applies at once; from the next it is kept on the school as a pending move
   * (nothing changes yet) that the school-year rollover applies. What was — sessions, attendance, reports of past
   * periods — stays with the old federation.
   */
  async function moveSchool(actor: AuthContext, school: School, toFederationId: string, fromSchoolYear: string): Promise<School> {
    if (!access.holds(actor, 'districtAdmin', {})) throw forbidden('只有教体局管理员可以把学校调整到另一个校联体');
    const invalid = (field: string, message: string) => badRequest('VALIDATION_FAILED', message, { fieldErrors: { [field]: [message] } });
    const current = schoolYearOf(clock.now());
    const next = `${Number(current.slice(0, 4)) + 1}-${Number(current.slice(0, 4)) + 2}`;
    if (fromSchoolYear !== current && fromSchoolYear !== next) throw invalid('fromSchoolYear', `只能从本学年（${current}）或下一学年（${next}）起调整，过去学年的活动和报表不变`);
    if (school.memberSince && fromSchoolYear < school.memberSince) throw invalid('fromSchoolYear', `这所学校从 ${school.memberSince} 学年起才属于现在的校联体，请选择 ${school.memberSince} 或之后的学年`);
    if (school.pendingMove) throw movePending(school, (await federations.getFederation(school.pendingMove.federationId))?.name);
    if (toFederationId === school.federationId) throw invalid('federationId', '学校已在这个校联体');
    const [target, from] = await Promise.all([federations.getFederation(toFederationId), federations.getFederation(school.federationId)]);
    if (!target) throw notFound('目标校联体不存在');
    if (school.isCore) throw conflict('CONFLICT', `这所学校是「${from?.name ?? '原校联体'}」的核心校：请先把另一所学校设为核心校，再调整`);
    const outcome =
      fromSchoolYear === current
        ? await organization.moveSchool(school, toFederationId, fromSchoolYear, !target.coreSchoolId)
        : await organization.requestMove(school, { federationId: toFederationId, fromSchoolYear, requestedBy: actor.userId, requestedAt: clock.now().toISOString() });
    if (outcome === 'moved' || outcome === 'pending') return schoolOrThrow(school.id);
    // Lost to another change at once: a move that won is named; anything else is told to retry.
    const now = await schoolOrThrow(school.id);
    if (now.pendingMove) throw movePending(now, (await federations.getFederation(now.pendingMove.federationId))?.name);
    throw coreChanged();
  }

  return {
    /**
     * The first step of a district: the district once, and a single-use district-admin invite valid 7 days.
     * Run again, it refuses a second district; `newInvite` prints a fresh invite for the existing one.
     */
    async bootstrap(request: { districtName: string; newInvite?: boolean }): Promise<BootstrapResult> {
      const district = { name: request.districtName, createdAt: clock.now().toISOString() };
      const created = await organization.createDistrict(district);
      if (created) return { district, created, invite: await districtAdminInvite() };
      const existing = (await organization.getDistrict()) ?? district;
      if (existing.name !== request.districtName && !request.newInvite) {
        throw conflict('DISTRICT_EXISTS', `已初始化为「${existing.name}」，一个部署只能有一个教体局；如需新的管理员邀请码，请加 --new-invite`);
      }
      return { district: existing, created: false, ...(request.newInvite ? { invite: await districtAdminInvite() } : {}) };
    },

    async createFederation(actor: AuthContext, request: CreateFederationRequest): Promise<Federation> {
      if (!access.holds(actor, 'districtAdmin', {})) throw forbidden('只有教体局管理员可以新建校联体');
      const district = await organization.getDistrict();
      if (!district) throw conflict('DISTRICT_MISSING', '尚未初始化教体局，请先运行 npm run admin -- bootstrap');
      const federation: Federation = { id: `fed-${deps.newId().toLowerCase()}`, name: request.name, kind: request.kind, district: district.name };
      await organization.createFederation(federation);
      return federation;
    },

    async updateFederation(actor: AuthContext, federationId: string, change: UpdateFederationRequest): Promise<Federation> {
      const current = await federationOrThrow(federationId);
      if (!(await access.administers(actor, { federationId }))) throw forbidden('只有教体局或本校联体的管理员可以修改校联体');
      return (await organization.updateFederation(federationId, change)) ?? current;
    },

    /** A school of the federation; the first one, or one marked core, becomes the core school. */
    async createSchool(actor: AuthContext, federationId: string, request: CreateSchoolRequest): Promise<School> {
      const federation = await federationOrThrow(federationId);
      if (!(await access.administers(actor, { federationId }))) throw forbidden('只有教体局或本校联体的管理员可以添加学校');
      const school: School = {
        id: `sch-${deps.newId().toLowerCase()}`,
        federationId,
        name: request.name,
        stage: request.stage,
        rural: request.rural,
        isCore: request.isCore || !federation.coreSchoolId,
        ...(request.address ? { address: request.address } : {}),
        ...(request.location ? { location: request.location } : {}),
      };
      const outcome = await organization.createSchool(school, federation.coreSchoolId);
      if (outcome === 'name_taken') throw nameTaken(school.name);
      if (outcome === 'core_changed') throw coreChanged();
      if (outcome === 'federation_missing') throw notFound('校联体不存在');
      return school;
    },

    async getSchool(actor: AuthContext, schoolId: string): Promise<School> {
      const school = await schoolOrThrow(schoolId);
      const visible = access.holds(actor, 'districtAdmin', {}) || (await access.federationIdsOf(actor)).includes(school.federationId);
      if (!visible) throw notFound('学校不存在');
      return school;
    },

    /** Drops the school's pending move (district admins): it stays where it is; the school as it is now. */
    async cancelPendingMove(actor: AuthContext, schoolId: string): Promise<School> {
      await schoolOrThrow(schoolId);
      if (!access.holds(actor, 'districtAdmin', {})) throw forbidden('只有教体局管理员可以撤销学校的校联体调整');
      const outcome = await organization.cancelMove(schoolId);
      if (outcome === 'none') throw new AppError(404, 'NO_PENDING_MOVE', '这所学校没有待生效的校联体调整（可能已撤销，或学年升级时已生效），请刷新');
      return schoolOrThrow(schoolId);
    },

    /** Name, stage, rural and the core school are the federation's to change; address and location the school's too. */
    async updateSchool(actor: AuthContext, schoolId: string, change: UpdateSchoolRequest): Promise<School> {
      const school = await schoolOrThrow(schoolId);
      if (change.federationId !== undefined && change.fromSchoolYear !== undefined) return moveSchool(actor, school, change.federationId, change.fromSchoolYear);
      const structural = change.name !== undefined || change.stage !== undefined || change.rural !== undefined || change.isCore;
      const allowed = structural ? await access.administers(actor, { federationId: school.federationId }) : await access.administers(actor, { schoolId });
      if (!allowed) throw forbidden(structural ? '学校名称、学段和核心校只能由教体局或校联体管理员修改' : '你只能修改自己管理的学校');
      const { isCore, federationId: _f, fromSchoolYear: _y, ...fields } = change;
      const makeCore = isCore && !school.isCore ? { previousCoreId: (await federationOrThrow(school.federationId)).coreSchoolId } : undefined;
      if (makeCore && school.pendingMove) {
        throw conflict('SCHOOL_MOVE_PENDING', `这所学校将于 ${school.pendingMove.fromSchoolYear.slice(0, 4)}学年 转入其他校联体，不能设为核心校；如要设为核心校，请先撤销这次调整`);
      }
      const outcome = await organization.updateSchool(school, fields as SchoolChange, makeCore);
      if (outcome === 'missing') throw notFound('学校不存在');
      if (outcome === 'name_taken') throw nameTaken(change.name ?? school.name);
      if (outcome === 'core_changed') throw coreChanged();
      return schoolOrThrow(schoolId);
    },
  };
}
export type OrganizationService = ReturnType<typeof makeOrganizationService>;
