import * as z from 'zod/mini';
import { Cursor } from './common.ts';
import { LocalDate, line, shaped } from './fields.ts';

// 隐私政策 and 用户协议 (issue 22): the texts live in shared/src/legal-texts.ts, versioned together. A change of
// either text bumps LEGAL_VERSION, and every user is asked again at their next privacy-using action.

/** The version of 隐私政策 + 用户协议 in force: the date the texts took effect. */
export const LEGAL_VERSION = '2026-12-02';

/** A person's agreement to a version of our texts, recorded on the server. */
export const Consent = z.object({
  version: z.string(),
  agreedAt: z.string(),
});
export type Consent = z.infer<typeof Consent>;

export const ConsentRequest = z.strictObject({
  version: shaped(/^\d{4}-\d{2}-\d{2}$/, '协议版本格式不正确，请刷新后重试', 10),
});
export type ConsentRequest = z.infer<typeof ConsentRequest>;

/** Whether a person must (again) be asked to agree: never agreed, or agreed to an older version. */
export const needsConsent = (user: { consent?: Consent | undefined } | null | undefined) => user?.consent?.version !== LEGAL_VERSION;

export const PRIVACY_ERROR_MESSAGES = {
  CONSENT_VERSION_OUTDATED: '隐私政策和用户协议已更新，请刷新后阅读新版本再同意',
} as const;

// ---- Account deletion (注销), a copy of one's data, the admin access trail (issue 22, items 4, 5, 7).

/** What a person types to confirm the deletion of their account. */
export const DELETION_CONFIRMATION = '注销';
/** Days between the request and the erasure; any login meanwhile cancels it. */
export const DELETION_COOLING_OFF_DAYS = 15;
/** The name an erased account shows wherever it is still counted (attendance, reports). */
export const ERASED_NAME = '已注销用户';
/**
 * Archive kinds a school must keep once approved: 继续教育学时 (training) and 获奖荣誉 (award) are credited in the
 * school's continuing-education and title-evaluation records, 师徒结对 (mentorship) and 交流轮岗 (rotation) are counted
 * in the school's and the federation's figures. Everything else in the archive is deleted with its files.
 */
export const RETAINED_ARCHIVE_KINDS = ['training', 'award', 'mentorship', 'rotation'] as const;

export const DeletionRequest = z.strictObject({
  confirm: line('确认文字', 10),
});
export type DeletionRequest = z.infer<typeof DeletionRequest>;

/** A pending deletion: when it was asked for and when the account will be erased. */
export const DeletionState = z.object({
  requestedAt: z.string(),
  dueAt: z.string(),
});
export type DeletionState = z.infer<typeof DeletionState>;

/** What `GET /v1/me/deletion` shows before (and after) a person confirms. */
export const DeletionPreview = z.object({
  pending: z.optional(DeletionState),
  coolingOffDays: z.number(),
  confirmation: z.string(),
  /** What goes: each line a sentence. */
  erased: z.array(z.string()),
  /** What the school keeps, anonymised: each line a sentence. */
  kept: z.array(z.string()),
  /** The archive entries kept (approved, of a retained kind). */
  retainedEntries: z.array(z.object({ id: z.string(), kind: z.string(), title: z.string(), date: z.string() })),
  /** How many archive entries are deleted with their files. */
  deletedEntries: z.number(),
  /** Children unbound (and deleted when no other guardian is left). */
  children: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type DeletionPreview = z.infer<typeof DeletionPreview>;

/** A short-lived link to a ZIP (the copy of one's data). */
export const DataExportLink = z.object({
  url: z.string(),
  fileName: z.string(),
  expiresAt: z.string(),
  /** Entries in the ZIP, for a quick check. */
  files: z.number(),
});
export type DataExportLink = z.infer<typeof DataExportLink>;

/** What an administrator saw or exported of other people's personal data. */
const ACCESS_KINDS = ['people_list', 'people_export', 'parent_list', 'parent_export', 'archive_view', 'archive_export', 'attendance_view', 'attendance_export', 'registrations_view', 'campaign_export', 'report_export', 'exchange_export', 'coverage_export'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];
export const ACCESS_KIND_LABELS: Record<AccessKind, string> = {
  people_list: '查看教师名册',
  people_export: '导出教师名册',
  parent_list: '查看家长名单',
  parent_export: '导出家长名单',
  archive_view: '查看他人档案',
  archive_export: '导出教师档案',
  attendance_view: '查看签到名单',
  attendance_export: '导出签到表',
  registrations_view: '查看报名名单',
  campaign_export: '导出打卡情况',
  report_export: '导出考勤报表（含教师姓名）',
  exchange_export: '导出交流教师名单',
  coverage_export: '导出听课覆盖（含教师姓名）',
};

export const AccessTrailEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  kind: z.enum(ACCESS_KINDS),
  /** The scope read: `school:<sid>`, `federation:<fid>`, `session:<id>`, `user:<uid>`, `campaign:<id>`. */
  scope: z.string(),
  /** Where the data belongs: the school or federation, when known (federation admins read their own). */
  federationId: z.optional(z.string()),
  format: z.optional(z.string()),
});
export type AccessTrailEntry = z.infer<typeof AccessTrailEntry>;

export const AccessTrailQuery = z.object({
  from: z.optional(LocalDate),
  to: z.optional(LocalDate),
  cursor: z.optional(Cursor),
});
export type AccessTrailQuery = z.infer<typeof AccessTrailQuery>;

/** Days an access-trail record is kept (DynamoDB TTL). */
export const ACCESS_TRAIL_DAYS = 180;

export const DELETION_ERROR_MESSAGES = {
  DELETION_NOT_CONFIRMED: `请输入“${DELETION_CONFIRMATION}”两个字确认注销账号`,
  DELETION_NOT_PENDING: '没有待处理的注销申请',
} as const;
