import type { Evaluation, EvaluationList, SessionEvaluation } from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { AppError, forbidden } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { AttendanceRepository } from '#repositories/attendance';
import type { EvaluationRepository } from '#repositories/evaluations';
import type { SessionService } from './sessions.ts';

const EVALUATED_KINDS = new Set(['lesson_observation', 'demo_lesson']);

/** 评课: observers who signed in to a lesson observation or demo lesson leave a rating and comments for the teaching teacher. */
export function makeEvaluationService(deps: {
  evaluations: EvaluationRepository;
  attendance: AttendanceRepository;
  sessionService: SessionService;
  clock: Clock;
}) {
  return {
    async submit(auth: AuthContext, sessionId: string, input: Evaluation): Promise<SessionEvaluation> {
      const session = await deps.sessionService.load(sessionId);
      if (!EVALUATED_KINDS.has(session.kind)) throw new AppError(409, 'EVALUATION_NOT_APPLICABLE', '只有听评课和示范课可以评课');
      const record = await deps.attendance.getAttendance(sessionId, auth.userId);
      if (!record?.signedInAt) throw new AppError(403, 'NOT_SIGNED_IN', '签到听课后才能评课');
      const now = deps.clock.now().toISOString();
      const previous = await deps.evaluations.getEvaluation(sessionId, auth.userId);
      const evaluation: SessionEvaluation = {
        sessionId,
        userId: auth.userId,
        name: auth.name ?? record.name,
        rating: input.rating,
        comment: input.comment,
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
      };
      await deps.evaluations.putEvaluation(evaluation);
      return evaluation;
    },

    /** The teaching teacher and the session's managers see every evaluation; an observer sees their own. */
    async list(auth: AuthContext, sessionId: string): Promise<EvaluationList> {
      const session = await deps.sessionService.load(sessionId);
      const all = await deps.evaluations.listEvaluations(sessionId);
      const seesAll = session.lesson?.teacherId === auth.userId || deps.sessionService.canManage(auth, session);
      const items = seesAll ? all : all.filter((e) => e.userId === auth.userId);
      if (!seesAll && !items.length && !(await deps.attendance.getAttendance(sessionId, auth.userId))) {
        throw forbidden('只有授课教师、听课教师和活动组织者可以查看评课');
      }
      const averageRating = items.length ? Math.round((items.reduce((s, e) => s + e.rating, 0) / items.length) * 10) / 10 : undefined;
      return { items, ...(averageRating === undefined ? {} : { averageRating }) };
    },
  };
}
