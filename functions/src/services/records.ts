import {
  RECORDS_ERROR_MESSAGES,
  reflectionLength,
  type AttachSessionFilesRequest,
  type BriefingPhotos,
  type BriefingPhotosRequest,
  type MyReflection,
  PENDING_REFLECTION_DAYS,
  type PendingReflectionList,
  type PublishExcerptsRequest,
  type Reflection,
  type ReflectionList,
  type ReflectionSettings,
  type ReflectionSettingsRequest,
  type SaveReflectionRequest,
  type Session,
  type SessionFile,
  type SessionFileList,
} from '@lianyan/shared';
import type { BlobStore } from '#lib/blobs';
import type { Clock } from '#lib/clock';
import { AppError, badRequest, conflict, forbidden, notFound } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { AttendanceRepository } from '#repositories/attendance';
import type { FederationRepository } from '#repositories/federations';
import type { SessionRepository } from '#repositories/sessions';
import { ReflectionChanged, type RecordRepository, type StoredSessionFile } from '#repositories/records';
import type { Reach } from './access.ts';
import { audienceSchoolOf } from './audience.ts';
import type { SessionService } from './sessions.ts';
import type { UploadService } from './uploads.ts';

/** Two organizers (or the erasure of an excerpt's author) changed the settings at once: the later save is refused, not merged. */
const SETTINGS_CHANGED = '心得设置或摘录刚被修改，请刷新后重试';

const VIEW_LINK_SECONDS = 60 * 60;
const EXCERPT_DEFAULT_CHARS = 200;

/** 活动档案: the organizer's files and photos of a session, the reflection request, attendees' reflections, published excerpts. */
export function makeRecordService(deps: {
  records: RecordRepository;
  attendance: AttendanceRepository;
  federations: FederationRepository;
  sessions: SessionRepository;
  sessionService: SessionService;
  reach: Reach;
  uploads: UploadService;
  blobs: BlobStore | undefined;
  clock: Clock;
}) {
  const { records, attendance, sessionService, clock } = deps;

  async function loadManaged(auth: AuthContext, sessionId: string): Promise<Session> {
    const session = await sessionService.load(sessionId);
    if (!sessionService.canManage(auth, session)) throw forbidden('只有活动的组织者或管理员可以管理活动档案');
    return session;
  }

  async function withLink(file: StoredSessionFile, origin: string): Promise<SessionFile> {
    const { key, ...rest } = file;
    if (!deps.blobs) return rest;
    const url = await deps.blobs.presignGet(key, { expiresInSeconds: VIEW_LINK_SECONDS, origin, fileName: file.name, contentType: file.contentType });
    return { ...rest, url };
  }

  const isPastDeadline = (settings: ReflectionSettings) => clock.now().getTime() > Date.parse(settings.deadline);
  const editable = (settings: ReflectionSettings | undefined, reflection: Reflection | undefined) =>
    Boolean(settings) && !(reflection?.status === 'submitted' && settings && isPastDeadline(settings));

  return {
    /** Attaches verified uploads of the caller to the session under one category. */
    async attachFiles(auth: AuthContext, sessionId: string, request: AttachSessionFilesRequest, origin: string): Promise<SessionFileList> {
      await loadManaged(auth, sessionId);
      const evidence = await deps.uploads.claim(auth.userId, request.uploadIds);
      const now = clock.now().toISOString();
      const files: StoredSessionFile[] = evidence.map((e) => ({
        id: e.id,
        sessionId,
        category: request.category,
        name: e.name,
        contentType: e.contentType,
        size: e.size,
        ...(request.caption ? { caption: request.caption } : {}),
        uploadedBy: auth.userId,
        uploadedAt: now,
        key: `evidence/${auth.userId}/${e.id}`,
      }));
      const attached: StoredSessionFile[] = [];
      for (const file of files) {
        // Attaching the same upload twice (a retry) keeps the first.
        if (await records.putFile(file)) attached.push(file);
        else attached.push((await records.getFile(sessionId, file.id)) ?? file);
      }
      return { items: await Promise.all(attached.map((f) => withLink(f, origin))) };
    },

    /** The session's files: its managers, and attendees who signed in. */
    async listFiles(auth: AuthContext, sessionId: string, origin: string): Promise<SessionFileList> {
      const session = await sessionService.load(sessionId);
      if (!sessionService.canManage(auth, session)) {
        const mine = await attendance.getAttendance(sessionId, auth.userId);
        if (!mine?.signedInAt) throw forbidden('只有活动的组织者和签到的参加者可以查看活动资料');
      }
      const [files, counts] = await Promise.all([records.listFiles(sessionId), records.getCounts(sessionId)]);
      const featured = new Set(counts.briefingPhotoIds ?? []);
      return { items: await Promise.all(files.map(async (f) => ({ ...(await withLink(f, origin)), ...(featured.has(f.id) ? { featured: true } : {}) }))) };
    },

    /** The photos the briefing shows, in the organizer's order: photos of this session only. */
    async setBriefingPhotos(auth: AuthContext, sessionId: string, request: BriefingPhotosRequest): Promise<BriefingPhotos> {
      await loadManaged(auth, sessionId);
      const photos = new Set((await records.listFiles(sessionId)).filter((f) => f.category === 'photo').map((f) => f.id));
      const fileIds = [...new Set(request.fileIds)];
      const index = fileIds.findIndex((id) => !photos.has(id));
      if (index >= 0) {
        throw badRequest('VALIDATION_FAILED', '只能选择本活动已上传的照片', { fieldErrors: { [`fileIds.${index}`]: ['不是本活动的照片，或已删除'] } });
      }
      await records.setBriefingPhotos(sessionId, fileIds);
      return { fileIds };
    },

    async removeFile(auth: AuthContext, sessionId: string, fileId: string): Promise<{ removed: true }> {
      await loadManaged(auth, sessionId);
      const file = await records.getFile(sessionId, fileId);
      if (!file) throw notFound('文件不存在或已删除');
      // The bytes stay: the same verified upload may also be evidence of an archive entry of the uploader.
      await records.deleteFile(file);
      return { removed: true };
    },

    /** Asks attendees for a reflection (or changes the request); the published excerpts are kept. */
    async requestReflections(auth: AuthContext, sessionId: string, request: ReflectionSettingsRequest): Promise<ReflectionSettings> {
      const session = await loadManaged(auth, sessionId);
      if (Date.parse(request.deadline) <= Date.parse(session.startAt)) {
        throw badRequest('VALIDATION_FAILED', '截止时间应晚于活动开始', { fieldErrors: { deadline: ['截止时间应晚于活动开始'] } });
      }
      const previous = await records.getSettings(sessionId);
      const settings: ReflectionSettings = {
        sessionId,
        minLength: request.minLength,
        deadline: new Date(request.deadline).toISOString(),
        prompt: request.prompt,
        excerpts: previous?.excerpts ?? [],
        updatedBy: auth.userId,
        updatedAt: clock.now().toISOString(),
      };
      if ((await records.putSettings(settings, previous)) === 'changed') throw conflict('CONFLICT', SETTINGS_CHANGED);
      return settings;
    },

    async getMine(auth: AuthContext, sessionId: string): Promise<MyReflection> {
      const session = await sessionService.load(sessionId);
      // The session's audience, and whoever signed in (someone marked present from another school) see the request.
      if (audienceSchoolOf(session, auth) === undefined && !(await attendance.getAttendance(sessionId, auth.userId))?.signedInAt) {
        throw forbidden('只有本活动的参加者可以查看和提交心得');
      }
      const [settings, reflection, history] = await Promise.all([
        records.getSettings(sessionId),
        records.getReflection(sessionId, auth.userId),
        records.listVersions(sessionId, auth.userId),
      ]);
      return { ...(settings ? { settings } : {}), ...(reflection ? { reflection } : {}), history, editable: editable(settings, reflection) };
    },

    /**
     * Saves a draft or submits. Only those who signed in; a submitted reflection stays editable until the deadline;
     * one first submitted after it is marked late.
     */
    async save(auth: AuthContext, sessionId: string, request: SaveReflectionRequest): Promise<MyReflection> {
      await sessionService.load(sessionId);
      const settings = await records.getSettings(sessionId);
      if (!settings) throw conflict('REFLECTION_NOT_REQUESTED', RECORDS_ERROR_MESSAGES.REFLECTION_NOT_REQUESTED);
      const record = await attendance.getAttendance(sessionId, auth.userId);
      if (!record?.signedInAt) throw new AppError(403, 'NOT_SIGNED_IN', RECORDS_ERROR_MESSAGES.NOT_SIGNED_IN);
      const previous = await records.getReflection(sessionId, auth.userId);
      if (!editable(settings, previous)) throw conflict('REFLECTION_CLOSED', RECORDS_ERROR_MESSAGES.REFLECTION_CLOSED);
      if (request.submit) {
        const length = reflectionLength(request.text);
        if (length < settings.minLength) {
          throw badRequest('CONTENT_TOO_SHORT', `心得至少 ${settings.minLength} 字，现在 ${length} 字，请再写一些`, {
            minLength: settings.minLength,
            length,
            fieldErrors: { text: [`至少 ${settings.minLength} 字`] },
          });
        }
      }
      const now = clock.now().toISOString();
      const submittedBefore = previous?.status === 'submitted';
      // A draft saved over a submitted reflection would withdraw it: changes to it are submitted as a new version.
      if (submittedBefore && !request.submit) {
        throw conflict('CONFLICT', '心得已提交，修改后请直接提交新版本', { fieldErrors: { submit: ['请提交修改'] } });
      }
      const reflection: Reflection = {
        sessionId,
        userId: auth.userId,
        name: auth.name ?? record.name,
        ...(record.schoolId ? { schoolId: record.schoolId } : {}),
        text: request.text,
        status: request.submit ? 'submitted' : 'draft',
        late: submittedBefore ? Boolean(previous?.late) : request.submit && isPastDeadline(settings),
        version: (previous?.version ?? 0) + (request.submit ? 1 : 0),
        ...(request.submit ? { submittedAt: previous?.submittedAt ?? now } : previous?.submittedAt ? { submittedAt: previous.submittedAt } : {}),
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
      };
      try {
        if (request.submit) await records.submit(reflection, previous?.updatedAt);
        else await records.saveDraft(reflection, previous?.updatedAt);
      } catch (error) {
        if (error instanceof ReflectionChanged) throw conflict('CONFLICT', '心得在别处已被修改，请刷新后重试');
        throw error;
      }
      return { settings, reflection, history: await records.listVersions(sessionId, auth.userId), editable: editable(settings, reflection) };
    },

    /** 待提交心得: sessions of the last 90 days the person signed in to, whose reflection is asked for and not submitted. */
    async pending(auth: AuthContext): Promise<PendingReflectionList> {
      const now = clock.now();
      const from = new Date(now.getTime() - PENDING_REFLECTION_DAYS * 86_400_000).toISOString();
      const credits = await attendance.listCreditsOfUser(auth.userId, { from, to: now.toISOString() });
      const signedIn = credits.filter((c) => c.signedInAt);
      if (!signedIn.length) return { items: [] };
      const records = await deps.records.getRecordsOfUser(signedIn.map((c) => c.sessionId), auth.userId);
      const open = signedIn.filter((c) => {
        const r = records.get(c.sessionId);
        return r?.settings && r.reflection?.status !== 'submitted';
      });
      if (!open.length) return { items: [] };
      const titles = new Map((await deps.sessions.getSessions(open.map((c) => c.sessionId))).map((s) => [s.id, s]));
      const items = open.flatMap((c) => {
        const r = records.get(c.sessionId);
        const session = titles.get(c.sessionId);
        if (!r?.settings || !session || session.status === 'cancelled') return [];
        return [
          {
            sessionId: c.sessionId,
            title: session.title,
            startAt: session.startAt,
            deadline: r.settings.deadline,
            minLength: r.settings.minLength,
            draft: r.reflection?.status === 'draft',
            overdue: now.getTime() > Date.parse(r.settings.deadline),
          },
        ];
      });
      return { items: items.sort((a, b) => a.deadline.localeCompare(b.deadline)) };
    },

    /** Every reflection of the session for its managers, with how many of those who signed in have submitted. */
    async list(auth: AuthContext, sessionId: string): Promise<ReflectionList> {
      await loadManaged(auth, sessionId);
      const [settings, items, roster] = await Promise.all([
        records.getSettings(sessionId),
        records.listReflections(sessionId),
        attendance.listWholeRoster(sessionId),
      ]);
      const signedIn = new Set(roster.filter((a) => a.signedInAt).map((a) => a.userId));
      const submitted = items.filter((r) => r.status === 'submitted');
      return {
        ...(settings ? { settings } : {}),
        items,
        summary: {
          signedIn: signedIn.size,
          submitted: submitted.length,
          late: submitted.filter((r) => r.late).length,
          drafts: items.length - submitted.length,
          missing: [...signedIn].filter((id) => !submitted.some((r) => r.userId === id)).length,
        },
      };
    },

    /** The organizer's choice of excerpts for the briefing: passages of submitted reflections, word for word. */
    async publishExcerpts(auth: AuthContext, sessionId: string, request: PublishExcerptsRequest): Promise<ReflectionSettings> {
      const session = await loadManaged(auth, sessionId);
      const settings = await records.getSettings(sessionId);
      if (!settings) throw conflict('REFLECTION_NOT_REQUESTED', RECORDS_ERROR_MESSAGES.REFLECTION_NOT_REQUESTED);
      const byUser = new Map((await records.listReflections(sessionId)).map((r) => [r.userId, r]));
      const schoolNames = new Map<string, string>();
      const excerpts = [];
      for (const [index, item] of request.items.entries()) {
        const reflection = byUser.get(item.userId);
        if (reflection?.status !== 'submitted') {
          throw badRequest('VALIDATION_FAILED', '只能选择已提交的心得', { fieldErrors: { [`items.${index}.userId`]: ['该教师还没有提交心得'] } });
        }
        const text = item.text ?? [...reflection.text].slice(0, EXCERPT_DEFAULT_CHARS).join('');
        if (!reflection.text.includes(text)) {
          throw badRequest('VALIDATION_FAILED', '摘录必须是心得原文中的一段', { fieldErrors: { [`items.${index}.text`]: ['摘录与原文不一致'] } });
        }
        await deps.reach.assertCanActOn(auth, item.userId, session, '只能摘录本次活动参与人员的心得');
        if (reflection.schoolId && !schoolNames.has(reflection.schoolId)) {
          const school = await deps.federations.getSchool(reflection.schoolId);
          if (school) schoolNames.set(reflection.schoolId, school.name);
        }
        const schoolName = reflection.schoolId ? schoolNames.get(reflection.schoolId) : undefined;
        excerpts.push({ userId: item.userId, name: reflection.name, ...(schoolName ? { schoolName } : {}), text });
      }
      const updated: ReflectionSettings = { ...settings, excerpts, updatedBy: auth.userId, updatedAt: clock.now().toISOString() };
      if ((await records.putSettings(updated, settings)) === 'changed') throw conflict('CONFLICT', SETTINGS_CHANGED);
      return updated;
    },
  };
}
export type RecordService = ReturnType<typeof makeRecordService>;
