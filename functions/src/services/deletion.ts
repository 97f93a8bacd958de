import {
  ARCHIVE_KIND_LABELS,
  DELETION_CONFIRMATION,
  DELETION_COOLING_OFF_DAYS,
  DELETION_ERROR_MESSAGES,
  RETAINED_ARCHIVE_KINDS,
  type ArchiveKind,
  type DeletionPreview,
  type DeletionRequest,
  type DeletionState,
} from '@lianyan/shared';
import type { BlobStore } from '#lib/blobs';
import type { Clock } from '#lib/clock';
import { AppError, badRequest, notFound } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { ErasureRepository } from '#repositories/erasure';
import type { ErasureLinksRepository } from '#repositories/erasure-links';
import type { UserRepository } from '#repositories/users';

const DAY_MS = 86_400_000;

const ERASED_LINES = [
  '姓名、手机号：删除，签到名单和报表中显示为“已注销用户”',
  '微信 openid / unionid、钉钉 userid / unionid：删除，之后用同一微信或钉钉登录将是一个新账号',
  '隐私政策同意记录：删除',
  '签到记录中的设备标识：删除',
  '教研心得：删除；简报上发布的心得摘录一并撤下',
  '评课的文字意见：删除（评分保留，不含姓名）',
  '师徒结对记录中您写的文字和附件：删除',
  '打卡的文字和照片：删除',
  '家长学校报名中的姓名和手机号：删除',
];
const KEPT_LINES = [
  '出勤记录（不含姓名）：学校、校联体和区县的考勤统计保持不变',
  '打卡次数（不含文字和照片）：打卡完成情况保持不变',
  `已审核通过的${RETAINED_ARCHIVE_KINDS.map((k) => ARCHIVE_KIND_LABELS[k as ArchiveKind]).join('、')}记录及其证明材料：学校须按规定留存（继续教育学时、职称评定、师徒结对和交流轮岗统计），不再显示您的姓名`,
  '任职学校、职务、学科与年级（不含姓名）：本学期的统计按此计算',
  '师徒结对、交流轮岗、听评课记录（不含姓名）：学校的统计保持不变；之后的活动不再把您计入应到',
  '您以管理员或组织者身份办理的操作（修改出勤、审核档案、评价结对、查看或导出他人信息）的经办人姓名：作为学校的管理留痕保留',
];

/** Account deletion (注销): the request with its cooling-off, the preview, the cancel, and the erasure job. */
export function makeDeletionService(deps: {
  users: UserRepository;
  erasure: ErasureRepository;
  /** What other people's records say of the person (评课, excerpts, 师徒结对, 听评课). */
  links: ErasureLinksRepository;
  blobs: BlobStore | undefined;
  clock: Clock;
}) {
  const { users, erasure, clock } = deps;

  async function preview(userId: string, pending?: DeletionState): Promise<DeletionPreview> {
    const plan = await erasure.plan(userId);
    if (!plan || plan.profile.status === 'deleted') throw notFound('账号不存在');
    const kept = plan.entries.filter((e) => e.keep);
    return {
      ...(pending ? { pending } : {}),
      coolingOffDays: DELETION_COOLING_OFF_DAYS,
      confirmation: DELETION_CONFIRMATION,
      erased: [
        ...ERASED_LINES,
        `成长档案：${plan.entries.length - kept.length} 条记录及其证明材料删除`,
        ...(plan.children.length ? ['绑定的孩子：解除绑定；没有其他监护人的孩子，其信息一并删除'] : []),
      ],
      kept: KEPT_LINES,
      retainedEntries: kept.map((e) => ({ id: e.id, kind: e.kind, title: e.title, date: e.date })),
      deletedEntries: plan.entries.length - kept.length,
      children: plan.children,
    };
  }

  async function pendingOf(userId: string): Promise<DeletionState | undefined> {
    const item = await erasure.getDeletion(userId);
    return item ? { requestedAt: String(item.requestedAt), dueAt: String(item.dueAt) } : undefined;
  }

  return {
    /** GET /v1/me/deletion: what goes, what is kept, and the pending request if any. */
    async get(auth: AuthContext): Promise<DeletionPreview> {
      return preview(auth.userId, await pendingOf(auth.userId));
    },

    /** POST /v1/me/deletion: confirmed with 注销; erased after the cooling-off unless the person logs in again. */
    async request(auth: AuthContext, body: DeletionRequest): Promise<{ created: boolean; body: DeletionPreview }> {
      if (body.confirm !== DELETION_CONFIRMATION) {
        throw badRequest('DELETION_NOT_CONFIRMED', DELETION_ERROR_MESSAGES.DELETION_NOT_CONFIRMED, { fieldErrors: { confirm: [DELETION_ERROR_MESSAGES.DELETION_NOT_CONFIRMED] } });
      }
      const now = clock.now();
      const result = await users.requestDeletion(auth.userId, now.toISOString(), new Date(now.getTime() + DELETION_COOLING_OFF_DAYS * DAY_MS).toISOString());
      if (!result) throw notFound('账号不存在');
      return { created: result.created, body: await preview(auth.userId, result.state) };
    },

    /** DELETE /v1/me/deletion: the person changed their mind. */
    async cancel(auth: AuthContext): Promise<{ cancelled: boolean }> {
      const cancelled = await users.cancelDeletion(auth.userId);
      if (!cancelled) throw new AppError(404, 'DELETION_NOT_PENDING', DELETION_ERROR_MESSAGES.DELETION_NOT_PENDING);
      return { cancelled };
    },

    /** Erases one account whose cooling-off has ended; 'skipped' when it was cancelled meanwhile (or is not due). */
    async erase(userId: string): Promise<'erased' | 'skipped'> {
      const now = clock.now();
      const queued = await erasure.getDeletion(userId);
      if (!queued || Date.parse(String(queued.dueAt)) > now.getTime()) return 'skipped';
      const plan = await erasure.plan(userId);
      if (!plan) return 'skipped';
      for (const child of plan.children) await users.removeChild(userId, child.id);
      await erasure.eraseIdentities(userId);
      await erasure.erasePhone(userId, typeof plan.profile.phone === 'string' ? plan.profile.phone : undefined);
      await erasure.erasePartitionExtras(userId);
      const sessionIds = await erasure.anonymiseAttendance(userId);
      await erasure.eraseReflections(userId, sessionIds);
      await deps.links.eraseExcerpts(userId, sessionIds);
      await deps.links.pseudonymiseEvaluations(userId, sessionIds);
      const logFiles = await deps.links.pseudonymiseMentorPairs(userId);
      await deps.links.pseudonymiseObservations(userId);
      await deps.links.pseudonymiseLessons(userId);
      const photos = await erasure.anonymiseCheckIns(userId);
      await erasure.anonymiseRegistrations(userId);
      const files = await erasure.eraseEntries(plan);
      if (deps.blobs) for (const key of [...photos, ...files, ...logFiles]) await deps.blobs.remove(key);
      await erasure.closeProfile(userId, now.toISOString());
      return 'erased';
    },

    /** The scheduled job: every account due, oldest first, up to `limit` a run (the rest on the next run). */
    async runDue(limit = 100): Promise<{ erased: number; skipped: number }> {
      const due = await users.listDueDeletions(clock.now().toISOString(), limit);
      let erased = 0;
      for (const d of due) if ((await this.erase(d.userId)) === 'erased') erased += 1;
      return { erased, skipped: due.length - erased };
    },
  };
}
export type DeletionService = ReturnType<typeof makeDeletionService>;
