import * as z from 'zod/mini';
import { Id, IsoDateTime } from './common.ts';
import { code, decimal, integer, line, prose } from './fields.ts';
import { Semester } from './semester.ts';

// Session records (活动档案): files and photos of a session, and each attendee's reflection (心得).

export const SESSION_FILE_CATEGORIES = ['plan', 'schedule', 'courseware', 'photo', 'other'] as const;
export const SessionFileCategory = z.enum(SESSION_FILE_CATEGORIES, { error: '请选择文件类别' });
export type SessionFileCategory = z.infer<typeof SessionFileCategory>;
export const SESSION_FILE_CATEGORY_LABELS: Record<SessionFileCategory, string> = {
  plan: '活动方案',
  schedule: '日程安排',
  courseware: '课件与教学设计',
  photo: '活动照片',
  other: '其他材料',
};
export const SESSION_FILES_PER_REQUEST = 9;

export const AttachSessionFilesRequest = z.strictObject({
  category: SessionFileCategory,
  /** Upload ids from `POST /v1/uploads`, checked by content when attached. */
  uploadIds: z.array(Id).check(z.minLength(1, '请至少选择一个文件'), z.maxLength(SESSION_FILES_PER_REQUEST, `一次最多 ${SESSION_FILES_PER_REQUEST} 个文件`)),
  /** For photos: a caption shown in the briefing. */
  caption: z.optional(line('说明', 60)),
});
export type AttachSessionFilesRequest = z.infer<typeof AttachSessionFilesRequest>;

export const SessionFile = z.object({
  id: Id,
  sessionId: Id,
  category: SessionFileCategory,
  name: z.string(),
  contentType: z.string(),
  size: z.int(),
  caption: z.optional(z.string()),
  uploadedBy: Id,
  uploadedAt: IsoDateTime,
  /** A short-lived link to view the file. */
  url: z.optional(z.string()),
  /** A photo the organizer chose for the briefing. */
  featured: z.optional(z.boolean()),
});
export type SessionFile = z.infer<typeof SessionFile>;
export const SessionFileList = z.object({ items: z.array(SessionFile) });
export type SessionFileList = z.infer<typeof SessionFileList>;
export const SessionFileParams = z.object({ id: Id, fileId: Id });

export const REFLECTION_TEXT_MAX = 10_000;
/** What counts toward a reflection's length: characters other than white space (the counter in the form counts the same). */
export const reflectionLength = (text: string) => [...text.replace(/\s/gu, '')].length;

export const ReflectionSettingsRequest = z.strictObject({
  minLength: integer('字数要求', 0, 5000),
  deadline: IsoDateTime,
  prompt: z._default(prose('要求说明', 200), ''),
});
export type ReflectionSettingsRequest = z.infer<typeof ReflectionSettingsRequest>;

/** An excerpt of a submitted reflection the organizer chose to publish in the briefing. */
const ReflectionExcerpt = z.object({ userId: Id, name: z.string(), schoolName: z.optional(z.string()), text: z.string() });
type ReflectionExcerpt = z.infer<typeof ReflectionExcerpt>;

export const ReflectionSettings = z.object({
  sessionId: Id,
  minLength: z.int(),
  deadline: IsoDateTime,
  prompt: z.string(),
  excerpts: z.array(ReflectionExcerpt),
  updatedBy: Id,
  updatedAt: IsoDateTime,
});
export type ReflectionSettings = z.infer<typeof ReflectionSettings>;

export const SaveReflectionRequest = z.strictObject({
  text: prose('心得', REFLECTION_TEXT_MAX),
  /** false keeps a draft; true submits (the minimum length applies). */
  submit: z._default(z.boolean(), false),
});
export type SaveReflectionRequest = z.infer<typeof SaveReflectionRequest>;

const REFLECTION_STATUSES = ['draft', 'submitted'] as const;
export const REFLECTION_STATUS_LABELS = { draft: '草稿', submitted: '已提交' } as const;

export const Reflection = z.object({
  sessionId: Id,
  userId: Id,
  name: z.string(),
  schoolId: z.optional(Id),
  text: z.string(),
  status: z.enum(REFLECTION_STATUSES),
  /** Submitted after the deadline (the first submission's time counts). */
  late: z.boolean(),
  /** How many times it was submitted; each submission is kept as a version. */
  version: z.int(),
  submittedAt: z.optional(IsoDateTime),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Reflection = z.infer<typeof Reflection>;

export const ReflectionVersion = z.object({ version: z.int(), text: z.string(), submittedAt: IsoDateTime, late: z.boolean() });
export type ReflectionVersion = z.infer<typeof ReflectionVersion>;

/** The attendee's view: what is asked, their reflection, its submitted versions, whether they may still edit. */
export const MyReflection = z.object({
  settings: z.optional(ReflectionSettings),
  reflection: z.optional(Reflection),
  history: z.array(ReflectionVersion),
  editable: z.boolean(),
});
export type MyReflection = z.infer<typeof MyReflection>;

export const ReflectionList = z.object({
  settings: z.optional(ReflectionSettings),
  items: z.array(Reflection),
  summary: z.object({ signedIn: z.int(), submitted: z.int(), late: z.int(), drafts: z.int(), missing: z.int() }),
});
export type ReflectionList = z.infer<typeof ReflectionList>;

export const PublishExcerptsRequest = z.strictObject({
  items: z
    .array(
      z.strictObject({
        userId: Id,
        /** A passage of the reflection, word for word; the opening of it when omitted. */
        text: z.optional(prose('摘录', 500, 1)),
      }),
    )
    .check(z.maxLength(20, '最多选择 20 篇心得')),
});
export type PublishExcerptsRequest = z.infer<typeof PublishExcerptsRequest>;

export const RECORDS_ERROR_MESSAGES = {
  REFLECTION_NOT_REQUESTED: '组织者还没有布置本次活动的心得',
  REFLECTION_CLOSED: '心得已提交且已过截止时间，不能再修改',
  NOT_SIGNED_IN: '签到参加活动后才能提交心得',
  CONTENT_TOO_SHORT: '心得字数不够，请再写一些',
} as const;

/** Attendance of one school at the session: its audience members, those who signed in, those late. */
export const BriefingSchoolFigures = z.object({ schoolId: Id, schoolName: z.string(), expected: z.int(), signedIn: z.int(), late: z.int() });
export type BriefingSchoolFigures = z.infer<typeof BriefingSchoolFigures>;

/** 活动简报: what the printable page and the mini-program's preview show. Names and schools only: no phones, no openids. */
export const Briefing = z.object({
  session: z.object({
    id: Id,
    title: z.string(),
    kind: z.string(),
    mode: z.string(),
    startAt: IsoDateTime,
    endAt: IsoDateTime,
    venueName: z.optional(z.string()),
    subject: z.optional(z.string()),
    grade: z.optional(z.string()),
    hostSchoolName: z.string(),
    lesson: z.optional(z.object({ teacherName: z.string(), className: z.string(), topic: z.string() })),
  }),
  /** Schools whose people took part (the host first), by name. */
  schools: z.array(z.string()),
  /** Totals as in the roster's summary; `bySchool` counts the audience member schools and any school someone came from. */
  figures: z.object({ expected: z.int(), signedIn: z.int(), late: z.int(), bySchool: z.array(BriefingSchoolFigures) }),
  photos: z.array(z.object({ id: Id, name: z.string(), caption: z.optional(z.string()), url: z.optional(z.string()) })),
  excerpts: z.array(ReflectionExcerpt),
  reflections: z.object({ requested: z.boolean(), submitted: z.int() }),
  generatedAt: IsoDateTime,
});
export type Briefing = z.infer<typeof Briefing>;
export const BRIEFING_PHOTOS_MAX = 6;

/** The photos the briefing shows, in this order (empty: the first photos by upload order). */
export const BriefingPhotosRequest = z.strictObject({
  fileIds: z.array(Id).check(z.maxLength(BRIEFING_PHOTOS_MAX, `简报最多选 ${BRIEFING_PHOTOS_MAX} 张照片`)),
});
export type BriefingPhotosRequest = z.infer<typeof BriefingPhotosRequest>;
export const BriefingPhotos = z.object({ fileIds: z.array(Id) });
export type BriefingPhotos = z.infer<typeof BriefingPhotos>;

export const BriefingQuery = z.strictObject({ t: code('链接', 2048, 16) });
export const BriefingLink = z.object({ url: z.string(), expiresAt: IsoDateTime });
export type BriefingLink = z.infer<typeof BriefingLink>;

/** A record bundle (ZIP) made on request: a short-lived link to fetch it, and what it holds. */
export const RecordBundle = z.object({ url: z.string(), fileName: z.string(), size: z.int(), entries: z.array(z.string()), expiresAt: IsoDateTime });
export type RecordBundle = z.infer<typeof RecordBundle>;

/** What a finished session's record lacks. */
const RECORD_GAPS = ['photos', 'plan', 'reflections'] as const;
export type RecordGap = (typeof RECORD_GAPS)[number];
export const RECORD_GAP_LABELS: Record<RecordGap, string> = { photos: '没有照片', plan: '没有活动方案', reflections: '心得提交率不足' };
/** Below this share of those who signed in, a reflection request past its deadline counts as a gap (unless the query says otherwise). */
export const REFLECTION_RATE_DEFAULT = 0.8;

export const RecordsStatusQuery = z.strictObject({
  semester: Semester,
  /** Share of those signed in who should have submitted by the deadline, 0–1. */
  minRate: z.optional(decimal('比例', 0, 1, { places: 2, coerce: true })),
});
export type RecordsStatusQuery = z.infer<typeof RecordsStatusQuery>;

/** One session's record, for the admin's "missing records" view. */
export const RecordsStatusItem = z.object({
  sessionId: Id,
  title: z.string(),
  kind: z.string(),
  startAt: IsoDateTime,
  endAt: IsoDateTime,
  hostSchoolId: Id,
  hostSchoolName: z.string(),
  /** Files by category (photos among them). */
  files: z.object({ plan: z.int(), schedule: z.int(), courseware: z.int(), photo: z.int(), other: z.int() }),
  signedIn: z.int(),
  reflection: z.optional(z.object({ deadline: IsoDateTime, minLength: z.int(), submitted: z.int(), rate: z.number(), due: z.boolean() })),
  /** Gaps of a finished session; empty when its record is complete (or it has not ended yet). */
  missing: z.array(z.enum(RECORD_GAPS)),
  finished: z.boolean(),
});
export type RecordsStatusItem = z.infer<typeof RecordsStatusItem>;
export const RecordsStatus = z.object({
  federationId: Id,
  semester: z.string(),
  minRate: z.number(),
  items: z.array(RecordsStatusItem),
  totals: z.object({ sessions: z.int(), finished: z.int(), complete: z.int(), missing: z.int() }),
});
export type RecordsStatus = z.infer<typeof RecordsStatus>;

/** 待提交心得: a session the person signed in to whose reflection is asked for and not yet submitted. */
export const PendingReflection = z.object({
  sessionId: Id,
  title: z.string(),
  startAt: IsoDateTime,
  deadline: IsoDateTime,
  minLength: z.int(),
  /** A draft is saved. */
  draft: z.boolean(),
  /** Past the deadline: a submission now is marked late. */
  overdue: z.boolean(),
});
export type PendingReflection = z.infer<typeof PendingReflection>;
export const PendingReflectionList = z.object({ items: z.array(PendingReflection) });
export type PendingReflectionList = z.infer<typeof PendingReflectionList>;
/** How far back 待提交心得 looks (sessions started within these days). */
export const PENDING_REFLECTION_DAYS = 90;
