import {
  IMPORT_PREVIEW_HOURS,
  maskPhone,
  TEACHER_SHEET,
  type CreateImportRequest,
  type ImportPreview,
  type ImportResult,
  type ImportRow,
  type ImportTemplateQuery,
  type RoleGrant,
} from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { backoff, isTransactionConflict } from '#lib/dynamo';
import { badRequest, conflict, forbidden, isRetryable, notFound } from '#lib/errors';
import { readCsv, readXlsx, UnreadableFile, type ReadSheet } from '#lib/sheet-read';
import type { AuthContext } from '#lib/tokens';
import type { FederationRepository } from '#repositories/federations';
import { teacherRoleKey, type ImportRepository, type PlannedRow, type StoredImport } from '#repositories/imports';
import type { PeopleRepository, RosterChange, RosterProfile } from '#repositories/people';
import type { AccessPolicy } from './access.ts';
import { checkTeacherRows, type TeacherRow } from './import-rows.ts';
import { teacherTemplate } from './import-template.ts';
import type { UploadService } from './uploads.ts';

/**
 * How long one apply may hold an import before another may take it over: just over the function's 29 s, so an apply
 * cut off by its timeout (a very large file on a busy table) is resumed by the next 应用 (applying is idempotent).
 */
const LEASE_SECONDS = 35;
/** Rows written at once, one by one (updates, and new teachers a batch could not take). */
const CONCURRENCY = 8;
/** New teachers a transaction (3 items each; a transaction takes 100), and such transactions at once. */
const BATCH = 25;
const BATCH_CONCURRENCY = 4;

/** A new teacher from a row: 教师 unless the row says otherwise, `invited` until they log in. */
const newProfile = (row: PlannedRow, now: string) => ({
  id: row.personId,
  name: row.name,
  phone: row.phone,
  position: row.position ?? ('teacher' as const),
  subjects: row.subjects ?? [],
  grades: row.grades ?? [],
  titles: row.titles ?? [],
  createdAt: now,
  status: 'invited' as const,
});

type Profile = RosterProfile & { claimedAt?: string };
const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) => (a ?? []).join('\n') === (b ?? []).join('\n');

/** What a row changes on a known person: the cells given (empty cells keep what the person has). */
function rosterChange(row: TeacherRow, profile: Profile): RosterChange {
  const change: RosterChange = {};
  if (row.name !== profile.name) change.name = row.name;
  if (row.position && row.position !== profile.position) change.position = row.position;
  if (row.subjects && !sameList(row.subjects, profile.subjects)) change.subjects = row.subjects;
  if (row.grades && !sameList(row.grades, profile.grades)) change.grades = row.grades;
  if (row.titles && !sameList(row.titles, profile.titles)) change.titles = row.titles;
  // Back on a roster: a person who had left is invited again (or active, if they had logged in before).
  if (profile.status === 'left') change.status = profile.claimedAt ? 'active' : 'invited';
  return change;
}

async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

/** 教师名册导入: template, preview (checked, matched by phone, kept a day), apply (as previewed, once). */
export function makeImportService(deps: {
  imports: ImportRepository;
  people: PeopleRepository;
  federations: FederationRepository;
  uploads: Pick<UploadService, 'readImport'>;
  access: AccessPolicy;
  clock: Clock;
  newId: () => string;
}) {
  const { imports, people, federations, access, clock } = deps;

  /** The scope an import is for, checked: school admins their school, federation admins its schools, district admins all. */
  async function scopeOf(actor: AuthContext, target: { schoolId?: string | undefined; federationId?: string | undefined }) {
    if (target.schoolId) {
      const school = await federations.getSchool(target.schoolId);
      if (!school) throw notFound('学校不存在');
      if (!(await access.administers(actor, { schoolId: school.id }))) throw forbidden('你只能导入自己管理的学校的教师名册');
      return { schoolId: school.id, schools: new Map([[school.id, school.name]]) };
    }
    const federation = target.federationId ? await federations.getFederation(target.federationId) : undefined;
    if (!federation) throw notFound('校联体不存在');
    if (!(await access.administers(actor, { federationId: federation.id }))) throw forbidden('你只能导入自己管理的校联体的教师名册');
    const schools = await federations.listSchoolsOfFederation(federation.id);
    return { federationId: federation.id, schools: new Map(schools.map((s) => [s.id, s.name])) };
  }

  /** Each row's action against the people as they are now: create, update (fields or a new school) or unchanged. */
  async function plan(rows: TeacherRow[], known: Map<string, string> = new Map()): Promise<PlannedRow[]> {
    const byPhone = await imports.usersByPhone(rows.map((r) => r.phone));
    const profiles = await imports.profiles([...byPhone.values()]);
    const roles = await imports.teacherRoles(rows.flatMap((r) => (byPhone.has(r.phone) ? [{ userId: byPhone.get(r.phone) as string, schoolId: r.schoolId }] : [])));
    return rows.map((row) => {
      const userId = byPhone.get(row.phone);
      const profile = userId ? profiles.get(userId) : undefined;
      if (!userId || !profile) return { ...row, action: 'create', personId: known.get(row.phone) ?? deps.newId() };
      const teaches = roles.has(teacherRoleKey(userId, row.schoolId));
      const changed = Object.keys(rosterChange(row, profile)).length > 0;
      return { ...row, action: teaches && !changed ? 'unchanged' : 'update', personId: userId };
    });
  }

  function toPreview(stored: StoredImport, schools: Map<string, string>): ImportPreview {
    const rows: ImportRow[] = [
      ...stored.rows.map((r): ImportRow => ({
        row: r.row,
        action: r.action,
        name: r.name,
        phoneMasked: maskPhone(r.phone),
        ...(r.position ? { position: r.position } : {}),
        subjects: r.subjects ?? [],
        grades: r.grades ?? [],
        titles: r.titles ?? [],
        schoolId: r.schoolId,
        ...(schools.has(r.schoolId) ? { schoolName: schools.get(r.schoolId) as string } : {}),
        ...(r.action === 'create' ? {} : { personId: r.personId }),
      })),
      ...stored.invalid.map((r): ImportRow => ({ row: r.row, action: 'invalid', name: r.name, phoneMasked: r.phone ? maskPhone(r.phone) : '', subjects: [], grades: [], titles: [] })),
    ].sort((a, b) => a.row - b.row);
    return {
      id: stored.id,
      kind: stored.kind,
      ...(stored.schoolId ? { schoolId: stored.schoolId } : {}),
      ...(stored.federationId ? { federationId: stored.federationId } : {}),
      fileName: stored.fileName,
      status: stored.status === 'applied' ? 'applied' : 'previewed',
      rows,
      errors: stored.errors,
      summary: stored.summary,
      expiresAt: new Date(stored.expiresAt * 1000).toISOString(),
    };
  }

  /** One row written: a new invited person, or the changes and the school's teacher role on the person with that phone. */
  async function applyRow(row: PlannedRow, now: string): Promise<'created' | 'updated' | 'unchanged'> {
    for (let attempt = 0; attempt < 8; attempt++) {
      if (attempt) await backoff(attempt);
      try {
        const outcome = await writeRow(row, now, attempt > 0);
        if (outcome) return outcome;
      } catch (error) {
        // Another write on the same person at once, or the store busy: the row is planned and written again.
        if (!isTransactionConflict(error) && !isRetryable(error)) throw error;
      }
    }
    throw conflict('CONFLICT', `第 ${row.row} 行的教师正在被同时修改，请稍后再点「应用」（已导入的行不会重复）`);
  }

  /** One try at a row; undefined when it must be planned again (the phone or the person changed meanwhile). */
  async function writeRow(row: PlannedRow, now: string, replan: boolean): Promise<'created' | 'updated' | 'unchanged' | undefined> {
    const grant: RoleGrant = { role: 'teacher', scope: { schoolId: row.schoolId } };
    const [current] = replan ? await plan([row], new Map([[row.phone, row.personId]])) : [row];
    if (!current) return undefined;
    if (current.action === 'unchanged') return 'unchanged';
    if (current.action === 'create') {
      const profile = newProfile(current, now);
      // Not created: the phone was taken meanwhile (another apply, a claim), so it is planned again as an update.
      return (await people.createInvited(profile, [grant], 'import')) === 'created' ? 'created' : undefined;
    }
    const profile = (await imports.profiles([current.personId])).get(current.personId);
    if (!profile) return undefined;
    const change = rosterChange(row, profile);
    if (Object.keys(change).length && (await people.update(current.personId, change, profile.phone)) !== 'updated') return undefined;
    await people.grant(current.personId, [grant], now, 'import');
    return 'updated';
  }

  return {
    async template(actor: AuthContext, query: ImportTemplateQuery) {
      if (!query.federationId) return teacherTemplate();
      const scope = await scopeOf(actor, { federationId: query.federationId });
      return teacherTemplate([...scope.schools.values()]);
    },

    async preview(actor: AuthContext, request: CreateImportRequest): Promise<ImportPreview> {
      const scope = await scopeOf(actor, request);
      const file = await deps.uploads.readImport(actor.userId, request.uploadId);
      let sheet: ReadSheet;
      try {
        sheet = file.type === 'text/csv' ? readCsv(file.bytes) : readXlsx(file.bytes, TEACHER_SHEET);
      } catch (error) {
        if (!(error instanceof UnreadableFile)) throw error;
        throw badRequest('UPLOAD_INVALID', `文件「${file.fileName}」无法读取，可能已损坏或不是 Excel 文件，请用 Excel 或 WPS 打开后另存为 .xlsx 再上传`, { fieldErrors: { uploadId: [request.uploadId] } });
      }
      const checked = checkTeacherRows(sheet, scope.schoolId ? { schoolId: scope.schoolId } : { schools: new Map([...scope.schools].map(([id, name]) => [name.replace(/\s/g, ''), id])) });
      const planned = await plan(checked.rows);
      const invalidRows = new Set(checked.errors.map((e) => e.row)).size;
      const count = (action: PlannedRow['action']) => planned.filter((r) => r.action === action).length;
      const now = clock.now();
      const stored: StoredImport = {
        id: deps.newId(),
        kind: request.kind,
        userId: actor.userId,
        ...(scope.schoolId ? { schoolId: scope.schoolId } : { federationId: scope.federationId as string }),
        fileName: file.fileName,
        status: 'previewed',
        summary: { create: count('create'), update: count('update'), unchanged: count('unchanged'), invalid: Math.max(invalidRows, checked.invalid.length) },
        createdAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + IMPORT_PREVIEW_HOURS * 3600,
        rows: planned,
        invalid: checked.invalid,
        errors: checked.errors,
      };
      await imports.putImport(stored);
      return toPreview(stored, scope.schools);
    },

    /** Applies the preview exactly: refused while any row is invalid; a second apply answers the first result. */
    async apply(actor: AuthContext, id: string): Promise<ImportResult> {
      const stored = await imports.getImport(id);
      const now = clock.now();
      if (!stored || stored.expiresAt * 1000 < now.getTime()) throw notFound('导入预览不存在或已过期（预览保留 24 小时），请重新上传文件');
      await scopeOf(actor, stored);
      if (stored.errors.length) {
        const rows = new Set(stored.errors.map((e) => e.row)).size;
        throw conflict('IMPORT_HAS_ERRORS', `文件中有 ${rows} 行错误，请按提示修改后重新上传，全部正确才能导入（本次没有导入任何教师）`, { errors: stored.errors.length });
      }
      if (stored.status === 'applied' && stored.result) return stored.result;
      const claim = await imports.claimApply(id, now.toISOString(), new Date(now.getTime() + LEASE_SECONDS * 1000).toISOString());
      if (claim === 'missing') throw notFound('导入预览不存在或已过期，请重新上传文件');
      if (claim === 'applied') return (await imports.getImport(id))?.result ?? Promise.reject(conflict('IMPORT_IN_PROGRESS', '这份名册正在导入，请稍后刷新查看'));
      if (claim === 'busy') throw conflict('IMPORT_IN_PROGRESS', '这份名册正在导入，请稍等片刻后刷新查看结果，不要重复点击');
      try {
        // The rows as previewed, planned again against the people as they are now: rows a halted apply wrote are unchanged.
        const rows = await plan(stored.rows, new Map(stored.rows.map((r) => [r.phone, r.personId])));
        const counts = { created: 0, updated: 0, unchanged: 0 };
        const at = now.toISOString();
        // New teachers 25 to a transaction; a batch that meets a taken phone (or a busy store) goes row by row.
        const creates = rows.filter((r) => r.action === 'create');
        const batches = Array.from({ length: Math.ceil(creates.length / BATCH) }, (_, i) => creates.slice(i * BATCH, (i + 1) * BATCH));
        const single: PlannedRow[] = rows.filter((r) => r.action === 'update');
        counts.unchanged = rows.filter((r) => r.action === 'unchanged').length;
        await inPool(batches, BATCH_CONCURRENCY, async (batch) => {
          const written = await imports
            .createInvitedBatch(batch.map((row) => ({ profile: newProfile(row, at), grant: { role: 'teacher', scope: { schoolId: row.schoolId } } })), 'import')
            .catch((error: unknown) => {
              if (isRetryable(error)) return false;
              throw error;
            });
          if (written) counts.created += batch.length;
          else single.push(...batch);
        });
        await inPool(single, CONCURRENCY, async (row) => {
          counts[await applyRow(row, at)]++;
        });
        const result: ImportResult = { id, status: 'applied', ...counts, appliedAt: clock.now().toISOString() };
        await imports.markApplied(id, result);
        return result;
      } catch (error) {
        await imports.releaseApply(id);
        throw error;
      }
    },
  };
}
export type ImportService = ReturnType<typeof makeImportService>;
