import { reflectionLength, type MyReflection } from '@lianyan/shared';
import { formatDateTime } from '../../../utils/time';

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

/** The counter under the text box: `123 / 至少 800 字`. */
export function counterLabel(text: string, minLength: number): { label: string; short: boolean } {
  const length = reflectionLength(text);
  return { label: minLength > 0 ? `${length} / 至少 ${minLength} 字` : `${length} 字`, short: length < minLength };
}
