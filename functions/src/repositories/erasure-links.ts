import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ERASED_NAME } from '@lianyan/shared';
import { isConditionFailed, queryAll, type TableContext } from '#lib/dynamo';
import { mentorPairKeys } from './mentor-pairs.ts';
import { observationKeys } from './observations.ts';

/**
 * The erasure (注销) of what other people's records say of the person: their name copied onto 评课, published
 * briefing excerpts, 师徒结对 pairs and logs, lessons they gave, and 听评课 observations. Each step is idempotent (a job cut short runs
 * again); reads are Queries on keys (the person's GSI1 / GSI2 partitions, the sessions they attended): no Scan.
 * Figures stay: a rating still counts, a pair is still a pair, an observation still counts for the observer.
 */

type Item = Record<string, unknown>;
type Key = { PK: unknown; SK: unknown };

export function makeErasureLinksRepository(ctx: TableContext) {
  const { db, table } = ctx;
  const update = (Key: Key, UpdateExpression: string, names: Record<string, string>, values: Record<string, unknown>) =>
    db
      .send(
        new UpdateCommand({
          TableName: table,
          Key: { PK: Key.PK, SK: Key.SK },
          UpdateExpression,
          ConditionExpression: 'attribute_exists(PK)',
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
        }),
      )
      .catch((e: unknown) => (isConditionFailed(e) ? undefined : Promise.reject(e)));
  async function inBatches<T>(list: T[], write: (item: T) => Promise<unknown>) {
    for (let i = 0; i < list.length; i += 10) await Promise.all(list.slice(i, i + 10).map(write));
  }
  const byIndex = (index: 'GSI1' | 'GSI2', pk: string, prefix?: string) =>
    queryAll(db, {
      TableName: table,
      IndexName: index,
      KeyConditionExpression: `${index}PK = :pk${prefix ? ` AND begins_with(${index}SK, :prefix)` : ''}`,
      ExpressionAttributeValues: { ':pk': pk, ...(prefix ? { ':prefix': prefix } : {}) },
    });

  return {
    /** 评课 on the sessions attended: the rating stays (the average does not move), the name and the comment go. */
    async pseudonymiseEvaluations(userId: string, sessionIds: string[]): Promise<void> {
      await inBatches(sessionIds, (sessionId) =>
        update({ PK: `SESSION#${sessionId}`, SK: `EVAL#${userId}` }, 'SET #name = :anon, #comment = :empty', { '#name': 'name', '#comment': 'comment' }, { ':anon': ERASED_NAME, ':empty': '' }),
      );
    },

    /** Excerpts of the person's reflections published on a briefing: taken off it (the text is theirs, word for word). */
    async eraseExcerpts(userId: string, sessionIds: string[]): Promise<void> {
      await inBatches(sessionIds, async (sessionId) => {
        for (let attempt = 0; attempt < 3; attempt++) {
          const out = await db.send(new GetCommand({ TableName: table, Key: { PK: `SESSION#${sessionId}`, SK: 'RECORD' }, ConsistentRead: true }));
          const excerpts = (out.Item?.excerpts as Array<{ userId?: unknown }> | undefined) ?? [];
          if (!out.Item || !excerpts.some((e) => e.userId === userId)) return;
          try {
            // Only if no one changed the excerpts meanwhile (the organizer may be publishing): else read again.
            await db.send(
              new UpdateCommand({
                TableName: table,
                Key: { PK: `SESSION#${sessionId}`, SK: 'RECORD' },
                UpdateExpression: 'SET excerpts = :kept',
                ConditionExpression: 'excerpts = :seen',
                ExpressionAttributeValues: { ':kept': excerpts.filter((e) => e.userId !== userId), ':seen': excerpts },
              }),
            );
            return;
          } catch (error) {
            if (!isConditionFailed(error)) throw error;
          }
        }
        throw new Error(`excerpts of session ${sessionId} kept changing; the erasure runs again`);
      });
    },

    /**
     * 师徒结对: the pair stays (the school's figures count it) with the person's side named 已注销用户 on the pair and
     * both members' copies; the logs they wrote keep their date and kind without text or files. Returns the files.
     */
    async pseudonymiseMentorPairs(userId: string): Promise<string[]> {
      const memberships = await byIndex('GSI2', `USER#${userId}`, 'MPAIR#');
      const files: string[] = [];
      await inBatches(memberships, async (m) => {
        const pairId = String(m.id);
        const side = m.role === 'mentee' ? 'mentee' : 'mentor';
        const others = [m.mentor, m.mentee].map((p) => String((p as { id?: unknown } | undefined)?.id ?? '')).filter(Boolean);
        const keys = [mentorPairKeys.pair(pairId), ...[...new Set([userId, ...others])].map((id) => mentorPairKeys.member(pairId, id))];
        await Promise.all(keys.map((k) => update(k, 'SET #side.#name = :anon', { '#side': side, '#name': 'name' }, { ':anon': ERASED_NAME })));
        const logs = await queryAll(db, {
          TableName: table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :log)',
          ExpressionAttributeValues: { ':pk': `MPAIR#${pairId}`, ':log': 'LOG#' },
        });
        for (const item of logs) {
          const log = item.log as { authorId?: unknown; files?: Array<{ id: string }> } | undefined;
          if (log?.authorId !== userId) continue;
          files.push(...(log.files ?? []).map((f) => `evidence/${userId}/${f.id}`));
          await update(item as Key, 'SET #log.authorName = :anon, #log.#text = :empty, #log.files = :none', { '#log': 'log', '#text': 'text' }, { ':anon': ERASED_NAME, ':empty': '', ':none': [] });
        }
      });
      return files;
    },

    /** Sessions whose lesson the person gave (听评课, 示范课): the session stays, its teaching teacher is 已注销用户. */
    async pseudonymiseLessons(userId: string): Promise<void> {
      const taught = await byIndex('GSI2', `USER#${userId}`, 'TAUGHT#');
      await inBatches(taught, (s) => update(s as Key, 'SET lesson.teacherName = :anon', {}, { ':anon': ERASED_NAME }));
    },

    /**
     * 听评课: observations of the person's lessons and by them stay (coverage and the observer's counts do not move);
     * the name on them, and the observer's name on the school's coverage line, become 已注销用户.
     */
    async pseudonymiseObservations(userId: string): Promise<void> {
      const [by, of] = await Promise.all([byIndex('GSI1', `OBSBY#${userId}`), byIndex('GSI2', `OBSOF#${userId}`)]);
      await inBatches(by, (o: Item) =>
        Promise.all([
          update(observationKeys.observation(String(o.id)), 'SET observerName = :anon', {}, { ':anon': ERASED_NAME }),
          update({ PK: observationKeys.coverage(String(o.schoolId), String(o.semester)), SK: `${String(o.startedAt)}#${String(o.id)}` }, 'SET observerName = :anon', {}, { ':anon': ERASED_NAME }),
        ]),
      );
      await inBatches(of, (o: Item) => update(observationKeys.observation(String(o.id)), 'SET teacherName = :anon', {}, { ':anon': ERASED_NAME }));
    },
  };
}
export type ErasureLinksRepository = ReturnType<typeof makeErasureLinksRepository>;
