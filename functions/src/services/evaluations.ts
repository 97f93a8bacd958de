import type { Evaluation, EvaluationList, Observation, Session, SessionEvaluation } from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { backoff, isTransactionConflict } from '#lib/dynamo';
import { AppError, badRequest, conflict, forbidden } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { AttendanceRepository } from '#repositories/attendance';
import type { EvaluationRepository } from '#repositories/evaluations';
import type { ObservationRepository } from '#repositories/observations';
import type { ObservationService } from './observations.ts';
import type { SessionService } from './sessions.ts';

type Submitted = { evaluation: SessionEvaluation; newObservation?: Observation };

const EVALUATED_KINDS = new Set(['lesson_observation', 'demo_lesson']);

const refuse = (field: string, message: string) => badRequest('VALIDATION_FAILED', message, { fieldErrors: { [field]: [message] } });
const mean = (values: number[]) => (values.length ? Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 10) / 10 : undefined);

/**
 * 评课: observers who signed in to a lesson observation or demo lesson leave stars and a comment for the teaching
 * teacher — or, when the session names an observation scale, the scale's scores with 亮点 and 建议: that 评课 is an
 * observation of the teacher (coverage, the observer's count, the teacher's received feedback), counted once.
 */
export function makeEvaluationService(deps: {
  evaluations: EvaluationRepository;
  attendance: AttendanceRepository;
  sessionService: SessionService;
  /** Scale 评课 (sessions that name a scale); without them such sessions refuse it. */
  observations?: Pick<ObservationService, 'sessionObservation'>;
  observationStore?: Pick<ObservationRepository, 'saveSessionObservation'>;
  clock: Clock;
}) {
  async function byScale(auth: AuthContext, session: Session, input: Evaluation, name: string, createdAt: string | undefined): Promise<Submitted> {
    if (!deps.observations || !deps.observationStore) throw conflict('EVALUATION_NOT_APPLICABLE', '暂时不能按量表评课，请稍后重试');
    if (!input.scores) throw refuse('scores', '本次活动按课堂观察量表评课，请逐项评分');
    const request = { scaleVersion: input.scaleVersion, scores: input.scores, strengths: input.strengths ?? '', suggestions: input.suggestions ?? '' };
    for (let attempt = 0; attempt < 6; attempt += 1) {
      if (attempt > 0) await backoff(attempt - 1);
      const made = await deps.observations.sessionObservation(auth, session, request);
      const { observation } = made;
      const evaluation: SessionEvaluation = {
        sessionId: session.id,
        userId: auth.userId,
        name,
        observationId: observation.id,
        scaleId: observation.scaleId,
        scaleVersion: observation.scaleVersion,
        scaleName: observation.scaleName,
        scores: observation.scores,
        dimensions: observation.dimensions,
        total: observation.total,
        strengths: observation.strengths,
        suggestions: observation.suggestions,
        createdAt: createdAt ?? observation.createdAt,
        updatedAt: observation.updatedAt ?? observation.createdAt,
      };
      // False: a concurrent first 评课 of the same observer stored the observation first (edit it), or the attendance went;
      // a transaction conflict (the same items written at once): read again and retry.
      try {
        if (await deps.observationStore.saveSessionObservation(observation, evaluation, made)) return { evaluation, ...(made.isNew ? { newObservation: observation } : {}) };
      } catch (error) {
        if (!isTransactionConflict(error)) throw error;
        continue;
      }
      const record = await deps.attendance.getAttendance(session.id, auth.userId);
      if (!record?.signedInAt) throw new AppError(403, 'NOT_SIGNED_IN', '签到听课后才能评课');
    }
    throw conflict('CONFLICT', '评课刚被同时提交，请刷新后查看');
  }

  return {
    /** The 评课 stored, and the observation it became when that is new (the teaching teacher is told of it). */
    async submit(auth: AuthContext, sessionId: string, input: Evaluation): Promise<Submitted> {
      const session = await deps.sessionService.load(sessionId);
      if (!EVALUATED_KINDS.has(session.kind)) throw new AppError(409, 'EVALUATION_NOT_APPLICABLE', '只有听评课和示范课可以评课');
      const record = await deps.attendance.getAttendance(sessionId, auth.userId);
      if (!record?.signedInAt) throw new AppError(403, 'NOT_SIGNED_IN', '签到听课后才能评课');
      const now = deps.clock.now().toISOString();
      const previous = await deps.evaluations.getEvaluation(sessionId, auth.userId);
      const name = auth.name ?? record.name;
      if (session.scaleId) return byScale(auth, session, input, name, previous?.createdAt);
      if (input.scores) throw refuse('scores', '本次活动没有指定观察量表，请打星评课');
      if (input.rating === undefined) throw refuse('rating', '请为这节课打 1 到 5 星');
      if (input.comment === undefined) throw refuse('comment', '请填写评课意见（至少 10 个字）');
      const evaluation: SessionEvaluation = {
        sessionId,
        userId: auth.userId,
        name,
        rating: input.rating,
        comment: input.comment,
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
      };
      await deps.evaluations.putEvaluation(evaluation);
      return { evaluation };
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
      const averageRating = mean(items.flatMap((e) => (e.rating === undefined ? [] : [e.rating])));
      const averageTotal = mean(items.flatMap((e) => (e.total === undefined ? [] : [e.total])));
      return { items, ...(averageRating === undefined ? {} : { averageRating }), ...(averageTotal === undefined ? {} : { averageTotal }) };
    },
  };
}
