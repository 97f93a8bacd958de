import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Observation, ObservationScale, ObserverKind, SessionEvaluation } from '@lianyan/shared';
import { batchGetAll, cancellationCodes, isConditionFailed, queryAll, queryPage, type TableContext } from '#lib/dynamo';
import { archiveKeys } from './archive.ts';
import { attendanceKey } from './attendance.ts';
import { evaluationKey } from './evaluations.ts';
import { scaleKey } from './observation-scales.ts';

// 听评课. Keys (docs/design/storage.md):
//   PK=SCALE#<sid>, SK=META                 a scale's current version; GSI1 FED#<fid> / SCALE#<createdAt>#<sid> lists a federation's scales
//   PK=SCALE#<sid>, SK=V#<000001>           each version as it was (an observation reads the one it used)
//   PK=OBS#<oid>,   SK=META                 an observation; GSI1 OBSBY#<observer> / <startedAt>#<oid>, GSI2 OBSOF#<teacher> / <startedAt>#<oid>
//   PK=OBSCOV#<schoolId>#<semester>, SK=<startedAt>#<oid>   one small line per observation: a school's coverage in one Query
//   评课 of a session by a scale is an observation too (id from observer and session), written with the evaluation
//   (PK=SESSION#<id>, SK=EVAL#<uid>) and the attendance marked with its id (the attendance then counts no observation).
//   PK=OBSREMIND#<semester>, SK=GROUP#<gid>   a group leader's 听评课覆盖提醒 claimed for the semester (sent once)
// The observation id is derived from (observer, clientId): the Put's condition is the idempotency guard, and the
// observer's archive totals (obs_<semester>, n_lesson_observation) grow in the same transaction, once.

const pad = (version: number) => String(version).padStart(6, '0');
export const observationKeys = {
  scale: scaleKey,
  scaleVersion: (scaleId: string, version: number) => ({ PK: `SCALE#${scaleId}`, SK: `V#${pad(version)}` }),
  observation: (id: string) => ({ PK: `OBS#${id}`, SK: 'META' }),
  coverage: (schoolId: string, semester: string) => `OBSCOV#${schoolId}#${semester}`,
  groupReminder: (semester: string, groupId: string) => ({ PK: `OBSREMIND#${semester}`, SK: `GROUP#${groupId}` }),
};

/** What a coverage line keeps of an observation. */
export interface CoverageLine {
  observationId: string;
  teacherId: string;
  observerId: string;
  observerName: string;
  observerKind: ObserverKind;
  startedAt: string;
  scaleId: string;
  scaleName: string;
  /** Dimension scores, 0–100 of the scale's range (lines written before 2026-12-02 have none). */
  dimensions?: Array<{ name: string; score: number }>;
}

const strip = (item: Record<string, unknown>) => {
  const { PK: _p, SK: _s, GSI1PK: _a, GSI1SK: _b, GSI2PK: _c, GSI2SK: _d, type: _t, ...rest } = item;
  return rest;
};

export class ScaleChanged extends Error {}

export function makeObservationRepository(ctx: TableContext) {
  const { db, table } = ctx;
  const scaleItem = (scale: ObservationScale) => ({ ...observationKeys.scaleVersion(scale.id, scale.version), type: 'scale_version', ...scale });
  const metaItem = (scale: ObservationScale) => ({
    ...observationKeys.scale(scale.id),
    GSI1PK: `FED#${scale.federationId}`,
    GSI1SK: `SCALE#${scale.createdAt}#${scale.id}`,
    type: 'scale',
    ...scale,
  });

  /** The coverage line of an observation (written with it, rewritten when a session's 评课 is edited). */
  const coverageLineItem = (observation: Observation) => {
    const line: CoverageLine = {
      observationId: observation.id,
      teacherId: observation.teacherId,
      observerId: observation.observerId,
      observerName: observation.observerName,
      observerKind: observation.observerKind,
      startedAt: observation.startedAt,
      scaleId: observation.scaleId,
      scaleName: observation.scaleName,
      dimensions: observation.dimensions.map((d) => ({ name: d.name, score: d.score })),
    };
    const key = { PK: observationKeys.coverage(observation.schoolId, observation.semester), SK: `${observation.startedAt}#${observation.id}` };
    return { Put: { TableName: table, Item: { ...key, type: 'observation_line', ...line } } };
  };

  /** A new observation (once: `attribute_not_exists`), its coverage line, and `ADD obs_<semester> 1, n_lesson_observation 1` on the observer's totals. */
  const newObservationItems = (observation: Observation, year: string, observerSchoolId: string | undefined) => [
    {
      Put: {
        TableName: table,
        Item: {
          ...observationKeys.observation(observation.id),
          GSI1PK: `OBSBY#${observation.observerId}`,
          GSI1SK: `${observation.startedAt}#${observation.id}`,
          GSI2PK: `OBSOF#${observation.teacherId}`,
          GSI2SK: `${observation.startedAt}#${observation.id}`,
          type: 'observation',
          ...observation,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    coverageLineItem(observation),
    {
      Update: {
        TableName: table,
        Key: archiveKeys.totals(observation.observerId, year),
        UpdateExpression: `ADD #n :one, #obs :one SET userId = :u, #year = :y, #type = :t${observerSchoolId ? ', GSI1PK = :g1, GSI1SK = :g1s' : ''}`,
        ExpressionAttributeNames: { '#n': 'n_lesson_observation', '#obs': `obs_${observation.semester}`, '#year': 'year', '#type': 'type' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':u': observation.observerId,
          ':y': year,
          ':t': 'archive_totals',
          ...(observerSchoolId ? { ':g1': `SCHOOL#${observerSchoolId}#ARCHIVE#${year}`, ':g1s': `USER#${observation.observerId}` } : {}),
        },
      },
    },
  ];

  return {
    /** A new scale: its meta and version 1 together. */
    async createScale(scale: ObservationScale): Promise<void> {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table, Item: metaItem(scale), ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { TableName: table, Item: scaleItem(scale), ConditionExpression: 'attribute_not_exists(PK)' } },
          ],
        }),
      );
    },

    /** The next version, when the current one is still `seenVersion`; `ScaleChanged` when someone saved first. */
    async saveVersion(scale: ObservationScale, seenVersion: number): Promise<void> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: table, Item: metaItem(scale), ConditionExpression: 'version = :seen', ExpressionAttributeValues: { ':seen': seenVersion } } },
              { Put: { TableName: table, Item: scaleItem(scale), ConditionExpression: 'attribute_not_exists(PK)' } },
            ],
          }),
        );
      } catch (error) {
        if (cancellationCodes(error)?.some((c) => c === 'ConditionalCheckFailed')) throw new ScaleChanged('scale changed', { cause: error });
        throw error;
      }
    },

    // a scale's current version: GetItem PK=SCALE#<sid>, SK=META
    async getScale(scaleId: string): Promise<ObservationScale | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: observationKeys.scale(scaleId), ConsistentRead: true }));
      return out.Item ? (strip(out.Item) as unknown as ObservationScale) : undefined;
    },

    // one version of a scale: GetItem PK=SCALE#<sid>, SK=V#<version>
    async getScaleVersion(scaleId: string, version: number): Promise<ObservationScale | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: observationKeys.scaleVersion(scaleId, version) }));
      return out.Item ? (strip(out.Item) as unknown as ObservationScale) : undefined;
    },

    // a federation's scales: Query GSI1 FED#<fid> / begins_with SCALE#
    async listScales(federationId: string): Promise<ObservationScale[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `FED#${federationId}`, ':prefix': 'SCALE#' },
      });
      return items.map((i) => strip(i) as unknown as ObservationScale);
    },

    /**
     * The observation, its coverage line and the observer's archive count, in one transaction; `created: false`
     * (nothing written) when the same observer already submitted this draft.
     */
    async createObservation(observation: Observation, year: string, observerSchoolId: string | undefined): Promise<{ created: boolean }> {
      try {
        await db.send(new TransactWriteCommand({ TransactItems: newObservationItems(observation, year, observerSchoolId) }));
        return { created: true };
      } catch (error) {
        if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return { created: false };
        throw error;
      }
    },

    /**
     * 评课 of a session by a scale. New (`isNew`): the observation, its coverage line and the observer's count as a walk-in,
     * the evaluation, and the observer's attendance marked with the observation's id (so the attendance does not count the
     * lesson a second time) — one transaction, conditioned on no observation yet and the attendance signed in; `false`
     * when one of those failed. An edit: the observation's scores and feedback, its coverage line and the evaluation.
     */
    async saveSessionObservation(observation: Observation, evaluation: SessionEvaluation, at: { isNew: boolean; year: string; observerSchoolId: string | undefined }): Promise<boolean> {
      const evaluationItem = { Put: { TableName: table, Item: { ...evaluationKey(evaluation.sessionId, evaluation.userId), type: 'evaluation', ...evaluation } } };
      const items = at.isNew
        ? [
            ...newObservationItems(observation, at.year, at.observerSchoolId),
            evaluationItem,
            {
              Update: {
                TableName: table,
                Key: attendanceKey(evaluation.sessionId, evaluation.userId),
                UpdateExpression: 'SET observationId = :oid',
                ConditionExpression: 'attribute_exists(signedInAt)',
                ExpressionAttributeValues: { ':oid': observation.id },
              },
            },
          ]
        : [
            {
              Update: {
                TableName: table,
                Key: observationKeys.observation(observation.id),
                UpdateExpression: 'SET scores = :s, dimensions = :d, #total = :t, strengths = :st, suggestions = :su, updatedAt = :at',
                ConditionExpression: 'attribute_exists(PK)',
                ExpressionAttributeNames: { '#total': 'total' },
                ExpressionAttributeValues: {
                  ':s': observation.scores,
                  ':d': observation.dimensions,
                  ':t': observation.total,
                  ':st': observation.strengths,
                  ':su': observation.suggestions,
                  ':at': observation.updatedAt ?? observation.createdAt,
                },
              },
            },
            coverageLineItem(observation),
            evaluationItem,
          ];
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return true;
      } catch (error) {
        if (cancellationCodes(error)?.some((c) => c === 'ConditionalCheckFailed')) return false;
        throw error;
      }
    },

    // an observation: GetItem PK=OBS#<oid>
    async getObservation(id: string): Promise<Observation | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: observationKeys.observation(id), ConsistentRead: true }));
      return out.Item ? (strip(out.Item) as unknown as Observation) : undefined;
    },

    // observations by or of a person, latest first: Query GSI1 OBSBY#<uid> or GSI2 OBSOF#<uid>
    async listObservations(by: 'observer' | 'teacher', userId: string, options: { limit: number; cursor?: string }) {
      const [index, pk] = by === 'observer' ? ['GSI1', `OBSBY#${userId}`] : ['GSI2', `OBSOF#${userId}`];
      const page = await queryPage(
        ctx,
        { TableName: table, IndexName: index, KeyConditionExpression: `${index}PK = :pk`, ExpressionAttributeValues: { ':pk': pk }, ScanIndexForward: false, Limit: options.limit },
        options.cursor,
      );
      return { items: page.items.map((i) => strip(i) as unknown as Observation), nextCursor: page.nextCursor };
    },

    // every observation of a teacher's lessons, latest first: Query GSI2 OBSOF#<uid> (all pages)
    async listAllReceived(teacherId: string): Promise<Observation[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': `OBSOF#${teacherId}` },
        ScanIndexForward: false,
      });
      return items.map((i) => strip(i) as unknown as Observation);
    },

    /** The observed teacher's acknowledgement, once (a repeat keeps the first). */
    async acknowledge(id: string, teacherId: string, at: string, reflection: string): Promise<'done' | 'already'> {
      try {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: observationKeys.observation(id),
            UpdateExpression: reflection ? 'SET acknowledgedAt = :at, reflection = :r' : 'SET acknowledgedAt = :at',
            ConditionExpression: 'teacherId = :t AND attribute_not_exists(acknowledgedAt)',
            ExpressionAttributeValues: { ':at': at, ':t': teacherId, ...(reflection ? { ':r': reflection } : {}) },
          }),
        );
        return 'done';
      } catch (error) {
        if (isConditionFailed(error)) return 'already';
        throw error;
      }
    },

    // a school's observations in a semester: Query PK=OBSCOV#<sid>#<semester>
    async coverageLines(schoolId: string, semester: string): Promise<CoverageLine[]> {
      const items = await queryAll(db, { TableName: table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': observationKeys.coverage(schoolId, semester) } });
      return items.map((i) => strip(i) as unknown as CoverageLine);
    },

    /** Claims a group's coverage reminder of the semester: false when it was already claimed (sent, or being sent). */
    async claimGroupReminder(semester: string, groupId: string, at: string): Promise<boolean> {
      try {
        await db.send(
          new PutCommand({ TableName: table, Item: { ...observationKeys.groupReminder(semester, groupId), type: 'observation_reminded', at }, ConditionExpression: 'attribute_not_exists(PK)' }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    /** Gives the claim back after a failed send, so the next run tries again. */
    async releaseGroupReminder(semester: string, groupId: string): Promise<void> {
      await db.send(new DeleteCommand({ TableName: table, Key: observationKeys.groupReminder(semester, groupId) }));
    },

    // observers' archive totals of a school year: BatchGet PK=USER#<uid>, SK=ARCHIVE#YEAR#<year>
    async observedCounts(userIds: string[], year: string, semester: string): Promise<Map<string, number>> {
      const items = await batchGetAll(db, table, userIds.map((id) => archiveKeys.totals(id, year)));
      return new Map(items.map((i) => [String(i.userId), Number(i[`obs_${semester}`] ?? 0)]));
    },
  };
}
export type ObservationRepository = ReturnType<typeof makeObservationRepository>;
