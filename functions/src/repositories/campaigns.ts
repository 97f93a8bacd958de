import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Campaign, CampaignArchiveKind, Evidence } from '@lianyan/shared';
import { batchGetAll, backoff, cancellationCodes, isConditionFailed, isTransactionConflict, queryAll, queryPage, type TableContext } from '#lib/dynamo';
import { serviceUnavailable } from '#lib/errors';

/** A check-in as stored: one item per (campaign, period, user). */
export interface StoredCheckIn {
  campaignId: string;
  userId: string;
  name: string;
  schoolId?: string;
  period: string;
  text: string;
  photos: Evidence[];
  makeup: boolean;
  /** Calendar day (Asia/Shanghai) it was made: the timeline key. */
  date: string;
  createdAt: string;
  requestId?: string;
  /** Copied from the campaign so the archive reads its lines without the campaign. */
  campaignTitle: string;
  archiveKind?: CampaignArchiveKind;
  hours?: number;
}

/** What the archive needs of a check-in that feeds it. */
export type CheckInCredit = Pick<StoredCheckIn, 'campaignId' | 'campaignTitle' | 'period' | 'date' | 'createdAt' | 'makeup'> & {
  archiveKind: CampaignArchiveKind;
  hours: number;
};

/** The few fields progress, streaks and completion need (no text, no photos). */
export type CheckInMark = Pick<StoredCheckIn, 'campaignId' | 'userId' | 'period' | 'makeup' | 'createdAt' | 'date'> & { schoolId?: string };

export const campaignKeys = {
  campaign: (id: string) => ({ PK: `CAMPAIGN#${id}`, SK: 'META' }),
  school: (id: string, schoolId: string) => ({ PK: `CAMPAIGN#${id}`, SK: `SCHOOL#${schoolId}` }),
  checkIn: (id: string, period: string, userId: string) => ({ PK: `CAMPAIGN#${id}`, SK: `CHK#${period}#${userId}` }),
  makeups: (id: string, userId: string) => ({ PK: `CAMPAIGN#${id}`, SK: `MAKEUP#${userId}` }),
  reminder: (id: string) => ({ PK: `CAMPAIGN#${id}`, SK: 'REMIND' }),
  reminded: (id: string, period: string, userId: string) => ({ PK: `CAMPAIGN#${id}`, SK: `REMINDED#${period}#${userId}` }),
};

const REMINDER_QUEUE = 'CAMPAIGN_REMINDERS';
const MARK_FIELDS = 'campaignId, userId, period, makeup, createdAt, #date, schoolId';
const CREDIT_FIELDS = 'campaignId, campaignTitle, period, #date, createdAt, makeup, archiveKind, hours';

function strip(item: Record<string, unknown>) {
  const { PK: _p, SK: _s, GSI1PK: _a, GSI1SK: _b, GSI2PK: _c, GSI2SK: _d, type: _t, ...rest } = item;
  return rest;
}

function checkInItem(c: StoredCheckIn) {
  return {
    ...campaignKeys.checkIn(c.campaignId, c.period, c.userId),
    // The school's feed, newest first, and the person's timeline by day.
    ...(c.schoolId ? { GSI1PK: `CHKFEED#${c.campaignId}#${c.schoolId}`, GSI1SK: `${c.createdAt}#${c.userId}` } : {}),
    GSI2PK: `USER#${c.userId}`,
    GSI2SK: `CHK#${c.date}#${c.campaignId}#${c.period}`,
    type: 'check_in',
    ...c,
  };
}

export function makeCampaignRepository(ctx: TableContext) {
  const { db, table } = ctx;
  const byUserBetween = (userId: string, range: { from: string; to: string }) => ({
    TableName: table,
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':from': `CHK#${range.from}`, ':to': `CHK#${range.to}#\uffff` },
  });

  return {
    /** A campaign with its audience-school index items and its reminder schedule, together. */
    async putCampaign(campaign: Campaign, reminderDue: string | undefined) {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table,
                Item: { ...campaignKeys.campaign(campaign.id), GSI1PK: `CAMPAIGNS#FED#${campaign.federationId}`, GSI1SK: `${campaign.createdAt}#${campaign.id}`, type: 'campaign', ...campaign },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            ...campaign.audienceSchoolIds.map((schoolId) => ({
              Put: {
                TableName: table,
                Item: { ...campaignKeys.school(campaign.id, schoolId), GSI1PK: `CAMPAIGNS#SCHOOL#${schoolId}`, GSI1SK: `${campaign.endDate}#${campaign.id}`, type: 'campaign_school', campaignId: campaign.id },
              },
            })),
            ...(reminderDue
              ? [{ Put: { TableName: table, Item: { ...campaignKeys.reminder(campaign.id), GSI1PK: REMINDER_QUEUE, GSI1SK: `${reminderDue}#${campaign.id}`, type: 'campaign_reminder', campaignId: campaign.id, dueAt: reminderDue } } }]
              : []),
          ],
        }),
      );
    },

    // campaign by id: GetItem PK=CAMPAIGN#<id>, SK=META
    async getCampaign(id: string): Promise<Campaign | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: campaignKeys.campaign(id) }));
      return out.Item ? (strip(out.Item) as unknown as Campaign) : undefined;
    },

    // campaigns by ids: BatchGetItem PK=CAMPAIGN#<id>, SK=META
    async getCampaigns(ids: string[]): Promise<Campaign[]> {
      const items = await batchGetAll(db, table, [...new Set(ids)].map((id) => campaignKeys.campaign(id)));
      return items.map((item) => strip(item) as unknown as Campaign);
    },

    // campaigns of a school ending on or after a day: Query GSI1 CAMPAIGNS#SCHOOL#<sid> / GSI1SK >= <endDate>
    async listCampaignIdsOfSchool(schoolId: string, endingFrom: string): Promise<string[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK >= :from',
        ExpressionAttributeValues: { ':pk': `CAMPAIGNS#SCHOOL#${schoolId}`, ':from': endingFrom },
      });
      return items.map((i) => String(i.campaignId));
    },

    // campaigns of a federation, newest first: Query GSI1 CAMPAIGNS#FED#<fid>
    async listCampaignsOfFederation(federationId: string, limit = 100): Promise<Campaign[]> {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': `CAMPAIGNS#FED#${federationId}` },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (out.Items ?? []).map((item) => strip(item) as unknown as Campaign);
    },

    // one check-in per (campaign, period, user): GetItem PK=CAMPAIGN#<id>, SK=CHK#<period>#<uid> (consistent)
    async getCheckIn(campaignId: string, period: string, userId: string): Promise<StoredCheckIn | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: campaignKeys.checkIn(campaignId, period, userId), ConsistentRead: true }));
      return out.Item ? (strip(out.Item) as unknown as StoredCheckIn) : undefined;
    },

    /** The check-in of a period, once: a conditional put, so concurrent requests make exactly one item. */
    async putCheckIn(checkIn: StoredCheckIn): Promise<'created' | 'exists'> {
      try {
        await db.send(new PutCommand({ TableName: table, Item: checkInItem(checkIn), ConditionExpression: 'attribute_not_exists(PK)' }));
        return 'created';
      } catch (error) {
        if (isConditionFailed(error)) return 'exists';
        throw error;
      }
    },

    /** A make-up (补卡): the check-in and the person's make-up count in one transaction, the count kept within the allowance. */
    async putMakeupCheckIn(checkIn: StoredCheckIn, allowance: number): Promise<'created' | 'exists' | 'exhausted'> {
      // Concurrent make-ups of one person meet on the count item: a lost transaction is tried again.
      for (let attempt = 0; ; attempt++) {
        const outcome = await this.tryMakeup(checkIn, allowance);
        if (outcome !== 'conflict') return outcome;
        if (attempt >= 12) throw serviceUnavailable(1);
        await backoff(attempt);
      }
    },

    async tryMakeup(checkIn: StoredCheckIn, allowance: number): Promise<'created' | 'exists' | 'exhausted' | 'conflict'> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: table, Item: checkInItem(checkIn), ConditionExpression: 'attribute_not_exists(PK)' } },
              {
                Update: {
                  TableName: table,
                  Key: campaignKeys.makeups(checkIn.campaignId, checkIn.userId),
                  UpdateExpression: 'ADD used :one SET #type = :type, userId = :u',
                  ConditionExpression: 'attribute_not_exists(used) OR used < :max',
                  ExpressionAttributeNames: { '#type': 'type' },
                  ExpressionAttributeValues: { ':one': 1, ':max': allowance, ':type': 'campaign_makeups', ':u': checkIn.userId },
                },
              },
            ],
          }),
        );
        return 'created';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.[0] === 'ConditionalCheckFailed') return 'exists';
        if (codes?.[1] === 'ConditionalCheckFailed') return 'exhausted';
        if (isTransactionConflict(error)) return 'conflict';
        throw error;
      }
    },

    // a person's make-ups used: GetItem PK=CAMPAIGN#<id>, SK=MAKEUP#<uid>
    async getMakeupsUsed(campaignId: string, userId: string): Promise<number> {
      const out = await db.send(new GetCommand({ TableName: table, Key: campaignKeys.makeups(campaignId, userId), ConsistentRead: true }));
      return Number(out.Item?.used ?? 0);
    },

    // a user's check-ins by day: Query GSI2 USER#<uid> / CHK#<from> … CHK#<to>, projected
    async listCheckInsOfUser(userId: string, range: { from: string; to: string }): Promise<CheckInMark[]> {
      const items = await queryAll(db, { ...byUserBetween(userId, range), ProjectionExpression: MARK_FIELDS, ExpressionAttributeNames: { '#date': 'date' } });
      return items as unknown as CheckInMark[];
    },

    // a user's check-ins of one campaign with their content: the same Query, filtered to the campaign
    async listCheckInsOfUserInCampaign(userId: string, campaignId: string, range: { from: string; to: string }): Promise<StoredCheckIn[]> {
      const input = byUserBetween(userId, range);
      const items = await queryAll(db, {
        ...input,
        FilterExpression: 'campaignId = :cid',
        ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ':cid': campaignId },
      });
      return items.map((i) => strip(i) as unknown as StoredCheckIn);
    },

    // a user's check-ins that feed the archive: Query GSI2 USER#<uid> / CHK#<from> … CHK#<to>, those with an archive kind
    async listCreditsOfUser(userId: string, range: { from: string; to: string }): Promise<CheckInCredit[]> {
      const items = await queryAll(db, {
        ...byUserBetween(userId, range),
        FilterExpression: 'attribute_exists(archiveKind)',
        ProjectionExpression: CREDIT_FIELDS,
        ExpressionAttributeNames: { '#date': 'date' },
      });
      return items.map((i) => ({ ...(i as unknown as CheckInCredit), hours: Number(i.hours ?? 0) }));
    },

    // check-ins of a campaign that feeds the archive (school overview): Query PK=CAMPAIGN#<id>, SK begins_with CHK#, projected
    async listCreditsOfCampaign(campaignId: string): Promise<Array<CheckInCredit & { userId: string }>> {
      const items = await queryAll(db, {
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `CAMPAIGN#${campaignId}`, ':prefix': 'CHK#' },
        ProjectionExpression: `userId, ${CREDIT_FIELDS}`,
        ExpressionAttributeNames: { '#date': 'date' },
      });
      return items.filter((i) => i.archiveKind).map((i) => ({ ...(i as unknown as CheckInCredit & { userId: string }), hours: Number(i.hours ?? 0) }));
    },

    // check-ins of a campaign (all periods, or one): Query PK=CAMPAIGN#<id>, SK begins_with CHK#[<period>#], projected
    async listCheckInsOfCampaign(campaignId: string, period?: string): Promise<CheckInMark[]> {
      const items = await queryAll(db, {
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `CAMPAIGN#${campaignId}`, ':prefix': period ? `CHK#${period}#` : 'CHK#' },
        ProjectionExpression: MARK_FIELDS,
        ExpressionAttributeNames: { '#date': 'date' },
      });
      return items as unknown as CheckInMark[];
    },

    // a school's feed of a campaign, newest first: Query GSI1 CHKFEED#<cid>#<sid>
    async listFeed(campaignId: string, schoolId: string, options: { limit: number; cursor?: string | undefined }) {
      const page = await queryPage(
        ctx,
        {
          TableName: table,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': `CHKFEED#${campaignId}#${schoolId}` },
          ScanIndexForward: false,
          Limit: options.limit,
        },
        options.cursor,
      );
      return { items: page.items.map((i) => strip(i) as unknown as StoredCheckIn), nextCursor: page.nextCursor };
    },

    // due check-in reminders: Query GSI1 CAMPAIGN_REMINDERS / GSI1SK <= now (sparse: only campaigns with a next reminder)
    async listDueReminders(now: string): Promise<Array<{ campaignId: string; dueAt: string }>> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :now',
        ExpressionAttributeValues: { ':pk': REMINDER_QUEUE, ':now': `${now}\uffff` },
      });
      return items.map((i) => ({ campaignId: String(i.campaignId), dueAt: String(i.dueAt) }));
    },

    /** Moves a campaign's reminder to its next time (or off the queue), if nobody moved it since `seenDue`. */
    async rescheduleReminder(campaignId: string, seenDue: string, nextDue: string | undefined): Promise<boolean> {
      try {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: campaignKeys.reminder(campaignId),
            ...(nextDue
              ? {
                  UpdateExpression: 'SET dueAt = :next, GSI1PK = :pk, GSI1SK = :sk',
                  ExpressionAttributeValues: { ':next': nextDue, ':pk': REMINDER_QUEUE, ':sk': `${nextDue}#${campaignId}`, ':seen': seenDue },
                }
              : { UpdateExpression: 'SET doneAt = :seen REMOVE GSI1PK, GSI1SK, dueAt', ExpressionAttributeValues: { ':seen': seenDue } }),
            ConditionExpression: 'dueAt = :seen',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    /** Claims the reminder of (campaign, period, person): true once, so no one is reminded twice for a period. */
    async claimReminder(campaignId: string, period: string, userId: string): Promise<boolean> {
      try {
        await db.send(
          new PutCommand({
            TableName: table,
            Item: { ...campaignKeys.reminded(campaignId, period, userId), type: 'campaign_reminded' },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async releaseReminder(campaignId: string, period: string, userId: string) {
      await db.send(new DeleteCommand({ TableName: table, Key: campaignKeys.reminded(campaignId, period, userId) }));
    },
  };
}
export type CampaignRepository = ReturnType<typeof makeCampaignRepository>;
