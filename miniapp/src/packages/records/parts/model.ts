import * as z from 'zod/mini';
import {
  BRIEFING_PHOTOS_MAX,
  ReflectionSettingsRequest,
  REFLECTION_TEXT_MAX,
  reflectionLength,
  SESSION_FILE_CATEGORIES,
  SESSION_FILE_CATEGORY_LABELS,
  type FederationWithSchools,
  type MyReflection,
  type RecordsStatus,
  type RecordsStatusItem,
  type Reflection,
  type ReflectionSettings,
  type SessionFile,
  type SessionFileCategory,
  type User,
} from '@lianyan/shared';
import type { PickKind } from '@/platform/evidence-types';
import { formatDateTime, fromDateTimeInputs, toDateInput, toTimeInput } from '@/utils/time';

export { reflectionLength };

/** One line under the title: where the reflection stands and until when it may change. */
export function reflectionStatusLine(mine: MyReflection, nowMs: number): string {
  const { settings, reflection } = mine;
  if (!settings) return '组织者还没有布置本次活动的心得';
  const deadline = `截止 ${formatDateTime(settings.deadline)}`;
  const past = nowMs > Date.parse(settings.deadline);
  if (!reflection) return past ? `${deadline}（已过截止时间，提交将标记为逾期）` : deadline;
  if (reflection.status === 'draft') return `草稿已保存 · ${past ? '已过截止时间，提交将标记为逾期' : deadline}`;
  const late = reflection.late ? '（逾期提交）' : '';
  return mine.editable ? `已提交第 ${reflection.version} 版${late} · ${deadline}前可修改` : `已提交${late} · 已截止，不能再修改`;
}

/** The counter under the text box: `123 / 至少 800 字`; once the box holds its maximum, that the rest did not go in. */
export function counterLabel(text: string, minLength: number, max = REFLECTION_TEXT_MAX): { label: string; short: boolean } {
  const length = reflectionLength(text);
  const label = minLength > 0 ? `${length} / 至少 ${minLength} 字` : `${length} 字`;
  return { label: text.length >= max ? `${label}，已到上限 ${max} 字，超出的部分没有填入` : label, short: length < minLength };
}

// 活动档案 (organizer): files, the reflection request, excerpts, briefing photos.

export type Loadable<T> = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; data: T };

/** The session's files by category, in the record's order (方案, 日程, 课件, 照片, 其他); empty categories left out. */
export function groupFiles(files: readonly SessionFile[]): Array<{ category: SessionFileCategory; label: string; files: SessionFile[] }> {
  return SESSION_FILE_CATEGORIES.map((category) => ({
    category,
    label: SESSION_FILE_CATEGORY_LABELS[category],
    files: files.filter((f) => f.category === category),
  })).filter((group) => group.files.length > 0);
}

/** The pick buttons for a category: photos come from the album or camera; documents as the platform offers them. */
export function pickersFor(category: SessionFileCategory, pickers: ReadonlyArray<{ kind: PickKind; label: string }>): ReadonlyArray<{ kind: PickKind; label: string }> {
  return category === 'photo' ? [{ kind: 'image', label: '选择照片' }] : pickers;
}

/** Photos must be images (a browser's picker can be talked out of its filter); documents may be PDF or images. */
export function acceptedFiles<T extends { name: string; contentType: string }>(category: SessionFileCategory, files: readonly T[]): { kept: T[]; rejected: string[] } {
  if (category !== 'photo') return { kept: [...files], rejected: [] };
  return {
    kept: files.filter((f) => f.contentType.startsWith('image/')),
    rejected: files.filter((f) => !f.contentType.startsWith('image/')).map((f) => f.name),
  };
}

const DAY_MS = 86_400_000;
export interface RequestForm {
  minLength: string;
  date: string;
  time: string;
  prompt: string;
}

/** The request form's starting values: what is asked now, else 300 字 due a week after the session ends, at 22:00. */
export function requestForm(settings: ReflectionSettings | undefined, sessionEndAt: string): RequestForm {
  if (settings) {
    return { minLength: String(settings.minLength), date: toDateInput(settings.deadline), time: toTimeInput(settings.deadline), prompt: settings.prompt };
  }
  return { minLength: '300', date: toDateInput(new Date(Date.parse(sessionEndAt) + 7 * DAY_MS).toISOString()), time: '22:00', prompt: '' };
}

/** The form checked with the API's schema; errors keyed by the form's fields (minLength, deadline, prompt). */
export function checkRequestForm(form: RequestForm): { ok: true; request: ReflectionSettingsRequest } | { ok: false; errors: Record<string, string> } {
  const text = form.minLength.trim();
  if (!/^\d+$/.test(text)) return { ok: false, errors: { minLength: text ? '字数要求应为整数' : '请填写字数要求（不限可填 0）' } };
  const deadline = fromDateTimeInputs(form.date, form.time);
  if (!deadline) return { ok: false, errors: { deadline: '请选择截止时间' } };
  const parsed = ReflectionSettingsRequest.safeParse({ minLength: Number(text), deadline, prompt: form.prompt });
  if (parsed.success) return { ok: true, request: parsed.data };
  return { ok: false, errors: firstOfEach(z.flattenError(parsed.error).fieldErrors) };
}

function firstOfEach(fieldErrors: Record<string, string[] | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldErrors).flatMap(([key, messages]) => (messages?.[0] ? [[key, messages[0]]] : [])));
}

/** Submitted reflections first, in the order they came in; then drafts, the latest first. */
export function sortReflections(items: readonly Reflection[]): Reflection[] {
  const submitted = items.filter((r) => r.status === 'submitted').sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));
  const drafts = items.filter((r) => r.status !== 'submitted').sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return [...submitted, ...drafts];
}

/** What the server takes when an excerpt is left as it is: the reflection's first 200 characters. */
const EXCERPT_DEFAULT_CHARS = 200;
const EXCERPT_MAX = 500;

/** The excerpt box's starting text, for the organizer to trim to the passage they want. */
export const excerptDraft = (text: string) => [...text].slice(0, EXCERPT_DEFAULT_CHARS).join('').trim();

/** Why an excerpt would be refused, checked as the server does: a passage of the reflection, word for word. */
export function excerptProblem(reflection: string, excerpt: string): string | null {
  const text = excerpt.trim();
  if (!text) return '摘录不能为空';
  if (text.length > EXCERPT_MAX) return `摘录最多 ${EXCERPT_MAX} 字`;
  if (!reflection.includes(text)) return '摘录必须是心得原文中连续的一段：可以删去前后的文字，不能改写';
  return null;
}

/** The server's field errors (`items.2.text`) for the excerpts sent, by the author's user id. */
export function excerptErrors(fieldErrors: Record<string, string[]>, userIds: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const index = /^items\.(\d+)\./.exec(key)?.[1];
    const userId = index === undefined ? undefined : userIds[Number(index)];
    if (userId && messages[0] && !out[userId]) out[userId] = messages[0];
  }
  return out;
}

/** The photos chosen for the briefing (`featured`), in the briefing's order. */
export function chosenPhotos(files: readonly SessionFile[], briefingOrder: readonly string[]): string[] {
  const featured = files.filter((f) => f.category === 'photo' && f.featured).map((f) => f.id);
  const ordered = briefingOrder.filter((id) => featured.includes(id));
  return [...ordered, ...featured.filter((id) => !ordered.includes(id))];
}

/** Adds a photo to the end of the choice or takes it out; null when the choice is full. */
export function togglePhoto(chosen: readonly string[], id: string, max = BRIEFING_PHOTOS_MAX): string[] | null {
  if (chosen.includes(id)) return chosen.filter((x) => x !== id);
  return chosen.length >= max ? null : [...chosen, id];
}

/** Moves a chosen photo one place earlier (-1) or later (+1). */
export function movePhoto(chosen: readonly string[], id: string, delta: -1 | 1): string[] {
  const from = chosen.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= chosen.length) return [...chosen];
  const next = [...chosen];
  next[from] = chosen[to] as string;
  next[to] = id;
  return next;
}

/** As the printed briefing shows it: `87.5%`, `—` when nobody was expected. */
export const attendanceRate = (f: { expected: number; signedIn: number }) => (f.expected ? `${Math.round((f.signedIn / f.expected) * 1000) / 10}%` : '—');

/** A bundle's entries by folder: `01-活动方案/方案.pdf` → folder `01-活动方案`, name `方案.pdf`. */
export function bundleFolders(entries: readonly string[]): Array<{ folder: string; names: string[] }> {
  const folders: Array<{ folder: string; names: string[] }> = [];
  for (const entry of entries) {
    const slash = entry.indexOf('/');
    const folder = slash > 0 ? entry.slice(0, slash) : '';
    const name = slash > 0 ? entry.slice(slash + 1) : entry;
    const last = folders[folders.length - 1];
    if (last?.folder === folder) last.names.push(name);
    else folders.push({ folder, names: [name] });
  }
  return folders;
}

// 活动档案情况 (admins).

/** The federations whose records the user may review: all for a district admin, else those they organize or administer or host schools in. */
export function recordsFederations(user: User, federations: readonly FederationWithSchools[]): Array<{ id: string; name: string }> {
  const district = user.roles.some((g) => g.role === 'districtAdmin');
  const federationIds = new Set(
    user.roles.flatMap((g) => ((g.role === 'organizer' || g.role === 'federationAdmin') && 'federationId' in g.scope ? [g.scope.federationId] : [])),
  );
  const schoolIds = new Set(user.roles.flatMap((g) => (g.role === 'schoolAdmin' && 'schoolId' in g.scope ? [g.scope.schoolId] : [])));
  return federations
    .filter((f) => district || federationIds.has(f.federation.id) || f.schools.some((s) => schoolIds.has(s.id)))
    .map((f) => ({ id: f.federation.id, name: f.federation.name }));
}

/** The rows to show: with 只看缺档案, finished sessions with gaps only. */
export function statusRows(items: readonly RecordsStatusItem[], onlyMissing: boolean): RecordsStatusItem[] {
  return onlyMissing ? items.filter((i) => i.missing.length > 0) : [...items];
}

/** The row's badge: 未结束, 缺档案 or 完整. */
export function recordBadge(item: RecordsStatusItem): { label: string; tone: 'muted' | 'bad' | 'ok' } {
  if (!item.finished) return { label: '未结束', tone: 'muted' };
  return item.missing.length ? { label: '缺档案', tone: 'bad' } : { label: '完整', tone: 'ok' };
}

export const percentOf = (rate: number) => `${Math.round(rate * 100)}%`;

/** `照片 3 · 方案 1 · 心得 12/15（80%）`; `未布置心得` when none was asked for. */
export function recordFigures(item: RecordsStatusItem): string {
  const reflection = item.reflection
    ? item.finished
      ? `心得 ${item.reflection.submitted}/${item.signedIn}（${percentOf(item.reflection.rate)}）${item.reflection.due ? '' : '，未截止'}`
      : `心得已布置，${formatDateTime(item.reflection.deadline)} 截止`
    : '未布置心得';
  return `照片 ${item.files.photo} · 方案 ${item.files.plan} · ${reflection}`;
}

/** What the empty list says, which depends on the filter. */
export function statusEmpty(status: RecordsStatus, onlyMissing: boolean): { title: string; hint: string } | null {
  if (status.items.length === 0) return { title: '本学期还没有活动', hint: '发布的活动结束后，这里会显示其档案是否完整。' };
  if (onlyMissing && !status.items.some((i) => i.missing.length > 0)) {
    return status.totals.finished
      ? { title: '已结束活动的档案都已完整', hint: '关闭「只看缺档案」可查看全部活动。' }
      : { title: '本学期的活动还没有结束', hint: '活动结束后，这里会列出缺少照片、方案或心得的活动。' };
  }
  return null;
}
