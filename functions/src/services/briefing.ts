import { BRIEFING_PHOTOS_MAX, type Attendance, type Briefing, type BriefingLink, type BriefingSchoolFigures, type Session } from '@lianyan/shared';
import type { BlobStore } from '#lib/blobs';
import type { Clock } from '#lib/clock';
import { AppError } from '#lib/errors';
import { readLink, signLink } from '#lib/signed-link';
import type { AuthContext } from '#lib/tokens';
import type { AttendanceRepository } from '#repositories/attendance';
import type { FederationRepository } from '#repositories/federations';
import type { RecordRepository } from '#repositories/records';
import { summarize } from './attendance-rules.ts';
import type { AudienceResolver } from './audience.ts';
import type { SessionService } from './sessions.ts';

/** A shared briefing stays readable for a school year's inspections; it shows only what the briefing shows. */
const BRIEFING_LINK_DAYS = 180;
const PHOTO_LINK_SECONDS = 60 * 60;
const SIGNED_IN = new Set<Attendance['status']>(['on_time', 'late', 'left_early']);

/** 活动简报: built from the session, its roster, its photos and the organizer's published excerpts. */
export function makeBriefingService(deps: {
  records: RecordRepository;
  attendance: AttendanceRepository;
  federations: FederationRepository;
  audience: AudienceResolver;
  sessionService: SessionService;
  blobs: BlobStore | undefined;
  clock: Clock;
  getLinkKey: () => Promise<string>;
}) {
  const { records, clock } = deps;

  async function build(session: Session, origin: string): Promise<Briefing> {
    const [roster, members, schools, files, settings, reflections, counts] = await Promise.all([
      deps.attendance.listWholeRoster(session.id),
      deps.audience.listMembers(session),
      deps.federations.listSchoolsOfFederation(session.federationId),
      records.listFiles(session.id),
      records.getSettings(session.id),
      records.listReflections(session.id),
      records.getCounts(session.id),
    ]);
    const schoolName = new Map(schools.map((s) => [s.id, s.name]));
    const hostSchoolName = schoolName.get(session.hostSchoolId) ?? (await deps.federations.getSchool(session.hostSchoolId))?.name ?? '';
    const recorded = new Set(roster.map((a) => a.userId));
    const unrecorded = session.status === 'closed' ? [] : members.filter((m) => !recorded.has(m.id));
    const totals = summarize(roster, unrecorded.length);

    const bySchool = new Map<string, BriefingSchoolFigures>();
    const row = (schoolId: string) => {
      let r = bySchool.get(schoolId);
      if (!r) bySchool.set(schoolId, (r = { schoolId, schoolName: schoolName.get(schoolId) ?? '其他', expected: 0, signedIn: 0, late: 0 }));
      return r;
    };
    // 应到 per school as the roster counts it (summarize): records less the excused, plus members not yet recorded.
    for (const m of unrecorded) row(m.schoolId).expected += 1;
    for (const a of roster) {
      if (!a.schoolId) continue;
      const r = row(a.schoolId);
      if (a.status !== 'excused') r.expected += 1;
      if (!SIGNED_IN.has(a.status)) continue;
      r.signedIn += 1;
      if (a.status === 'late') r.late += 1;
    }
    const order = (id: string) => (id === session.hostSchoolId ? -1 : schools.findIndex((s) => s.id === id));
    const rows = [...bySchool.values()].sort((a, b) => order(a.schoolId) - order(b.schoolId));

    // The organizer's choice in their order (photos removed since drop out), else the first photos uploaded.
    const allPhotos = files.filter((f) => f.category === 'photo' && f.contentType.startsWith('image/'));
    const byId = new Map(allPhotos.map((f) => [f.id, f]));
    const chosen = counts.briefingPhotoIds?.length ? counts.briefingPhotoIds.flatMap((id) => byId.get(id) ?? []) : allPhotos;
    const photos = await Promise.all(
      chosen
        .slice(0, BRIEFING_PHOTOS_MAX)
        .map(async (f) => ({
          id: f.id,
          name: f.name,
          ...(f.caption ? { caption: f.caption } : {}),
          ...(deps.blobs
            ? { url: await deps.blobs.presignGet(f.key, { expiresInSeconds: PHOTO_LINK_SECONDS, origin, fileName: f.name, contentType: f.contentType }) }
            : {}),
        })),
    );

    return {
      session: {
        id: session.id,
        title: session.title,
        kind: session.kind,
        mode: session.mode,
        startAt: session.startAt,
        endAt: session.endAt,
        ...(session.venue ? { venueName: session.venue.name } : {}),
        ...(session.subject ? { subject: session.subject } : {}),
        ...(session.grade ? { grade: session.grade } : {}),
        hostSchoolName,
        ...(session.lesson ? { lesson: { teacherName: session.lesson.teacherName, className: session.lesson.className, topic: session.lesson.topic } } : {}),
      },
      schools: rows.filter((r) => r.signedIn > 0 || r.schoolId === session.hostSchoolId).map((r) => r.schoolName),
      figures: { expected: totals.expected, signedIn: totals.signedIn, late: totals.late, bySchool: rows },
      photos,
      excerpts: settings?.excerpts ?? [],
      reflections: { requested: Boolean(settings), submitted: reflections.filter((r) => r.status === 'submitted').length },
      generatedAt: clock.now().toISOString(),
    };
  }

  return {
    /** The briefing as data, for the organizer's preview. */
    async get(auth: AuthContext, sessionId: string, origin: string): Promise<Briefing> {
      return build(await deps.sessionService.loadRecordReader(auth, sessionId), origin);
    },

    /** A link to the printable briefing that opens without a login. */
    async link(auth: AuthContext, sessionId: string, origin: string): Promise<BriefingLink> {
      await deps.sessionService.loadRecordReader(auth, sessionId);
      const exp = Math.floor(clock.now().getTime() / 1000) + BRIEFING_LINK_DAYS * 86_400;
      const token = signLink({ b: sessionId, exp }, await deps.getLinkKey());
      return { url: `${origin}/v1/briefings/view?t=${token}`, expiresAt: new Date(exp * 1000).toISOString() };
    },

    /** What the shared page shows: read with the link's signature instead of a login. */
    async shared(token: string, origin: string): Promise<Briefing> {
      const link = readLink<{ b?: string; exp: number }>(token, await deps.getLinkKey(), clock.now().getTime());
      // `b` keeps a briefing link apart from the archive's print links, signed with the same key.
      if (!link?.b) throw new AppError(403, 'FORBIDDEN', '简报链接无效或已过期，请向活动组织者重新索取');
      return build(await deps.sessionService.load(link.b), origin);
    },
  };
}
export type BriefingService = ReturnType<typeof makeBriefingService>;
