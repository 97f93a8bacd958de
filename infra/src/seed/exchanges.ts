import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Exchange } from '@lianyan/shared';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { makeExchangeRepository } from '@lianyan/functions/repositories/exchanges';
import { makeFederationRepository } from '@lianyan/functions/repositories/federations';
import { DEMO_FEDERATION_ID } from './demo.ts';

const DAY = 86_400_000;
const day = (now: Date, offset: number) => new Date(now.getTime() + offset * DAY + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * 交流轮岗 for the lived-in demo (`npm start`, with the history): two running exchanges (the core school's principal
 * 挂职 at the rural school, a backbone teacher 走教 at 东湖), one finished and assessed, one waiting for assessment.
 * They start after the demo's past sessions, so what those sessions recorded stays as it was. Written once (a marker).
 */
export async function seedDemoExchanges(ctx: TableContext, now = new Date()): Promise<'seeded' | 'present'> {
  const marker = { PK: 'SEED', SK: 'demo-exchanges-1' };
  if ((await ctx.db.send(new GetCommand({ TableName: ctx.table, Key: marker }))).Item) return 'present';
  const exchanges = makeExchangeRepository(ctx);
  const federations = makeFederationRepository(ctx);
  const at = now.toISOString();
  const plans: Array<Omit<Exchange, 'federationId' | 'createdBy' | 'createdAt' | 'updatedAt'> & { rating?: 'excellent' }> = [
    { id: 'exch-demo-cadre', userId: 'u-core-principal', fromSchoolId: 'sch-core', toSchoolId: 'sch-qingshan', kind: 'cadre', startDate: day(now, -1), endDate: day(now, 120), duties: '挂职副校长，分管教学教研' },
    { id: 'exch-demo-itinerant', userId: 'u-east2-teacher-3', fromSchoolId: 'sch-east2', toSchoolId: 'sch-donghu', kind: 'itinerant', startDate: day(now, -1), endDate: day(now, 60), duties: '每周二、四到东湖小学走教' },
    { id: 'exch-demo-assessed', userId: 'u-donghu-teacher-5', fromSchoolId: 'sch-donghu', toSchoolId: 'sch-qingshan', kind: 'backbone', startDate: day(now, -150), endDate: day(now, -40), duties: '支教五年级数学', rating: 'excellent' },
    { id: 'exch-demo-waiting', userId: 'u-qingshan-teacher-6', fromSchoolId: 'sch-qingshan', toSchoolId: 'sch-core', kind: 'shadow', startDate: day(now, -60), endDate: day(now, -7), duties: '跟岗学习课堂教学' },
  ];
  for (const { rating, ...plan } of plans) {
    const e: Exchange = { ...plan, federationId: DEMO_FEDERATION_ID, createdBy: 'u-fed-admin', createdAt: at, updatedAt: at };
    const [from, to] = await Promise.all([federations.getSchool(e.fromSchoolId), federations.getSchool(e.toSchoolId)]);
    const before = await exchanges.periodsOf(e.userId);
    const periods = { ...before.periods, [e.id]: { startDate: e.startDate, endDate: e.endDate } };
    const membership = { exchangeId: e.id, federationId: e.federationId, kind: e.kind, fromSchoolId: e.fromSchoolId, toSchoolId: e.toSchoolId, fromSchoolName: from?.name, toSchoolName: to?.name, startDate: e.startDate, endDate: e.endDate };
    if ((await exchanges.save(e, before, periods, membership)) !== 'ok') continue;
    if (rating) await exchanges.assess(e, { rating, comment: '支教期间课堂教学扎实，带动了青山乡中心小学数学教研。', uploadIds: [], assessedBy: 'u-qingshan-admin', assessedAt: at });
  }
  await ctx.db.send(new PutCommand({ TableName: ctx.table, Item: { ...marker, at } }));
  return 'seeded';
}
