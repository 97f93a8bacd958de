import { CAMPAIGN_PERIOD_LABELS, periodLabel, type Campaign, type CampaignPeriod, type PeriodState } from '@lianyan/shared';

export const CHECKIN_PAGES = {
  campaign: '/packages/checkin/campaign/index',
  edit: '/packages/checkin/edit/index',
  completion: '/packages/checkin/completion/index',
  manage: '/packages/checkin/manage/index',
} as const;

export const PERIOD_STATE_LABELS: Record<PeriodState, string> = { done: '已打卡', makeup: '已补卡', missed: '未打卡', open: '本期', upcoming: '未开始' };

/** `每月 · 共 3 次 · 至少 50 字、1 张照片`: what a campaign asks for, in one line. */
export function requirementLine(c: Pick<Campaign, 'period' | 'requiredCount' | 'minTextLength' | 'minPhotos' | 'makeupAllowance'>): string {
  const needs = [c.minTextLength > 0 ? `至少 ${c.minTextLength} 字` : '', c.minPhotos > 0 ? `${c.minPhotos} 张照片` : ''].filter(Boolean).join('、');
  return [`${CAMPAIGN_PERIOD_LABELS[c.period]}打卡`, `共需 ${c.requiredCount} 次`, needs, c.makeupAllowance > 0 ? `可补卡 ${c.makeupAllowance} 次` : ''].filter(Boolean).join(' · ');
}

/** A period in a calendar cell: `23` (day), `11/23` (the week's Monday), `11月`, or the semester's label. */
export function cellLabel(kind: CampaignPeriod, period: string, from: string): string {
  if (kind === 'daily') return String(Number(period.slice(8)));
  if (kind === 'weekly') return `${Number(from.slice(5, 7))}/${Number(from.slice(8))}`;
  if (kind === 'monthly') return `${Number(period.slice(5))}月`;
  return periodLabel(kind, period);
}

/** Characters as the server counts them (code points), after trimming. */
export const textLength = (text: string) => [...text.trim()].length;

/** A fresh id per submission: a double tap or a retry of the same submission sends the same one. */
export function newRequestId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
