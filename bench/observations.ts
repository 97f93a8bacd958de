import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_RULES, DEFAULT_SCALE, schoolYearOf, scoreSummary, semesterOf, type Observation, type RoleGrant } from '@lianyan/shared';
import { makeFederationRepository } from '@lianyan/functions/repositories/federations';
import { makeObservationRepository } from '@lianyan/functions/repositories/observations';
import { makeUserRepository, roleItem, userKeys } from '@lianyan/functions/repositories/users';
import type { EndpointCost } from '../infra/src/local/metrics.ts';
import { call, round, type StackChild } from './lib.ts';

// 听评课覆盖 of a 200-teacher school with 300 observations this semester: the same few DynamoDB requests whatever
// the school's size (the roster, its profiles in BatchGets of 100, the semester's coverage lines, the leaders' totals).

export const COVERAGE_SCALE = { teachers: 200, observations: 300 } as const;
const FEDERATION_ID = 'fed-bench-observe';
const SCHOOL_ID = 'sch-bench-observe';
const ADMIN = 'bench-observe-admin';

async function seed(db: DynamoDBDocumentClient, table: string) {
  const ctx = { db, table };
  const createdAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const federations = makeFederationRepository(ctx);
  await federations.putFederation({ id: FEDERATION_ID, name: '听课测评校联体', kind: 'group', coreSchoolId: SCHOOL_ID, district: '明湖区' });
  await federations.putRules(FEDERATION_ID, DEFAULT_RULES);
  await federations.putSchool({ id: SCHOOL_ID, name: '听课测评校', federationId: FEDERATION_ID, stage: 'primary', rural: false, isCore: true });
  await makeUserRepository(ctx).createUserWithIdentities({ id: `u-${ADMIN}`, name: '听课测评管理员', createdAt }, [{ provider: 'dev', externalId: ADMIN }], [{ role: 'schoolAdmin', scope: { schoolId: SCHOOL_ID } }]);
  const positions = ['principal', 'vice_principal', 'dean', 'dean'];
  const items = Array.from({ length: COVERAGE_SCALE.teachers }, (_, i) => {
    const id = `u-bo-${i}`;
    const grant: RoleGrant = { role: 'teacher', scope: { schoolId: SCHOOL_ID } };
    return [
      { ...userKeys.profile(id), type: 'user', id, name: `听课教师${String(i).padStart(3, '0')}`, createdAt, position: positions[i] ?? 'teacher', subjects: ['语文'], subject: '语文', grades: ['三年级'], status: 'active' },
      roleItem(id, grant, createdAt, 'roster'),
    ];
  }).flat();
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (out.UnprocessedItems?.[table] as typeof requests | undefined) ?? [];
    }
  }
  const repo = makeObservationRepository(ctx);
  const scores = DEFAULT_SCALE.dimensions.flatMap((d) => d.items.map((item) => ({ item: item.id, score: 4 })));
  const now = Date.now();
  for (let i = 0; i < COVERAGE_SCALE.observations; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, (_, k) => {
        const n = i + k;
        const observer = n % 4;
        const teacher = 4 + ((n * 7) % (COVERAGE_SCALE.teachers - 40));
        const startedAt = new Date(now - (n + 1) * 3_600_000).toISOString();
        const observation: Observation = {
          id: `bench-obs-${n}`, federationId: FEDERATION_ID, schoolId: SCHOOL_ID, teacherId: `u-bo-${teacher}`, teacherName: `听课教师${teacher}`,
          observerId: `u-bo-${observer}`, observerName: `听课教师${observer}`, observerKind: 'school_leader', subject: '语文', grade: '三年级', className: '三年级(1)班',
          startedAt, semester: semesterOf(startedAt), scaleId: DEFAULT_SCALE.id, scaleVersion: 1, scaleName: DEFAULT_SCALE.name, scores, ...scoreSummary(DEFAULT_SCALE, scores),
          notes: [], strengths: '', suggestions: '', clientId: `bench-${n}`, createdAt: startedAt,
        };
        return repo.createObservation(observation, schoolYearOf(startedAt), SCHOOL_ID);
      }),
    );
  }
}

export async function coverageFigures(stack: StackChild, record: (key: string, value: number) => void, say: (line: string) => void) {
  const client = new DynamoDBClient({ endpoint: stack.dynamoEndpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  await seed(db, stack.tableName);
  client.destroy();
  const admin = (await call<{ token: string }>(stack.url, 'POST', '/v1/auth/dev', undefined, { account: ADMIN })).body.token;
  await call(stack.url, 'GET', `/v1/schools/${SCHOOL_ID}/observation-coverage`, admin);
  await fetch(`${stack.url}/__local/metrics`, { method: 'DELETE' });
  const t = performance.now();
  const res = await call<{ teachers: unknown[]; notObserved: unknown[]; rate: number }>(stack.url, 'GET', `/v1/schools/${SCHOOL_ID}/observation-coverage`, admin);
  const ms = performance.now() - t;
  if (res.status !== 200 || res.body.teachers.length !== COVERAGE_SCALE.teachers) throw new Error(`coverage: ${res.status}, ${res.body.teachers?.length} teachers`);
  const cost = ((await (await fetch(`${stack.url}/__local/metrics`)).json()) as Record<string, EndpointCost>).getObservationCoverage!;
  const requests = Object.values(cost.commands).reduce((n, c) => n + c, 0);
  record('observations.coverage200.requests', requests);
  record('observations.coverage200.rcu', round(cost.readUnits, 1));
  record('observations.coverage200.ms', round(ms, 1));
  say(`  ${COVERAGE_SCALE.teachers} teachers, ${COVERAGE_SCALE.observations} observations: ${requests} DynamoDB requests (${JSON.stringify(cost.commands)}), ${round(cost.readUnits, 1)} RCU, ${round(ms, 1)} ms; rate ${res.body.rate}, ${res.body.notObserved.length} not yet observed`);
}
