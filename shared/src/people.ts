import * as z from 'zod/mini';
import { Cursor, Id, PersonName } from './common.ts';
import { Phone } from './family.ts';
import { integer, line } from './fields.ts';
import { Position } from './users.ts';

// A school's teachers (教师名册): imported or added before they ever log in, claimed later by phone.

export const TITLES = ['backbone', 'subject_leader', 'famous', 'expert', 'special'] as const;
export const Title = z.enum(TITLES);
export type Title = z.infer<typeof Title>;
export const TITLE_LABELS: Record<Title, string> = {
  backbone: '骨干教师',
  subject_leader: '学科带头人',
  famous: '名师',
  expert: '教学能手',
  special: '特级教师',
};

/** `invited`: on the roster, never logged in; `active`: logged in; `left`: no longer at any school. */
const PERSON_STATUSES = ['invited', 'active', 'left'] as const;
export const PersonStatus = z.enum(PERSON_STATUSES);
export type PersonStatus = z.infer<typeof PersonStatus>;

const Word = (what: string) => line(what, 10, 1);
const list = <T extends z.ZodMiniType>(item: T, what: string) => z.array(item).check(z.maxLength(6, `${what}最多 6 个`));

const Subjects = list(Word('学科'), '学科');
const Grades = list(Word('年级'), '年级');
const Titles = list(Title, '称号');

export const Person = z.object({
  id: Id,
  name: z.string(),
  /** Only ever masked (138****5678) outside the server. */
  phoneMasked: z.optional(z.string()),
  position: z.optional(Position),
  subjects: z.array(z.string()),
  grades: z.array(z.string()),
  titles: z.array(Title),
  status: PersonStatus,
  /** The schools where this person teaches (a person in two schools is one person). */
  schoolIds: z.array(Id),
  admin: z.boolean(),
});
export type Person = z.infer<typeof Person>;

export const PeoplePage = z.object({ items: z.array(Person), cursor: z.optional(z.string()) });
export type PeoplePage = z.infer<typeof PeoplePage>;

export const ListPeopleQuery = z.strictObject({
  q: z.optional(line('搜索词', 20)),
  cursor: z.optional(Cursor),
  /** Page size, 50 unless asked. */
  limit: z.optional(integer('每页条数', 1, 100, { coerce: true })),
});
export type ListPeopleQuery = z.infer<typeof ListPeopleQuery>;

export const CreatePersonRequest = z.strictObject({
  name: PersonName,
  phone: Phone,
  position: z._default(Position, 'teacher'),
  subjects: z._default(Subjects, []),
  grades: z._default(Grades, []),
  titles: z._default(Titles, []),
});
export type CreatePersonRequest = z.infer<typeof CreatePersonRequest>;

export const UpdatePersonRequest = z.strictObject({
  name: z.optional(PersonName),
  phone: z.optional(Phone),
  position: z.optional(Position),
  subjects: z.optional(Subjects),
  grades: z.optional(Grades),
  titles: z.optional(Titles),
});
export type UpdatePersonRequest = z.infer<typeof UpdatePersonRequest>;

export const LeaveRequest = z.strictObject({ schoolId: Id });
export type LeaveRequest = z.infer<typeof LeaveRequest>;
