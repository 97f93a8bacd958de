import { dimensionAverages, shanghaiTime, type ArchiveObservations, type Observation } from '@lianyan/shared';

// 听评课 in a teacher's growth archive (docs/DESIGN.md "听评课覆盖"): the observations of their lessons, by semester and
// scale, with each dimension's mean score (0–100 of the scale's range) and the feedback itself; pure.

const round1 = (n: number) => Math.round(n * 10) / 10;

/** `observations` latest first; `period` (Shanghai dates) keeps those whose lesson started within it. */
export function archiveObservationsOf(userId: string, observations: readonly Observation[], period?: { from: string; to: string }): ArchiveObservations {
  const within = period
    ? observations.filter((o) => {
        const day = shanghaiTime(o.startedAt).slice(0, 10);
        return day >= period.from && day <= period.to;
      })
    : observations;
  const bySemester = new Map<string, Observation[]>();
  for (const o of within) bySemester.set(o.semester, [...(bySemester.get(o.semester) ?? []), o]);
  const semesters = [...bySemester.keys()]
    .sort((a, b) => b.localeCompare(a))
    .flatMap((semester) => {
      const own = bySemester.get(semester) ?? [];
      return dimensionAverages(own).map((group) => {
        const ofScale = own.filter((o) => o.scaleId === group.scaleId && o.dimensions.some((d) => typeof d.score === 'number'));
        return { semester, ...group, total: round1(ofScale.reduce((sum, o) => sum + o.total, 0) / ofScale.length) };
      });
    });
  const feedback = within.map((o) => ({
    id: o.id,
    startedAt: o.startedAt,
    semester: o.semester,
    observerName: o.observerName,
    observerKind: o.observerKind,
    subject: o.subject,
    grade: o.grade,
    className: o.className,
    ...(o.topic ? { topic: o.topic } : {}),
    scaleName: o.scaleName,
    total: o.total,
    strengths: o.strengths,
    suggestions: o.suggestions,
    ...(o.acknowledgedAt ? { acknowledgedAt: o.acknowledgedAt } : {}),
    ...(o.reflection ? { reflection: o.reflection } : {}),
  }));
  return { userId, count: within.length, semesters, feedback };
}
