import { SESSION_FILE_CATEGORY_LABELS, type RecordBundle, type SessionFileCategory } from '@lianyan/shared';
import type { BlobStore } from '#lib/blobs';
import type { Clock } from '#lib/clock';
import { serviceUnavailable } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import { zip, type ZipEntry } from '#lib/zip';
import type { AttendanceRepository } from '#repositories/attendance';
import type { FederationRepository } from '#repositories/federations';
import type { RecordRepository } from '#repositories/records';
import type { BriefingService } from './briefing.ts';
import { renderBriefingPdf } from './briefing-pdf.ts';
import { renderBriefingPage } from './briefing-print.ts';
import { signInSheet } from './roster.ts';
import { shanghaiTime } from '@lianyan/shared';
import type { SessionService } from './sessions.ts';

const LINK_SECONDS = 15 * 60;
/** Folders in the order district inspections read a record. */
const FOLDERS: Record<SessionFileCategory | 'sheet' | 'reflections' | 'briefing', string> = {
  plan: `01-${SESSION_FILE_CATEGORY_LABELS.plan}`,
  schedule: `02-${SESSION_FILE_CATEGORY_LABELS.schedule}`,
  courseware: `03-${SESSION_FILE_CATEGORY_LABELS.courseware}`,
  sheet: '04-签到表',
  photo: `05-${SESSION_FILE_CATEGORY_LABELS.photo}`,
  reflections: '06-心得体会',
  briefing: '07-活动简报',
  other: `08-${SESSION_FILE_CATEGORY_LABELS.other}`,
};

// Control characters and what Windows refuses in a file name.
// eslint-disable-next-line no-control-regex
const safe = (name: string) => name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || '未命名';

/** Names unique within the archive: a second `照片.png` becomes `照片(2).png`. */
function uniqueNames() {
  const taken = new Set<string>();
  return (path: string) => {
    let candidate = path;
    const dot = path.lastIndexOf('.');
    const [stem, ext] = dot > path.lastIndexOf('/') ? [path.slice(0, dot), path.slice(dot)] : [path, ''];
    for (let n = 2; taken.has(candidate); n += 1) candidate = `${stem}(${n})${ext}`;
    taken.add(candidate);
    return candidate;
  };
}

/** 活动档案 ZIP: the session's files, the sign-in sheet, the reflections and the briefing, named by date and title. */
export function makeBundleService(deps: {
  records: RecordRepository;
  attendance: AttendanceRepository;
  federations: FederationRepository;
  sessionService: SessionService;
  briefing: BriefingService;
  blobs: BlobStore | undefined;
  clock: Clock;
  newId: () => string;
}) {
  return {
    async build(auth: AuthContext, sessionId: string, origin: string): Promise<RecordBundle> {
      const blobs = deps.blobs;
      if (!blobs) throw serviceUnavailable(60);
      const session = await deps.sessionService.loadRecordReader(auth, sessionId);
      const [files, roster, schools, reflections, briefing] = await Promise.all([
        deps.records.listFiles(sessionId),
        deps.attendance.listWholeRoster(sessionId),
        deps.federations.listSchoolsOfFederation(session.federationId),
        deps.records.listReflections(sessionId),
        deps.briefing.get(auth, sessionId, origin),
      ]);
      const schoolName = new Map(schools.map((s) => [s.id, s.name]));
      const now = deps.clock.now();
      const local = new Date(now.getTime() + 8 * 3_600_000);
      const modified = { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes() };
      const name = uniqueNames();
      const entries: ZipEntry[] = [];
      const add = (path: string, data: Buffer) => {
        const entry = { name: name(path), data, modified };
        entries.push(entry);
        return entry.name;
      };

      const photoPaths = new Map<string, string>();
      const photoBytes = new Map<string, Buffer>();
      for (const file of files) {
        const data = await blobs.read(file.key);
        if (!data) continue;
        const path = add(`${FOLDERS[file.category]}/${safe(file.name)}`, data);
        if (file.category !== 'photo') continue;
        photoPaths.set(file.id, path);
        photoBytes.set(file.id, data);
      }
      // The sheet's 应到 is the briefing's: members not yet recorded are what it counts beyond the records.
      const unrecorded = briefing.figures.expected - roster.filter((a) => a.status !== 'excused').length;
      const sheet = signInSheet(session, roster, schoolName, 'xlsx', unrecorded);
      add(`${FOLDERS.sheet}/${safe(sheet.filename)}`, sheet.body);
      for (const r of reflections.filter((x) => x.status === 'submitted')) {
        const school = r.schoolId ? (schoolName.get(r.schoolId) ?? '') : '';
        const header = [`活动：${session.title}`, `作者：${school ? `${school} ` : ''}${r.name}`, `提交时间：${shanghaiTime(r.submittedAt)}${r.late ? '（逾期提交）' : ''}`, ''];
        // With a BOM and CRLF, so Windows Notepad shows it as written.
        const text = `\ufeff${[...header, r.text].join('\r\n')}\r\n`;
        add(`${FOLDERS.reflections}/${safe(`${school ? `${school}-` : ''}${r.name}`)}.txt`, Buffer.from(text, 'utf8'));
      }
      // The briefing shows the photos from the bundle itself, so it opens offline.
      const offline = {
        ...briefing,
        photos: briefing.photos.map((p) => {
          const path = photoPaths.get(p.id);
          const { url: _url, ...rest } = p;
          return path ? { ...rest, url: `../${path.split('/').map(encodeURIComponent).join('/')}` } : rest;
        }),
      };
      add(`${FOLDERS.briefing}/活动简报.html`, Buffer.from(renderBriefingPage(offline), 'utf8'));
      add(`${FOLDERS.briefing}/活动简报.pdf`, renderBriefingPdf(briefing, { photos: photoBytes, photoFolder: FOLDERS.photo }));

      const fileName = `${safe(`${shanghaiTime(session.startAt).slice(0, 10)}-${session.title}-活动档案`)}.zip`;
      // By folder (a stable sort keeps each folder's files in the order they were attached).
      entries.sort((a, b) => a.name.slice(0, 2).localeCompare(b.name.slice(0, 2)));
      const body = zip(entries);
      const key = `bundles/${sessionId}/${deps.newId()}`;
      await blobs.write(key, body, 'application/zip');
      const url = await blobs.presignGet(key, { expiresInSeconds: LINK_SECONDS, origin, fileName, contentType: 'application/zip' });
      return { url, fileName, size: body.length, entries: entries.map((e) => e.name), expiresAt: new Date(now.getTime() + LINK_SECONDS * 1000).toISOString() };
    },
  };
}
