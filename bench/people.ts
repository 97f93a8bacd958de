import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_RULES, type RoleGrant } from '@lianyan/shared';
import { makeFederationRepository } from '@lianyan/functions/repositories/federations';
import { phoneKey } from '@lianyan/functions/repositories/people';
import { makeUserRepository, roleItem, userKeys } from '@lianyan/functions/repositories/users';
import { documentClient } from '../infra/src/local/dynamo-client.ts';
import type { EndpointCost } from '../infra/src/local/metrics.ts';
import { call, percentile, round, type StackChild } from './lib.ts';

// 教师名册 of a 2,000-teacher federation, page by page (limit 50): the bench's own federation, four schools of 500.

export const PEOPLE_SCALE = { schools: 4, teachersPerSchool: 500, pageSize: 50 } as const;
const FEDERATION_ID = 'fed-bench-people';
const ADMIN = 'bench-people-admin';
const SUBJECTS = ['语文', '数学', '英语', '科学', '音乐', '体育'];
const GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级'];

async function seed(db: DynamoDBDocumentClient, table: string) {
  const ctx = { db, table };
  const federations = makeFederationRepository(ctx);
  const createdAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const schools = Array.from({ length: PEOPLE_SCALE.schools }, (_, i) => ({ id: `sch-bench-people-${i}`, name: `名册测评校${i}`, federationId: FEDERATION_ID, stage: 'primary' as const, rural: false, isCore: i === 0 }));
  await federations.putFederation({ id: FEDERATION_ID, name: '名册测评校联体', kind: 'group', coreSchoolId: schools[0]!.id, district: '明湖区' });
  await federations.putRules(FEDERATION_ID, DEFAULT_RULES);
  for (const school of schools) await federations.putSchool(school);
  await makeUserRepository(ctx).createUserWithIdentities({ id: `u-${ADMIN}`, name: '名册测评管理员', createdAt }, [{ provider: 'dev', externalId: ADMIN }], [
    { role: 'federationAdmin', scope: { federationId: FEDERATION_ID } },
  ]);
  // As an import writes them: the profile (half not yet logged in), the phone, the teacher role.
  const items = schools.flatMap((school, s) =>
    Array.from({ length: PEOPLE_SCALE.teachersPerSchool }, (_, i) => {
      const id = `u-bp-${s}-${i}`;
      const phone = `1370${s}${String(i).padStart(6, '0')}`;
      const grant: RoleGrant = { role: 'teacher', scope: { schoolId: school.id } };
      const subjects = [SUBJECTS[i % SUBJECTS.length]!, ...(i % 5 === 0 ? [SUBJECTS[(i + 1) % SUBJECTS.length]!] : [])];
      return [
        { ...userKeys.profile(id), type: 'user', id, name: `名册教师${s}-${String(i).padStart(3, '0')}`, createdAt, phone, position: i % 20 === 0 ? 'group_leader' : 'teacher', subjects, subject: subjects[0], grades: [GRADES[i % GRADES.length]!], titles: i % 10 === 0 ? ['backbone'] : [], status: i % 2 ? 'active' : 'invited' },
        { ...phoneKey(phone), type: 'phone', userId: id },
        roleItem(id, grant, createdAt, 'roster'),
      ];
    }),
  ).flat();
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (out.UnprocessedItems?.[table] as typeof requests | undefined) ?? [];
    }
  }
  return schools;
}

export async function peopleListFigures(stack: StackChild, record: (key: string, value: number) => void, say: (line: string) => void) {
  const db = documentClient({ endpoint: stack.dynamoEndpoint });
  const t0 = performance.now();
  const schools = await seed(db, stack.tableName);
  const total = PEOPLE_SCALE.schools * PEOPLE_SCALE.teachersPerSchool;
  say(`  seeded ${PEOPLE_SCALE.schools} schools × ${PEOPLE_SCALE.teachersPerSchool} teachers (${total}) in ${round((performance.now() - t0) / 1000, 1)} s`);
  const admin = (await call<{ token: string }>(stack.url, 'POST', '/v1/auth/dev', undefined, { account: ADMIN })).body.token;
  const times: number[] = [];
  const rcu: number[] = [];
  const requests: number[] = [];
  let seen = 0;
  // One warm-up page, then every page of every school, each measured on its own.
  await call(stack.url, 'GET', `/v1/schools/${schools[0]!.id}/people?limit=${PEOPLE_SCALE.pageSize}`, admin);
  for (const school of schools) {
    let cursor: string | undefined;
    do {
      await fetch(`${stack.url}/__local/metrics`, { method: 'DELETE' });
      const path = `/v1/schools/${school.id}/people?limit=${PEOPLE_SCALE.pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const t = performance.now();
      const res = await call<{ items: unknown[]; cursor?: string }>(stack.url, 'GET', path, admin);
      times.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`people list: ${res.status}`);
      seen += res.body.items.length;
      cursor = res.body.cursor;
      const cost = ((await (await fetch(`${stack.url}/__local/metrics`)).json()) as Record<string, EndpointCost>).listPeople!;
      rcu.push(cost.readUnits);
      requests.push(Object.values(cost.commands).reduce((n, c) => n + c, 0));
    } while (cursor);
  }
  db.destroy();
  if (seen !== total) throw new Error(`people list: paged through ${seen} of ${total}`);
  const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
  const pages = times.length;
  record('people.list.teachers', total);
  record('people.list.pages', pages);
  record('people.list.p50Ms', round(percentile(sorted(times), 50), 1));
  record('people.list.p95Ms', round(percentile(sorted(times), 95), 1));
  record('people.list.rcuPerPage', round(rcu.reduce((a, b) => a + b, 0) / pages, 1));
  record('people.list.rcuPerPageMax', round(Math.max(...rcu), 1));
  record('people.list.dynamoCallsPerPage', round(requests.reduce((a, b) => a + b, 0) / pages, 1));
  say(
    `  ${pages} pages of ${PEOPLE_SCALE.pageSize} through ${total} teachers (${PEOPLE_SCALE.schools} schools): p50 ${round(percentile(sorted(times), 50), 1)} ms, p95 ${round(percentile(sorted(times), 95), 1)} ms per page; ` +
      `${round(rcu.reduce((a, b) => a + b, 0) / pages, 1)} RCU per page (max ${round(Math.max(...rcu), 1)}), ${round(requests.reduce((a, b) => a + b, 0) / pages, 1)} DynamoDB calls per page`,
  );
}
