import { scopeKey } from '@lianyan/shared';
import { queryAll, type TableContext } from '#lib/dynamo';

// 建设情况 reads other features' items by their keys, counting only (Query, never Scan):
//   中心教研组  GSI1 FED#<fid> / begins_with GROUP#          one item per research group of the federation
//   班级        GSI1 CLASSYEAR#<year> / SCHOOL#<sid>          one item per school and school year; `classes` the names
//   邀请码      GSI1 SCOPE#school:<sid> / begins_with INVITE# the school's invites (role, uses, maxUses, expiresAt)
// (docs/DESIGN.md, "Setup status", lists the same keys.)

export interface OpenInvites {
  schoolAdmin: number;
}

export function makeSetupStatusRepository({ db, table }: TableContext) {
  return {
    // a federation's research groups: Query GSI1 FED#<fid> / begins_with GROUP# (keys only)
    async countGroups(federationId: string): Promise<number> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `FED#${federationId}`, ':prefix': 'GROUP#' },
        ProjectionExpression: 'PK',
      });
      return items.length;
    },

    // every school's classes of a year: Query GSI1 CLASSYEAR#<year>, one item per school
    async classCountsOfYear(schoolYear: string): Promise<Map<string, number>> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': `CLASSYEAR#${schoolYear}` },
      });
      const size = (v: unknown) => (v instanceof Set ? v.size : Array.isArray(v) ? v.length : 0);
      return new Map(items.map((i) => [String(i.schoolId ?? String(i.GSI1SK).replace(/^SCHOOL#/, '')), size(i.classes)]));
    },

    // open school-admin invites of a school: Query GSI1 SCOPE#school:<sid> / begins_with INVITE#
    async openAdminInvites(schoolId: string, now: string): Promise<number> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `SCOPE#${scopeKey({ schoolId })}`, ':prefix': 'INVITE#' },
      });
      return items.filter((i) => i.role === 'schoolAdmin' && String(i.expiresAt) > now && Number(i.uses) < Number(i.maxUses)).length;
    },
  };
}
export type SetupStatusRepository = ReturnType<typeof makeSetupStatusRepository>;
