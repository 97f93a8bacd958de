import * as z from 'zod/mini';
import {
  CreateFederationRequest,
  CreateSchoolRequest,
  UpdateRulesRequest,
  UpdateSchoolRequest,
  type FederationRules,
  type FederationWithSchools,
  type PendingSchoolMove,
  type School,
  type User,
} from '@lianyan/shared';

/** What the signed-in admin may do with the organisation. */
export function permissions(user: User) {
  const district = user.roles.some((g) => g.role === 'districtAdmin');
  const federations = new Set(user.roles.flatMap((g) => (g.role === 'federationAdmin' && 'federationId' in g.scope ? [g.scope.federationId] : [])));
  const schools = new Set(user.roles.flatMap((g) => (g.role === 'schoolAdmin' && 'schoolId' in g.scope ? [g.scope.schoolId] : [])));
  const runsFederation = (federationId: string) => district || federations.has(federationId);
  return {
    createFederation: district,
    /** Name, kind, schools, the core school. */
    runsFederation,
    /** Moving a school to another federation, and cancelling a move that waits for the next school year. */
    movesSchools: district,
    /** Address and location: the school's own admins too. */
    placesSchool: (school: School) => runsFederation(school.federationId) || schools.has(school.id),
  };
}
export type Permissions = ReturnType<typeof permissions>;

export const coreFirst = (schools: readonly School[]) =>
  [...schools].sort((a, b) => Number(b.isCore) - Number(a.isCore) || a.name.localeCompare(b.name, 'zh-CN'));

/** 「将于 2027学年 转入「城西联盟」」: a move that waits for the rollover to the school year it was asked from. */
export function pendingMoveText(move: PendingSchoolMove, federations: readonly FederationWithSchools[]): string {
  const name = federations.find((f) => f.federation.id === move.federationId)?.federation.name;
  return `将于 ${move.fromSchoolYear.slice(0, 4)}学年 转入${name ? `「${name}」` : '另一个校联体'}`;
}

export interface SetupGap {
  key: string;
  text: string;
}

/** What a district still has to set up, shown until nothing is missing. */
export function setupGaps(federations: readonly FederationWithSchools[]): SetupGap[] {
  if (federations.length === 0) return [{ key: 'no-federation', text: '还没有校联体：先新建一个校联体' }];
  return federations.flatMap(({ federation, schools }) => {
    if (schools.length === 0) return [{ key: `${federation.id}-schools`, text: `「${federation.name}」还没有学校` }];
    const gaps: SetupGap[] = [];
    if (!schools.some((s) => s.isCore)) gaps.push({ key: `${federation.id}-core`, text: `「${federation.name}」还没有核心校` });
    const unplaced = schools.filter((s) => !s.location).length;
    if (unplaced) gaps.push({ key: `${federation.id}-location`, text: `「${federation.name}」有 ${unplaced} 所学校未设置位置（签到范围默认用学校位置）` });
    return gaps;
  });
}

export interface SchoolForm {
  name: string;
  stage: School['stage'];
  rural: boolean;
  isCore: boolean;
  address: string;
  lat: string;
  lng: string;
}
export type SchoolFormErrors = Partial<Record<keyof SchoolForm | 'location', string>>;

export const emptySchoolForm = (): SchoolForm => ({ name: '', stage: 'primary', rural: false, isCore: false, address: '', lat: '', lng: '' });

export const schoolFormOf = (school: School): SchoolForm => ({
  name: school.name,
  stage: school.stage,
  rural: school.rural,
  isCore: school.isCore,
  address: school.address ?? '',
  lat: school.location ? String(school.location.lat) : '',
  lng: school.location ? String(school.location.lng) : '',
});

function location(form: SchoolForm): { lat: number; lng: number } | null | 'partial' {
  const lat = form.lat.trim();
  const lng = form.lng.trim();
  if (!lat && !lng) return null;
  if (!lat || !lng) return 'partial';
  return { lat: Number(lat), lng: Number(lng) };
}

function firstErrors(error: z.core.$ZodError): SchoolFormErrors {
  const errors: SchoolFormErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'name') as keyof SchoolFormErrors;
    errors[field] ??= issue.message;
  }
  return errors;
}

export type Checked<T> = { ok: true; request: T } | { ok: false; errors: SchoolFormErrors };

/** The new school's request, checked with the API's own schema. */
export function checkNewSchool(form: SchoolForm): Checked<CreateSchoolRequest> {
  const place = location(form);
  if (place === 'partial') return { ok: false, errors: { location: '纬度和经度要一起填写' } };
  const parsed = CreateSchoolRequest.safeParse({
    name: form.name,
    stage: form.stage,
    rural: form.rural,
    isCore: form.isCore,
    ...(form.address.trim() ? { address: form.address } : {}),
    ...(place ? { location: place } : {}),
  });
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, errors: firstErrors(parsed.error) };
}

/** Only what changed; cleared address or location are sent as null. Structural fields only for federation admins. */
export function checkSchoolChange(school: School, form: SchoolForm, structural: boolean): Checked<UpdateSchoolRequest> {
  const place = location(form);
  if (place === 'partial') return { ok: false, errors: { location: '纬度和经度要一起填写' } };
  const before = schoolFormOf(school);
  const change: Record<string, unknown> = {};
  if (structural) {
    if (form.name.trim() !== school.name) change.name = form.name;
    if (form.stage !== school.stage) change.stage = form.stage;
    if (form.rural !== school.rural) change.rural = form.rural;
    if (form.isCore && !school.isCore) change.isCore = true;
  }
  if (form.address.trim() !== before.address) change.address = form.address.trim() ? form.address : null;
  if (form.lat.trim() !== before.lat || form.lng.trim() !== before.lng) change.location = place;
  const parsed = UpdateSchoolRequest.safeParse(change);
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, errors: firstErrors(parsed.error) };
}

export function checkNewFederation(name: string, kind: string): { ok: true; request: CreateFederationRequest } | { ok: false; error: string } {
  const parsed = CreateFederationRequest.safeParse({ name, kind });
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? '请检查名称和类型' };
}

/** 学期指标 a federation admin sets: whole numbers a semester (the rest of the rules keep their values). */
export const RULE_FIELDS = [
  { key: 'onlineJointResearchPerSemester', label: '线上联合教研（次）' },
  { key: 'offlineJointResearchPerSemester', label: '线下联合教研（次）' },
  { key: 'mentorPairsPerSemester', label: '师徒结对（对）' },
  { key: 'exchangeCadresPerSemester', label: '校干挂职交流（人）' },
  { key: 'exchangeBackbonePerSemester', label: '骨干教师支教、走教（人）' },
  { key: 'parentSchoolActivitiesPerSemester', label: '家长学校活动（次）' },
] as const;
export type RuleKey = (typeof RULE_FIELDS)[number]['key'];
export type RulesForm = Record<RuleKey, string>;

export const rulesFormOf = (rules: FederationRules): RulesForm =>
  Object.fromEntries(RULE_FIELDS.map(({ key }) => [key, String(rules[key])])) as RulesForm;

/** The changed rules, checked by the API's schema (its bounds and messages); nothing changed is said, not sent. */
export function checkRules(form: RulesForm, rules: FederationRules): { ok: true; request: UpdateRulesRequest } | { ok: false; errors: Partial<RulesForm>; message?: string } {
  const changed: Record<string, number> = {};
  const errors: Partial<RulesForm> = {};
  for (const { key, label } of RULE_FIELDS) {
    const text = form[key].trim();
    if (text === String(rules[key])) continue;
    // An empty or non-numeric entry is not 0: say so instead of letting Number('') pass.
    if (!/^-?\d+(\.\d+)?$/.test(text)) errors[key] = `请填写${label.replace(/（.*）/, '')}的数量`;
    else changed[key] = Number(text);
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  if (!Object.keys(changed).length) return { ok: false, errors: {}, message: '没有修改任何指标' };
  const parsed = UpdateRulesRequest.safeParse(changed);
  if (parsed.success) return { ok: true, request: parsed.data };
  for (const issue of parsed.error.issues) errors[String(issue.path[0]) as RuleKey] ??= issue.message;
  return { ok: false, errors };
}
