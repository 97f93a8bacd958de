import { DELETION_CONFIRMATION, type DeletionPreview } from '@lianyan/shared';
import { formatDateTime } from '@/utils/time';

const DAY_MS = 86_400_000;

/** Whole days left until the erasure (at least 0). */
export function daysLeft(dueAt: string, now: Date): number {
  return Math.max(0, Math.ceil((Date.parse(dueAt) - now.getTime()) / DAY_MS));
}

/** The confirmation typed matches what the server asks for (spaces around it are forgiven). */
export const confirmed = (typed: string) => typed.trim() === DELETION_CONFIRMATION;

/** What the deletion card says: nothing pending, or the date and the days left, and that a login cancels it. */
export function deletionLine(preview: DeletionPreview, now: Date): { pending: boolean; text: string } {
  if (!preview.pending) {
    return { pending: false, text: `提交后有 ${preview.coolingOffDays} 天冷静期，期间再次登录或点“撤销注销”即取消；期满后账号注销，无法恢复。` };
  }
  const left = daysLeft(preview.pending.dueAt, now);
  return {
    pending: true,
    text: `已申请注销：账号将于 ${formatDateTime(preview.pending.dueAt)} 注销（还剩 ${left} 天）。期间再次登录即自动撤销。`,
  };
}

/** The kept archive entries as lines: date, title. */
export const retainedLines = (preview: DeletionPreview) => preview.retainedEntries.map((e) => `${e.date} ${e.title || e.kind}`);
