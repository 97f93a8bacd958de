import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { backoff, cancellationCodes, isConditionFailed, isTransactionConflict, queryAll, type TableContext } from '#lib/dynamo';
import { childInClassCondition, childInClassItem, userKeys } from './users.ts';

// 班级管理. One item per school and school year holds the year's classes as a string set of class names (the grade is
// the name's prefix), so a parent's binding can check "this class is listed" inside its own transaction
// (ConditionCheck contains(classes, :name)) and a rollover can add classes atomically (ADD). The item is also in GSI1
// under CLASSYEAR#<year>, so the rollover finds every school with classes in a year by one Query (no Scan).

export const classKeys = {
  list: (schoolId: string, schoolYear: string) => ({ PK: `SCHOOL#${schoolId}`, SK: `CLASSES#${schoolYear}` }),
  /** A child's class in a past school year, kept by the rollover: in the parent's partition. */
  pastYear: (parentId: string, schoolYear: string, childId: string) => ({ PK: `USER#${parentId}`, SK: `CLASSOF#${schoolYear}#${childId}` }),
};
const yearIndex = (schoolYear: string) => `CLASSYEAR#${schoolYear}`;
/** The school's families of a past year (GSI1), as the rollover left them. */
const pastFamiliesKey = (schoolId: string, schoolYear: string) => `CHILDREN#${schoolId}#${schoolYear}`;
/** The school's graduated families (GSI1), sorted by the year they left. */
const graduatesKey = (schoolId: string) => `GRADUATES#${schoolId}`;

export interface StoredClassList {
  schoolId: string;
  schoolYear: string;
  names: string[];
  version: number;
  updatedAt?: string | undefined;
}

/** A parent's link to a child as the class routes and the rollover read it. */
export interface ClassChildLink {
  parentId: string;
  id: string;
  name: string;
  schoolId: string;
  grade: string;
  className: string;
  /** Absent on links made before classes had years: read as the year being rolled over. */
  schoolYear?: string | undefined;
}

export type AdvanceOutcome = 'moved' | 'already';

const toList = (item: Record<string, unknown>): StoredClassList => ({
  schoolId: String(item.schoolId),
  schoolYear: String(item.schoolYear),
  names: item.classes instanceof Set ? [...(item.classes as Set<string>)] : [],
  version: Number(item.version ?? 0),
  ...(item.updatedAt ? { updatedAt: String(item.updatedAt) } : {}),
});

const toLink = (item: Record<string, unknown>): ClassChildLink => ({
  parentId: String(item.parentId),
  id: String(item.id),
  name: String(item.name),
  schoolId: String(item.schoolId),
  grade: String(item.grade),
  className: String(item.className),
  ...(item.schoolYear ? { schoolYear: String(item.schoolYear) } : {}),
});

export function makeClassRepository({ db, table }: TableContext) {
  const indexKeys = (schoolId: string, schoolYear: string) => ({ GSI1PK: yearIndex(schoolYear), GSI1SK: `SCHOOL#${schoolId}` });

  return {
    // one school's classes of a year: GetItem PK=SCHOOL#<sid>, SK=CLASSES#<year>
    async getList(schoolId: string, schoolYear: string): Promise<StoredClassList | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: classKeys.list(schoolId, schoolYear), ConsistentRead: true }));
      return out.Item ? toList(out.Item) : undefined;
    },

    // every school with classes in a year: Query GSI1 CLASSYEAR#<year> (the rollover's starting point)
    async listsOfYear(schoolYear: string): Promise<StoredClassList[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': yearIndex(schoolYear) },
      });
      return items.map(toList);
    },

    /**
     * Replaces the year's list when it is still the version read (`undefined`: when there is none yet). A concurrent
     * save, or a rollover adding classes, changes the version: the loser gets 'conflict' and nothing is written.
     */
    async saveList(list: { schoolId: string; schoolYear: string; names: string[] }, expectedVersion: number | undefined, meta: { now: string; by: string }) {
      const item = {
        ...classKeys.list(list.schoolId, list.schoolYear),
        ...indexKeys(list.schoolId, list.schoolYear),
        type: 'classList',
        schoolId: list.schoolId,
        schoolYear: list.schoolYear,
        // A string set cannot be empty: an emptied list keeps its item, without the attribute.
        ...(list.names.length ? { classes: new Set(list.names) } : {}),
        version: (expectedVersion ?? 0) + 1,
        updatedAt: meta.now,
        updatedBy: meta.by,
      };
      try {
        await db.send(
          new PutCommand({
            TableName: table,
            Item: item,
            ConditionExpression: expectedVersion === undefined ? 'attribute_not_exists(PK)' : 'version = :v',
            ...(expectedVersion === undefined ? {} : { ExpressionAttributeValues: { ':v': expectedVersion } }),
          }),
        );
        return 'saved' as const;
      } catch (error) {
        if (isConditionFailed(error)) return 'conflict' as const;
        throw error;
      }
    },

    /** Adds classes to a year (creating its list): atomic and idempotent; returns the names that were not there. */
    async addClasses(schoolId: string, schoolYear: string, names: string[], now: string): Promise<string[]> {
      if (names.length === 0) return [];
      const out = await db.send(
        new UpdateCommand({
          TableName: table,
          Key: classKeys.list(schoolId, schoolYear),
          UpdateExpression:
            'SET GSI1PK = :g, GSI1SK = :gs, #type = :type, schoolId = :sid, schoolYear = :year, updatedAt = :now, version = if_not_exists(version, :zero) + :one ADD classes :names',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':g': yearIndex(schoolYear),
            ':gs': `SCHOOL#${schoolId}`,
            ':type': 'classList',
            ':sid': schoolId,
            ':year': schoolYear,
            ':now': now,
            ':zero': 0,
            ':one': 1,
            ':names': new Set(names),
          },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      const before = out.Attributes?.classes instanceof Set ? (out.Attributes.classes as Set<string>) : new Set<string>();
      return names.filter((n) => !before.has(n));
    },

    // the school's current families: Query GSI1 CHILDREN#<sid> (begins_with <grade>#<class># for one class)
    async childLinksOfSchool(schoolId: string, inClass?: { grade: string; className: string }): Promise<ClassChildLink[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: inClass ? 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)' : 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': `CHILDREN#${schoolId}`, ...(inClass ? { ':prefix': `${inClass.grade}#${inClass.className}#` } : {}) },
      });
      return items.map(toLink);
    },

    // the school's families of a past year: Query GSI1 CHILDREN#<sid>#<year>
    async pastChildLinksOfSchool(schoolId: string, schoolYear: string): Promise<ClassChildLink[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': pastFamiliesKey(schoolId, schoolYear) },
      });
      return items.map(toLink);
    },

    /**
     * Moves the child's own record (CHILD#<cid>, shared by its parents) to the next year, before its parents' links: its
     * grade and class, or graduated; and, for a child who moves up, the item that names it in its new class and year,
     * so a parent binding there later joins this child (the id stays). Conditional on the record still being in `from`:
     * a second run changes nothing. A link without a record (seeded) has nothing to move.
     */
    async advanceChildRecord(child: { id: string; name: string; schoolId: string }, from: string, to: string, next: { grade: string; className: string } | 'graduate'): Promise<AdvanceOutcome> {
      const set = next === 'graduate' ? 'SET schoolYear = :to, graduatedIn = :from' : 'SET schoolYear = :to, grade = :grade, className = :class';
      const values = next === 'graduate' ? { ':to': to, ':from': from } : { ':to': to, ':from': from, ':grade': next.grade, ':class': next.className };
      for (let attempt = 0; ; attempt++) {
        try {
          await db.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: table,
                    Key: userKeys.childRecord(child.id),
                    UpdateExpression: set,
                    ConditionExpression: 'attribute_exists(PK) AND (schoolYear = :from OR attribute_not_exists(schoolYear))',
                    ExpressionAttributeValues: values,
                  },
                },
                ...(next === 'graduate'
                  ? []
                  : [{ Put: { TableName: table, Item: childInClassItem({ ...child, className: next.className }, to), ...childInClassCondition, ExpressionAttributeValues: { ':cid': child.id } } }]),
              ],
            }),
          );
          return 'moved';
        } catch (error) {
          if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return 'already';
          if (!isTransactionConflict(error) || attempt >= 8) throw error;
          await backoff(attempt);
        }
      }
    },

    /**
     * Moves one parent's link to the next year: keeps the old year's class as its own item (CLASSOF#<from>#<cid>, and in
     * GSI1 under CHILDREN#<sid>#<from>), then advances the link's grade and class or marks it graduated (out of the
     * school's current families, into GRADUATES#<sid>). One transaction, conditional on the link still being in `from`:
     * a second run, or one at the same time, finds it moved and changes nothing.
     */
    async advanceChild(link: ClassChildLink, from: string, to: string, next: { grade: string; className: string } | 'graduate'): Promise<AdvanceOutcome> {
      const past = {
        ...classKeys.pastYear(link.parentId, from, link.id),
        GSI1PK: pastFamiliesKey(link.schoolId, from),
        GSI1SK: `${link.grade}#${link.className}#${link.id}#${link.parentId}`,
        type: 'childYear',
        parentId: link.parentId,
        id: link.id,
        name: link.name,
        schoolId: link.schoolId,
        grade: link.grade,
        className: link.className,
        schoolYear: from,
      };
      const move =
        next === 'graduate'
          ? {
              UpdateExpression: 'SET schoolYear = :to, graduatedIn = :from, GSI1PK = :pk, GSI1SK = :sk',
              ExpressionAttributeValues: {
                ':to': to,
                ':from': from,
                ':pk': graduatesKey(link.schoolId),
                ':sk': `${from}#${link.grade}#${link.className}#${link.id}#${link.parentId}`,
              },
            }
          : {
              UpdateExpression: 'SET schoolYear = :to, grade = :grade, className = :class, GSI1SK = :sk',
              ExpressionAttributeValues: {
                ':to': to,
                ':from': from,
                ':grade': next.grade,
                ':class': next.className,
                ':sk': `${next.grade}#${next.className}#${link.id}#${link.parentId}`,
              },
            };
      for (let attempt = 0; ; attempt++) {
        try {
          await db.send(
            new TransactWriteCommand({
              TransactItems: [
                { Put: { TableName: table, Item: past, ConditionExpression: 'attribute_not_exists(PK)' } },
                {
                  Update: {
                    TableName: table,
                    Key: userKeys.child(link.parentId, link.id),
                    ConditionExpression: 'attribute_exists(PK) AND (schoolYear = :from OR attribute_not_exists(schoolYear))',
                    ...move,
                  },
                },
              ],
            }),
          );
          return 'moved';
        } catch (error) {
          if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return 'already';
          if (!isTransactionConflict(error) || attempt >= 8) throw error;
          await backoff(attempt);
        }
      }
    },
  };
}
export type ClassRepository = ReturnType<typeof makeClassRepository>;
