import { scopeKey } from '@lianyan/shared';
import { queryAll, type TableContext } from '#lib/dynamo';
import { makeClassRepository } from './classes.ts';
import { makeGroupRepository } from './groups.ts';

// 建设情况 counts what other features keep, through their own repositories (Query, never Scan):
//   中心教研组  GSI1 FED#<fid> / begins_with GROUP#          (repositories/groups.ts)
//   班级        GSI1 CLASSYEAR#<year>, one item per school     (repositories/classes.ts)
//   邀请码      GSI1 SCOPE#school:<sid> / begins_with INVITE# the school's invites (role, uses, maxUses, expiresAt)
// (docs/design/setup-status.md, lists the same keys.)

export function makeSetupStatusRepository(ctx: TableContext) {
  const { db, table } = ctx;
  const groups = makeGroupRepository(ctx);
  const classes = makeClassRepository(ctx);
  return {
    async countGroups(federationId: string): Promise<number> {
      return (await groups.listOfFederation(federationId)).length;
    },

    /** Each school's number of classes in a school year. */
    async classCountsOfYear(schoolYear: string): Promise<Map<string, number>> {
      return new Map((await classes.listsOfYear(schoolYear)).map((list) => [list.schoolId, list.names.length]));
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
