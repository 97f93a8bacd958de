import { REGISTRATION_STATUS_LABELS, TRANSITION_TOPIC_LABELS, TRANSITION_TOPICS, type FamilySessionItem, type TransitionTopic } from '@lianyan/shared';
import type { Tone } from '@/utils/labels';

export const TOPIC_FILTERS: ReadonlyArray<{ value: TransitionTopic | 'all'; label: string }> = [
  { value: 'all', label: '全部' },
  ...TRANSITION_TOPICS.map((value) => ({ value, label: TRANSITION_TOPIC_LABELS[value] })),
];

export type FamilyAction = 'register' | 'cancel' | 'none';

export interface FamilyRowState {
  badge: { label: string; tone: Tone };
  action: FamilyAction;
  actionLabel?: string;
  /** One line under the title: seats, or why nothing can be done. */
  note?: string;
}

const ATTENDED = new Set(['on_time', 'late', 'left_early']);

/** What a family session row shows and which button it offers, from the parent's registration and the clock. */
export function familyRowState(item: FamilySessionItem, now: number): FamilyRowState {
  const { session, registration, attendance, seatsLeft, waitlistPosition } = item;
  const seats = session.capacity === undefined ? undefined : seatsLeft === 0 ? '名额已满' : `剩余 ${seatsLeft ?? session.capacity} 个名额`;
  if (session.status === 'cancelled') return { badge: { label: '已取消', tone: 'bad' }, action: 'none', note: session.cancelReason ?? '活动已取消' };
  if (attendance && ATTENDED.has(attendance.status)) return { badge: { label: '已参加', tone: 'ok' }, action: 'none' };
  if (Date.parse(session.endAt) < now || session.status === 'closed') return { badge: { label: '已结束', tone: 'muted' }, action: 'none' };
  if (!session.registrationRequired) return { badge: { label: '无需报名', tone: 'info' }, action: 'none', note: '到场扫码签到即可' };
  const cancelBy = Date.parse(session.cancelDeadline ?? session.startAt);
  if (registration?.status === 'registered') {
    return now < cancelBy
      ? { badge: { label: REGISTRATION_STATUS_LABELS.registered, tone: 'ok' }, action: 'cancel', actionLabel: '取消报名' }
      : { badge: { label: REGISTRATION_STATUS_LABELS.registered, tone: 'ok' }, action: 'none', note: '已过取消截止时间，如不能参加请联系老师' };
  }
  if (registration?.status === 'waitlisted') {
    return { badge: { label: waitlistPosition ? `候补第 ${waitlistPosition} 位` : REGISTRATION_STATUS_LABELS.waitlisted, tone: 'warn' }, action: 'cancel', actionLabel: '取消候补', note: '有人取消时按顺序自动递补' };
  }
  if (now >= Date.parse(session.registrationDeadline ?? session.startAt)) return { badge: { label: '报名已截止', tone: 'muted' }, action: 'none', ...(seats ? { note: seats } : {}) };
  if (seatsLeft === 0) {
    return session.waitlist === false
      ? { badge: { label: '名额已满', tone: 'muted' }, action: 'none', note: '本活动不设候补' }
      : { badge: { label: '名额已满', tone: 'warn' }, action: 'register', actionLabel: '候补报名', note: '报名后进入候补，有人取消时按顺序递补' };
  }
  return { badge: { label: '可报名', tone: 'info' }, action: 'register', actionLabel: '报名', ...(seats ? { note: seats } : {}) };
}
