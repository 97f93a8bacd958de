import { describe, expect, it } from 'vitest';
import { UpdateSessionRequest, type Session } from '@lianyan/shared';
import { asEdit, defaultForm, formFromSession, pastStartWarning, validateForm, withStartDate, type SessionForm } from './form';

const now = new Date('2026-11-23T01:10:00.000Z');
const filled = () => ({ ...defaultForm(now, 'sch-core'), title: '联合教研：课堂提问', venueName: '实验小学 报告厅' });
const family = (overrides: Partial<SessionForm> = {}): SessionForm => ({
  ...filled(),
  kind: 'family_education',
  title: '家长学校：幼小衔接',
  audienceType: 'parents',
  audienceSchoolIds: ['sch-core'],
  registrationRequired: true,
  capacity: '30',
  ...overrides,
});
const saved = (input: object, overrides: Partial<Session> = {}): Session =>
  ({ ...input, id: 'ses-1', federationId: 'fed-1', organizerId: 'u-1', status: 'draft', createdAt: now.toISOString(), ...overrides }) as Session;

describe('session form', () => {
  it('starts at the next half hour in Shanghai, 90 minutes long', () => {
    const form = defaultForm(now, 'sch-core');

    expect([form.startDate, form.startTime, form.endDate, form.endTime]).toEqual(['2026-11-23', '09:30', '2026-11-23', '11:00']);
  });

  it('moves the end with the start day, also when a late-evening session ends after midnight', () => {
    const late = defaultForm(new Date('2026-12-02T14:12:00.000Z'), 'sch-core');
    expect([late.startDate, late.startTime, late.endDate, late.endTime]).toEqual(['2026-12-02', '22:30', '2026-12-03', '00:00']);

    const moved = withStartDate(late, '2027-12-02');
    expect([moved.startDate, moved.endDate]).toEqual(['2027-12-02', '2027-12-03']);
    expect(validateForm({ ...moved, title: '晚间讲座', venueName: '报告厅' }).ok).toBe(true);
    expect(withStartDate(defaultForm(now, 'sch-core'), '2026-11-20').endDate).toBe('2026-11-20');
  });

  it('turns a filled form into a valid SessionInput with UTC times and defaults', () => {
    const result = validateForm(filled());

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.input).toMatchObject({
      startAt: '2026-11-23T01:30:00.000Z',
      endAt: '2026-11-23T03:00:00.000Z',
      venue: { name: '实验小学 报告厅', radiusM: 300 },
      audience: { type: 'federation' },
      rotateSeconds: 10,
      geofence: 'off',
    });
    expect(result.input).not.toHaveProperty('lesson');
  });

  it('reports schema errors by field, with the shared messages', () => {
    const result = validateForm({ ...filled(), title: '课', creditHours: '30', rotateSeconds: '2', capacity: 'abc' });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.title).toBe('标题至少 2 个字');
    expect(result.errors.creditHours).toBe('学时应在 0 到 24 之间，最多保留一位小数');
    expect(result.errors.rotateSeconds).toBe('二维码刷新秒数应为 5 到 300 之间的整数');
    expect(result.errors.capacity).toBeTruthy();
  });

  it('requires an end after the start and a venue for an offline session', () => {
    const result = validateForm({ ...filled(), endTime: '09:00', venueName: '' });

    expect(result).toEqual({ ok: false, errors: expect.objectContaining({ endAt: '结束时间必须晚于开始时间', venue: '请填写活动地点' }) });
  });

  it('asks for the lesson of a lesson observation and the schools of a school audience', () => {
    const result = validateForm({ ...filled(), kind: 'lesson_observation', audienceType: 'schools' });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.lesson).toBeTruthy();
    expect(result.errors.audience).toBe('请至少选择一所学校');
  });

  it('asks for the subject and grade of a teaching group', () => {
    const result = validateForm({ ...filled(), audienceType: 'group', groupSubject: '语文' });

    expect(result).toEqual({ ok: false, errors: { audience: '请填写教研组的学科和年级' } });
  });

  it('round-trips a saved session', () => {
    const first = validateForm({ ...filled(), audienceType: 'group', groupSubject: '语文', groupGrade: '初一', signOutRequired: true });
    if (!first.ok) throw new Error('invalid');
    const session: Session = {
      ...first.input,
      id: 'ses-1',
      federationId: 'fed-1',
      organizerId: 'u-1',
      status: 'draft',
      createdAt: now.toISOString(),
    };

    const again = validateForm(formFromSession(session));

    expect(again).toEqual({ ok: true, input: first.input });
  });

  it('asks to pick a 中心教研组 and sends the picked group by id, round-tripping its name', () => {
    expect(validateForm({ ...filled(), audienceType: 'group' })).toEqual({ ok: false, errors: { audience: '请选择中心教研组' } });
    const picked = validateForm({ ...filled(), audienceType: 'group', groupId: 'grp-1', groupName: '四年级语文中心教研组' });
    if (!picked.ok) throw new Error('invalid');
    expect(picked.input.audience).toEqual({ type: 'group', groupId: 'grp-1' });
    const saved: Session = {
      ...picked.input,
      audience: { type: 'group', groupId: 'grp-1', name: '四年级语文中心教研组' },
      id: 'ses-2',
      federationId: 'fed-1',
      organizerId: 'u-1',
      status: 'published',
      createdAt: now.toISOString(),
    };
    expect(formFromSession(saved)).toMatchObject({ audienceType: 'group', groupId: 'grp-1', groupName: '四年级语文中心教研组', groupSubject: '', groupGrade: '' });
  });

  it('keeps an older subject-and-grade audience when editing, until a group is picked', () => {
    const old = validateForm({ ...filled(), audienceType: 'group', groupSubject: '语文', groupGrade: '初一' });
    if (!old.ok) throw new Error('invalid');
    expect(old.input.audience).toEqual({ type: 'group', subject: '语文', grade: '初一' });
    const picked = validateForm({ ...filled(), audienceType: 'group', groupSubject: '', groupGrade: '', groupId: 'grp-9' });
    if (!picked.ok) throw new Error('invalid');
    expect(picked.input.audience).toEqual({ type: 'group', groupId: 'grp-9' });
  });

  it('sends what an edit emptied as null, so the server clears it, and keeps what is filled', () => {
    const before = validateForm(family({ mode: 'online', venueName: '', onlineUrl: 'https://live.example.cn/room/1', topic: 'kindergarten_primary' }));
    const after = validateForm(family({ mode: 'online', venueName: '', onlineUrl: '', topic: '' }));
    if (!before.ok || !after.ok) throw new Error('forms should be valid');
    const edit = asEdit(after.input);
    expect(edit).toMatchObject({ onlineUrl: null, topic: null, venue: null, lesson: null, title: '家长学校：幼小衔接', capacity: 30 });
    expect(asEdit(before.input)).toMatchObject({ onlineUrl: 'https://live.example.cn/room/1', topic: 'kindergarten_primary' });
    // What the server accepts.
    expect(UpdateSessionRequest.safeParse(edit).success).toBe(true);
  });

  describe('family-education fields', () => {
    it('defaults to no speaker, topic, link or materials, deadlines at the start and a waitlist', () => {
      const form = defaultForm(now, 'sch-core');

      expect(form).toMatchObject({
        speaker: '',
        topic: '',
        onlineUrl: '',
        materials: [],
        registrationDeadlineDate: '',
        registrationDeadlineTime: '',
        cancelDeadlineDate: '',
        cancelDeadlineTime: '',
        waitlist: true,
      });
    });

    it('sends the deadlines as the start and the waitlist on when nothing was changed', () => {
      const result = validateForm(family());

      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.input).toMatchObject({
        speaker: '',
        materials: [],
        registrationDeadline: '2026-11-23T01:30:00.000Z',
        cancelDeadline: '2026-11-23T01:30:00.000Z',
        waitlist: true,
      });
      expect(result.input).not.toHaveProperty('topic');
      expect(result.input).not.toHaveProperty('onlineUrl');
    });

    it('leaves the family fields out of other kinds, and the deadlines and waitlist out without registration', () => {
      const teachers = validateForm({ ...family({ speaker: '周老师', topic: 'primary_junior', materials: [{ title: '课件', url: 'https://f.example.cn/a.pdf', kind: 'slides' }] }), kind: 'joint_research' });
      const noRegistration = validateForm(family({ registrationRequired: false, registrationDeadlineDate: '2026-11-22', registrationDeadlineTime: '18:00' }));

      if (!teachers.ok || !noRegistration.ok) throw new Error('invalid');
      for (const key of ['speaker', 'topic', 'materials', 'registrationDeadline', 'cancelDeadline', 'waitlist']) expect(teachers.input).not.toHaveProperty(key);
      for (const key of ['registrationDeadline', 'cancelDeadline', 'waitlist']) expect(noRegistration.input).not.toHaveProperty(key);
      expect(noRegistration.input).toHaveProperty('speaker', '');
    });

    it('sends the live link of an online session of any kind, and not of an offline one', () => {
      const online = validateForm({ ...filled(), mode: 'online', venueName: '', onlineUrl: ' https://live.example.cn/room/1 ' });
      const offline = validateForm({ ...filled(), onlineUrl: 'https://live.example.cn/room/1' });

      if (!online.ok || !offline.ok) throw new Error('invalid');
      expect(online.input.onlineUrl).toBe('https://live.example.cn/room/1');
      expect(offline.input).not.toHaveProperty('onlineUrl');
    });

    it('round-trips a family session: session → form → input', () => {
      const session = saved(
        {
          ...(validateForm(family({ mode: 'online', venueName: '' })) as { input: object }).input,
          speaker: '周慧敏',
          topic: 'kindergarten_primary',
          onlineUrl: 'https://live.example.cn/room/1',
          materials: [
            { title: '讲座课件', url: 'https://f.example.cn/a.pdf', kind: 'slides' },
            { title: '回放', url: 'http://v.example.cn/1', kind: 'video' },
          ],
          registrationDeadline: '2026-11-22T10:00:00.000Z',
          cancelDeadline: '2026-11-23T01:30:00.000Z',
          waitlist: false,
        },
        { status: 'published' },
      );

      const form = formFromSession(session);
      const again = validateForm(form);

      expect(form).toMatchObject({
        speaker: '周慧敏',
        topic: 'kindergarten_primary',
        onlineUrl: 'https://live.example.cn/room/1',
        registrationDeadlineDate: '2026-11-22',
        registrationDeadlineTime: '18:00',
        // At the start: shown as the default.
        cancelDeadlineDate: '',
        cancelDeadlineTime: '',
        waitlist: false,
      });
      expect(again.ok).toBe(true);
      if (!again.ok) return;
      expect(again.input).toMatchObject({
        speaker: '周慧敏',
        topic: 'kindergarten_primary',
        onlineUrl: 'https://live.example.cn/room/1',
        materials: session.materials,
        registrationDeadline: '2026-11-22T10:00:00.000Z',
        cancelDeadline: '2026-11-23T01:30:00.000Z',
        waitlist: false,
      });
    });

    it('round-trips what the form itself saved', () => {
      const first = validateForm(
        family({
          speaker: '  王老师 ',
          topic: 'junior_senior',
          materials: [{ title: ' 课件 ', url: 'https://f.example.cn/b.pptx', kind: 'link' }],
          cancelDeadlineDate: '2026-11-22',
          cancelDeadlineTime: '20:30',
        }),
      );
      if (!first.ok) throw new Error('invalid');
      expect(first.input).toMatchObject({ speaker: '王老师', materials: [{ title: '课件', url: 'https://f.example.cn/b.pptx', kind: 'link' }], cancelDeadline: '2026-11-22T12:30:00.000Z' });

      expect(validateForm(formFromSession(saved(first.input)))).toEqual({ ok: true, input: first.input });
    });

    it('reads a session without the new fields as the defaults', () => {
      const first = validateForm(family());
      if (!first.ok) throw new Error('invalid');
      const { speaker: _s, materials: _m, registrationDeadline: _r, cancelDeadline: _c, waitlist: _w, ...older } = first.input;

      const form = formFromSession(saved(older));

      expect(form).toMatchObject({ speaker: '', topic: '', materials: [], registrationDeadlineDate: '', cancelDeadlineDate: '', waitlist: true });
      expect(validateForm(form)).toEqual({ ok: true, input: first.input });
    });

    it('refuses a live link that is not http or https', () => {
      for (const onlineUrl of ['live.example.cn/room/1', 'ftp://live.example.cn/1', 'javascript:alert(1)']) {
        const result = validateForm({ ...family(), mode: 'online', venueName: '', onlineUrl });

        expect(result).toEqual({ ok: false, errors: { onlineUrl: '请填写以 http 或 https 开头的直播链接' } });
      }
    });

    it('refuses a deadline after the start, naming which one', () => {
      const result = validateForm(
        family({ registrationDeadlineDate: '2026-11-23', registrationDeadlineTime: '09:31', cancelDeadlineDate: '2026-11-24', cancelDeadlineTime: '08:00' }),
      );

      expect(result).toEqual({
        ok: false,
        errors: { registrationDeadline: '报名截止时间不能晚于活动开始时间', cancelDeadline: '取消报名截止时间不能晚于活动开始时间' },
      });
    });

    it('accepts a deadline at the start, and asks for both halves of a deadline', () => {
      expect(validateForm(family({ registrationDeadlineDate: '2026-11-23', registrationDeadlineTime: '09:30' })).ok).toBe(true);

      const result = validateForm(family({ cancelDeadlineDate: '2026-11-22', cancelDeadlineTime: '' }));

      expect(result).toEqual({ ok: false, errors: { cancelDeadline: '请选择取消报名截止时间的日期和时间' } });
    });

    it('puts a bad material under its row, and too many under the list', () => {
      const good = { title: '课件', url: 'https://f.example.cn/a.pdf', kind: 'slides' as const };
      const rows = validateForm(family({ materials: [good, { ...good, url: 'f.example.cn/b.pdf' }, { ...good, title: '  ' }] }));
      const tooMany = validateForm(family({ materials: Array.from({ length: 21 }, () => good) }));

      expect(rows).toEqual({ ok: false, errors: { 'materials.1': '请填写以 http 或 https 开头的链接', 'materials.2': '请填写资料名称' } });
      expect(tooMany).toEqual({ ok: false, errors: { materials: '最多 20 份资料' } });
      expect(validateForm(family({ materials: Array.from({ length: 20 }, () => good) })).ok).toBe(true);
    });

    it('limits the speaker to 40 characters', () => {
      const result = validateForm(family({ speaker: '讲'.repeat(41) }));

      expect(result).toEqual({ ok: false, errors: { speaker: '主讲人最多 40 个字' } });
    });
  });
});

describe('a start already past', () => {
  const now = new Date('2026-12-02T06:00:00Z');

  it('asks before saving a new session or one moved into the past, and not for one kept where it was', () => {
    expect(pastStartWarning('2026-12-01T01:00:00Z', undefined, now)).toMatch(/^开始时间 .+ 已经过去，教师到场扫码会记为迟到或已无法签到/);
    expect(pastStartWarning('2026-12-01T01:00:00Z', '2026-12-03T01:00:00Z', now)).toBeDefined();
    expect(pastStartWarning('2026-12-01T09:00:00+08:00', '2026-12-01T01:00:00.000Z', now)).toBeUndefined();
    expect(pastStartWarning('2026-12-03T01:00:00Z', undefined, now)).toBeUndefined();
  });
});
