import { EXCHANGE_KIND_LABELS, EXCHANGE_RATING_LABELS, type ArchiveEntry, type ExchangeKind, type ExchangeRating } from '@lianyan/shared';
import type { ExchangeMembership } from '#repositories/exchanges';

// 交流轮岗 in the growth archive (issue 16): a derived line per registered exchange, with its assessment; a self-filed
// rotation entry that names the same host school and shares days with a registered exchange is marked a duplicate
// (shown, not counted twice).

/** Registered exchanges of the person that share a day with the period, as derived lines. */
function exchangeLines(userId: string, memberships: ExchangeMembership[], period: { from: string; to: string }, today: string): ArchiveEntry[] {
  return memberships
    .filter((m) => m.startDate <= period.to && m.endDate >= period.from)
    .map((m) => {
      const assessment = m.rating ? `考核：${EXCHANGE_RATING_LABELS[m.rating as ExchangeRating]}` : today > m.endDate ? '待考核' : today < m.startDate ? '未开始' : '进行中';
      return {
        id: `exchange-${m.exchangeId}`,
        userId,
        schoolId: m.toSchoolId,
        source: 'derived' as const,
        status: 'approved' as const,
        kind: 'rotation' as const,
        hours: 0,
        date: m.startDate,
        title: `交流轮岗（${EXCHANGE_KIND_LABELS[m.kind as ExchangeKind]}）：${m.fromSchoolName ?? ''} → ${m.toSchoolName ?? ''}`,
        detail: `${m.startDate} 至 ${m.endDate} · ${assessment}`,
        evidenceFiles: [],
        createdAt: `${m.startDate}T00:00:00+08:00`,
        updatedAt: `${m.startDate}T00:00:00+08:00`,
        exchangeId: m.exchangeId,
        ...(m.rating ? { exchangeRating: m.rating as ExchangeRating } : {}),
      };
    });
}

/** The registered exchange a self-filed rotation entry repeats: same host school name, a shared day. */
function duplicateExchangeOf(entry: ArchiveEntry, memberships: ExchangeMembership[]): string | undefined {
  if (entry.source !== 'entered' || entry.kind !== 'rotation') return undefined;
  const until = entry.until ?? entry.date;
  const same = memberships.find((m) => (m.toSchoolName ?? '').trim() === entry.toSchool.trim() && m.startDate <= until && m.endDate >= entry.date);
  return same?.exchangeId;
}

/** The entered lines with duplicates marked, and the derived lines of the registered exchanges. */
export function withExchanges(userId: string, entered: ArchiveEntry[], memberships: ExchangeMembership[], period: { from: string; to: string }, today: string): ArchiveEntry[] {
  const marked = entered.map((e) => {
    const duplicateOf = duplicateExchangeOf(e, memberships);
    return duplicateOf ? { ...e, duplicateOf } : e;
  });
  return [...marked, ...exchangeLines(userId, memberships, period, today)];
}

/**
 * 交流轮岗 of a school year in the archive summary: the registered exchanges sharing a day with it, plus the approved
 * self-filed rotation entries (`approvedEntries`, from the yearly totals) that repeat none of those.
 */
export function rotationCount(memberships: ExchangeMembership[], entered: ArchiveEntry[], range: { from: string; to: string }, approvedEntries: number): number {
  const ofYear = memberships.filter((m) => m.startDate <= range.to && m.endDate >= range.from);
  const duplicates = entered.filter((e) => e.status === 'approved' && duplicateExchangeOf(e, ofYear)).length;
  return ofYear.length + Math.max(0, approvedEntries - duplicates);
}
