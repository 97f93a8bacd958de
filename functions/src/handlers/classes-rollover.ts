import { currentSchoolYear } from '@lianyan/shared';
import { services } from '#app/classes';
import { config } from '#config';
import { type JobContext, runJob } from '#lib/job';
import { makeLogger } from '#lib/logger';

const baseLog = makeLogger(config.logLevel, { stage: config.stage, job: 'rolloverSchoolYear' });

/**
 * The scheduled job (EventBridge, functions/jobs.json: 1 September 02:00 Asia/Shanghai): the school year now under way
 * gets its classes and children from the year before. Idempotent, so the local stack may run it on its interval.
 */
export async function handler(_event?: unknown, context?: JobContext) {
  return runJob(baseLog, context, async (log) => {
    const run = await services.classes.rollover({ to: currentSchoolYear() });
    log.info('rollover', {
      from: run.from,
      to: run.to,
      schools: run.schools.length,
      ...totals(run.schools),
      schoolsMoved: run.moves.filter((m) => m.outcome === 'moved').length,
      movesRefused: run.moves.filter((m) => m.outcome === 'refused').map((m) => ({ schoolId: m.schoolId, reason: m.reason })),
    });
    return run;
  });
}

function totals(schools: Awaited<ReturnType<typeof services.classes.rollover>>['schools']) {
  const sum = (key: 'classesCreated' | 'childrenAdvanced' | 'childrenGraduated') => schools.reduce((n, s) => n + s[key], 0);
  return { classesCreated: sum('classesCreated'), childrenAdvanced: sum('childrenAdvanced'), childrenGraduated: sum('childrenGraduated') };
}
