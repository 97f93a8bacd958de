import * as z from 'zod/mini';
import { schoolYearRange, semesterDays } from './archive.ts';
import { ExchangeQuota, exchangeQuota, exchangeStatusOf, periodsOverlap, type Exchange, type ExchangeKind } from './exchanges.ts';
import type { FederationRules } from './federations.ts';

// 交流轮岗 in the reports (issue 16): counted from the register, never from self-filed archive entries
// (docs/design/reports.md, *Exchanges*).

/** Distinct people by quota line: 挂职 (cadres), 支教 + 走教 (backbone), 跟岗 (shadow, no quota). */
export const ExchangeCounts = z.object({ cadres: z.int(), backbone: z.int(), shadow: z.int() });
export type ExchangeCounts = z.infer<typeof ExchangeCounts>;

/** A school's exchanges in the semester: its people sent to other schools and the people it received. */
export const SchoolExchanges = z.object({
  schoolId: z.string(),
  sent: ExchangeCounts,
  received: ExchangeCounts,
  /** Ended without assessment (待考核), sent or received. */
  awaitingAssessment: z.int(),
});
export type SchoolExchanges = z.infer<typeof SchoolExchanges>;

/** The federation's quota for the semester (as on 管理 → 交流轮岗) and each school's share of it. */
export const FederationExchanges = z.extend(ExchangeQuota, { schools: z.array(SchoolExchanges) });
export type FederationExchanges = z.infer<typeof FederationExchanges>;

type Registered = Pick<Exchange, 'userId' | 'kind' | 'fromSchoolId' | 'toSchoolId' | 'startDate' | 'endDate' | 'assessment'>;

const LINES: Record<keyof ExchangeCounts, ExchangeKind[]> = { cadres: ['cadre'], backbone: ['backbone', 'itinerant'], shadow: ['shadow'] };

function countPeople(items: Registered[]): ExchangeCounts {
  const people = (kinds: ExchangeKind[]) => new Set(items.filter((e) => kinds.includes(e.kind)).map((e) => e.userId)).size;
  return { cadres: people(LINES.cadres), backbone: people(LINES.backbone), shadow: people(LINES.shadow) };
}

const inPeriod = (items: Registered[], period: { from: string; to: string }) => items.filter((e) => periodsOverlap(e, { startDate: period.from, endDate: period.to }));

/** One school's sent and received people in the semester (an exchange counts when its period shares a day with it). */
export function schoolExchanges(items: Registered[], schoolId: string, semester: string, today: string): SchoolExchanges {
  const of = inPeriod(items, semesterDays(semester)).filter((e) => e.fromSchoolId === schoolId || e.toSchoolId === schoolId);
  return {
    schoolId,
    sent: countPeople(of.filter((e) => e.fromSchoolId === schoolId)),
    received: countPeople(of.filter((e) => e.toSchoolId === schoolId)),
    awaitingAssessment: of.filter((e) => exchangeStatusOf(e, today) === 'awaiting').length,
  };
}

/** The federation's register for the semester against its rules, with a line per school. */
export function federationExchanges(
  items: Registered[],
  schoolIds: string[],
  semester: string,
  rules: Pick<FederationRules, 'exchangeCadresPerSemester' | 'exchangeBackbonePerSemester'>,
  today: string,
): FederationExchanges {
  return { ...exchangeQuota(items, semester, rules, today), schools: schoolIds.map((id) => schoolExchanges(items, id, semester, today)) };
}

/** 交流轮岗 of a school's teachers in a school year: exchanges from the school whose period shares a day with it. */
export function rotationsOf(items: Registered[], schoolId: string, year: string): number {
  return inPeriod(items, schoolYearRange(year)).filter((e) => e.fromSchoolId === schoolId).length;
}
