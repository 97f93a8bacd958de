import { describe, expect, it } from 'vitest';
import type { FederationWithSchools, MyReflection, RecordsStatus, RecordsStatusItem, Reflection, SessionFile, User } from '@lianyan/shared';
import {
  acceptedFiles,
  attendanceRate,
  bundleFolders,
  checkRequestForm,
  chosenPhotos,
  counterLabel,
  excerptDraft,
  excerptErrors,
  excerptProblem,
  groupFiles,
  movePhoto,
  pickersFor,
  recordBadge,
  recordFigures,
  recordsFederations,
  reflectionStatusLine,
  requestForm,
  sortReflections,
  statusEmpty,
  statusRows,
  togglePhoto,
} from './model';

const settings = { sessionId: 's1', minLength: 800, deadline: '2026-11-30T10:00:00.000Z', prompt: '', excerpts: [], updatedBy: 'u-o', updatedAt: '2026-11-23T08:00:00.000Z' };
const reflection = {
  sessionId: 's1',
  userId: 'u1',
  name: '王芳',
  text: '收获',
  status: 'submitted' as const,
  late: false,
  version: 2,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-24T08:00:00.000Z',
};
const before = Date.parse('2026-11-25T00:00:00Z');
const after = Date.parse('2026-12-01T00:00:00Z');

describe('reflection page helpers', () => {
  it('says where the reflection stands and until when it may change', () => {
    const mine = (over: Partial<MyReflection>): MyReflection => ({ history: [], editable: true, ...over });
    expect(reflectionStatusLine(mine({}), before)).toBe('组织者还没有布置本次活动的心得');
    expect(reflectionStatusLine(mine({ settings }), before)).toBe('截止 11月30日 18:00');
    expect(reflectionStatusLine(mine({ settings }), after)).toBe('截止 11月30日 18:00（已过截止时间，提交将标记为逾期）');
    expect(reflectionStatusLine(mine({ settings, reflection: { ...reflection, status: 'draft', version: 0 } }), before)).toBe('草稿已保存 · 截止 11月30日 18:00');
    expect(reflectionStatusLine(mine({ settings, reflection }), before)).toBe('已提交第 2 版 · 截止 11月30日 18:00前可修改');
    expect(reflectionStatusLine(mine({ settings, reflection: { ...reflection, late: true }, editable: false }), after)).toBe('已提交（逾期提交） · 已截止，不能再修改');
  });

  it('counts like the server: white space does not count', () => {
    expect(counterLabel('同课 异构\n很好', 800)).toEqual({ label: '6 / 至少 800 字', short: true });
    expect(counterLabel('好', 0)).toEqual({ label: '1 字', short: false });
    expect(counterLabel('字'.repeat(50), 0, 50)).toEqual({ label: '50 字，已到上限 50 字，超出的部分没有填入', short: false });
  });
});

const file = (id: string, category: SessionFile['category'], extra: Partial<SessionFile> = {}): SessionFile => ({
  id,
  sessionId: 's1',
  category,
  name: `${id}.png`,
  contentType: 'image/png',
  size: 1000,
  uploadedBy: 'u-o',
  uploadedAt: '2026-11-23T08:00:00.000Z',
  ...extra,
});

describe('files of the record', () => {
  it('groups files by category in the record order, leaving empty categories out', () => {
    const groups = groupFiles([file('p1', 'photo'), file('plan', 'plan', { contentType: 'application/pdf' }), file('p2', 'photo'), file('x', 'other')]);
    expect(groups.map((g) => [g.label, g.files.map((f) => f.id)])).toEqual([
      ['活动方案', ['plan']],
      ['活动照片', ['p1', 'p2']],
      ['其他材料', ['x']],
    ]);
    expect(groupFiles([])).toEqual([]);
  });

  it('offers photo pickers for photos and the platform pickers for documents, and keeps only images as photos', () => {
    const pickers = [
      { kind: 'image' as const, label: '添加图片' },
      { kind: 'pdf' as const, label: '从聊天选择 PDF' },
    ];
    expect(pickersFor('photo', pickers)).toEqual([{ kind: 'image', label: '选择照片' }]);
    expect(pickersFor('plan', pickers)).toBe(pickers);
    const picked = [
      { name: '现场.jpg', contentType: 'image/jpeg' },
      { name: '方案.pdf', contentType: 'application/pdf' },
    ];
    expect(acceptedFiles('photo', picked)).toEqual({ kept: [picked[0]], rejected: ['方案.pdf'] });
    expect(acceptedFiles('plan', picked)).toEqual({ kept: picked, rejected: [] });
  });
});

describe('reflection request form', () => {
  it('starts from the request, else 300 字 due a week after the session at 22:00 (Shanghai)', () => {
    expect(requestForm(undefined, '2026-11-23T03:30:00.000Z')).toEqual({ minLength: '300', date: '2026-11-30', time: '22:00', prompt: '' });
    expect(requestForm({ ...settings, prompt: '谈收获' }, '2026-11-23T03:30:00.000Z')).toEqual({ minLength: '800', date: '2026-11-30', time: '18:00', prompt: '谈收获' });
  });

  it('checks the form with the API schema and sends the deadline as UTC', () => {
    expect(checkRequestForm({ minLength: '500', date: '2026-11-30', time: '22:00', prompt: ' 结合课堂谈收获 ' })).toEqual({
      ok: true,
      request: { minLength: 500, deadline: '2026-11-30T14:00:00.000Z', prompt: '结合课堂谈收获' },
    });
    expect(checkRequestForm({ minLength: '', date: '2026-11-30', time: '22:00', prompt: '' })).toEqual({ ok: false, errors: { minLength: '请填写字数要求（不限可填 0）' } });
    expect(checkRequestForm({ minLength: '1.5', date: '2026-11-30', time: '22:00', prompt: '' })).toEqual({ ok: false, errors: { minLength: '字数要求应为整数' } });
    expect(checkRequestForm({ minLength: '6000', date: '2026-11-30', time: '22:00', prompt: '' })).toEqual({ ok: false, errors: { minLength: '字数要求应为 0 到 5000 之间的整数' } });
    expect(checkRequestForm({ minLength: '0', date: '', time: '22:00', prompt: '' })).toEqual({ ok: false, errors: { deadline: '请选择截止时间' } });
    expect(checkRequestForm({ minLength: '0', date: '2026-11-30', time: '22:00', prompt: '很'.repeat(201) })).toEqual({ ok: false, errors: { prompt: '要求说明最多 200 个字' } });
  });
});

describe('reflections and excerpts', () => {
  const r = (userId: string, over: Partial<Reflection>): Reflection => ({ ...reflection, userId, ...over });

  it('lists submitted reflections in the order they came in, then drafts, latest first', () => {
    const items = [
      r('d-old', { status: 'draft', updatedAt: '2026-11-24T01:00:00.000Z' }),
      r('s-late', { submittedAt: '2026-11-25T01:00:00.000Z' }),
      r('d-new', { status: 'draft', updatedAt: '2026-11-25T02:00:00.000Z' }),
      r('s-early', { submittedAt: '2026-11-24T01:00:00.000Z' }),
    ];
    expect(sortReflections(items).map((x) => x.userId)).toEqual(['s-early', 's-late', 'd-new', 'd-old']);
  });

  it('prefills the excerpt with the first 200 characters, as the server would take them', () => {
    const long = `${'教'.repeat(150)}😀${'研'.repeat(100)}`;
    const draft = excerptDraft(long);
    expect(draft).toBe(`${'教'.repeat(150)}😀${'研'.repeat(49)}`);
    expect(excerptDraft('  短短的心得  ')).toBe('短短的心得');
  });

  it('accepts a word-for-word passage and explains anything else', () => {
    const text = '目标要可检测，活动要围绕目标展开，评价要贯穿始终。下周我会试一试。';
    expect(excerptProblem(text, ' 活动要围绕目标展开，评价要贯穿始终。 ')).toBeNull();
    expect(excerptProblem(text, '')).toBe('摘录不能为空');
    expect(excerptProblem(text, '活动必须围绕目标展开')).toContain('摘录必须是心得原文中连续的一段');
    expect(excerptProblem('好'.repeat(600), '好'.repeat(501))).toBe('摘录最多 500 字');
  });

  it("maps the server's field errors back to the reflections' authors", () => {
    expect(excerptErrors({ 'items.1.text': ['摘录与原文不一致'], 'items.0.userId': ['该教师还没有提交心得'], other: ['x'] }, ['u1', 'u2'])).toEqual({
      u1: '该教师还没有提交心得',
      u2: '摘录与原文不一致',
    });
  });
});

describe('briefing photos', () => {
  it("starts from the featured photos in the briefing's order", () => {
    const files = [file('a', 'photo', { featured: true }), file('b', 'photo'), file('c', 'photo', { featured: true }), file('d', 'plan', { featured: true })];
    expect(chosenPhotos(files, ['c', 'a'])).toEqual(['c', 'a']);
    expect(chosenPhotos(files, [])).toEqual(['a', 'c']);
    expect(chosenPhotos([file('b', 'photo')], ['b'])).toEqual([]);
  });

  it('toggles up to six photos and moves them within the choice', () => {
    expect(togglePhoto(['a'], 'b')).toEqual(['a', 'b']);
    expect(togglePhoto(['a', 'b'], 'a')).toEqual(['b']);
    expect(togglePhoto(['1', '2', '3', '4', '5', '6'], '7')).toBeNull();
    expect(togglePhoto(['1', '2', '3', '4', '5', '6'], '3')).toEqual(['1', '2', '4', '5', '6']);
    expect(movePhoto(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(movePhoto(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
    expect(movePhoto(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(movePhoto(['a', 'b', 'c'], 'x', 1)).toEqual(['a', 'b', 'c']);
  });

  it('shows the attendance rate as the printed briefing does', () => {
    expect(attendanceRate({ expected: 8, signedIn: 7 })).toBe('87.5%');
    expect(attendanceRate({ expected: 3, signedIn: 2 })).toBe('66.7%');
    expect(attendanceRate({ expected: 0, signedIn: 0 })).toBe('—');
  });

  it('lists the bundle by folder', () => {
    expect(bundleFolders(['01-活动方案/方案.pdf', '04-签到表/签到表.xlsx', '05-活动照片/1.png', '05-活动照片/2.png', 'readme.txt'])).toEqual([
      { folder: '01-活动方案', names: ['方案.pdf'] },
      { folder: '04-签到表', names: ['签到表.xlsx'] },
      { folder: '05-活动照片', names: ['1.png', '2.png'] },
      { folder: '', names: ['readme.txt'] },
    ]);
  });
});

describe('活动档案情况', () => {
  const federation = (id: string, schoolIds: string[]): FederationWithSchools =>
    ({
      federation: { id, name: `校联体 ${id}`, kind: 'urban_rural', coreSchoolId: schoolIds[0] ?? '', district: '明湖区' },
      schools: schoolIds.map((s) => ({ id: s, name: s, federationId: id, stage: 'primary', rural: false, isCore: false })),
      rules: {},
    }) as unknown as FederationWithSchools;
  const user = (roles: User['roles']): User => ({ id: 'u', name: '王', roles }) as unknown as User;
  const all = [federation('f1', ['s1', 's2']), federation('f2', ['s3'])];

  it('offers the federations the user organizes, administers or hosts schools in; all to a district admin', () => {
    expect(recordsFederations(user([{ role: 'districtAdmin', scope: {} }]), all).map((f) => f.id)).toEqual(['f1', 'f2']);
    expect(recordsFederations(user([{ role: 'organizer', scope: { federationId: 'f2' } }]), all).map((f) => f.id)).toEqual(['f2']);
    expect(recordsFederations(user([{ role: 'federationAdmin', scope: { federationId: 'f1' } }]), all).map((f) => f.id)).toEqual(['f1']);
    expect(recordsFederations(user([{ role: 'schoolAdmin', scope: { schoolId: 's2' } }]), all)).toEqual([{ id: 'f1', name: '校联体 f1' }]);
    expect(recordsFederations(user([{ role: 'teacher', scope: { schoolId: 's3' } }]), all)).toEqual([]);
  });

  const item = (over: Partial<RecordsStatusItem>): RecordsStatusItem => ({
    sessionId: 's',
    title: '联合教研',
    kind: 'joint_research',
    startAt: '2026-11-20T01:00:00.000Z',
    endAt: '2026-11-20T03:00:00.000Z',
    hostSchoolId: 'sch-core',
    hostSchoolName: '明湖区实验小学',
    files: { plan: 1, schedule: 0, courseware: 0, photo: 3, other: 0 },
    signedIn: 15,
    missing: [],
    finished: true,
    ...over,
  });
  const status = (items: RecordsStatusItem[]): RecordsStatus => ({
    federationId: 'f1',
    semester: '2026-2027-1',
    minRate: 0.8,
    items,
    totals: { sessions: items.length, finished: items.filter((i) => i.finished).length, complete: 0, missing: items.filter((i) => i.missing.length).length },
  });

  it('filters to the sessions with gaps and labels each row', () => {
    const complete = item({ sessionId: 'ok' });
    const gaps = item({ sessionId: 'gap', missing: ['photos', 'reflections'], files: { plan: 1, schedule: 0, courseware: 0, photo: 0, other: 0 } });
    const upcoming = item({ sessionId: 'up', finished: false, signedIn: 0 });
    expect(statusRows([complete, gaps, upcoming], true).map((i) => i.sessionId)).toEqual(['gap']);
    expect(statusRows([complete, gaps, upcoming], false)).toHaveLength(3);
    expect([complete, gaps, upcoming].map((i) => recordBadge(i).label)).toEqual(['完整', '缺档案', '未结束']);

    expect(recordFigures(complete)).toBe('照片 3 · 方案 1 · 未布置心得');
    const reflection = { deadline: '2026-11-27T14:00:00.000Z', minLength: 300, submitted: 9, rate: 0.6, due: true };
    expect(recordFigures({ ...gaps, reflection })).toBe('照片 0 · 方案 1 · 心得 9/15（60%）');
    expect(recordFigures({ ...complete, reflection: { ...reflection, due: false } })).toBe('照片 3 · 方案 1 · 心得 9/15（60%），未截止');
    expect(recordFigures({ ...upcoming, reflection })).toBe('照片 3 · 方案 1 · 心得已布置，11月27日 22:00 截止');
  });

  it('says why the list is empty', () => {
    expect(statusEmpty(status([]), true)?.title).toBe('本学期还没有活动');
    expect(statusEmpty(status([item({})]), true)?.title).toBe('已结束活动的档案都已完整');
    expect(statusEmpty(status([item({ finished: false })]), true)?.title).toBe('本学期的活动还没有结束');
    expect(statusEmpty(status([item({})]), false)).toBeNull();
    expect(statusEmpty(status([item({ missing: ['plan'] })]), true)).toBeNull();
  });
});
