import { ACCESS_TRAIL_DAYS, type AccessKind, type AccessTrailEntry, type AccessTrailQuery } from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { badRequest, forbidden } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { AccessTrailRepository } from '#repositories/access-trail';

const DAY_MS = 86_400_000;
/** Whose data was read: the scope recorded, and where to look up the federation it belongs to. */
export type TrailTarget = { schoolId: string } | { sessionId: string } | { campaignId: string } | { federationId: string } | { userId: string } | { district: true };

function scopeOf(target: TrailTarget): string {
  if ('schoolId' in target) return `school:${target.schoolId}`;
  if ('sessionId' in target) return `session:${target.sessionId}`;
  if ('campaignId' in target) return `campaign:${target.campaignId}`;
  if ('federationId' in target) return `federation:${target.federationId}`;
  if ('userId' in target) return `user:${target.userId}`;
  return 'district';
}

/** Shanghai calendar days to the UTC instants the trail is keyed by. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
const dayEnd = (day: string) => new Date(`${day}T23:59:59.999+08:00`).toISOString();
const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The admin access trail: `record` is the one helper every handler that shows or exports other people's personal
 * data calls (rosters, parent lists, archives of others, attendance lists and exports) — one write each, before the
 * data leaves; `list` is what a district admin (everything) or a federation admin (their federation's) reads.
 */
export function makeAccessTrail(deps: { trail: AccessTrailRepository; clock: Clock; newId: () => string }) {
  const { trail, clock } = deps;

  async function federationOf(target: TrailTarget): Promise<string | undefined> {
    if ('federationId' in target) return target.federationId;
    if ('schoolId' in target || 'sessionId' in target || 'campaignId' in target) return trail.federationOf(target);
    return undefined;
  }

  return {
    async record(auth: AuthContext, kind: AccessKind, target: TrailTarget, format?: string): Promise<void> {
      const now = clock.now();
      const federationId = await federationOf(target);
      const entry: AccessTrailEntry = {
        id: deps.newId(),
        at: now.toISOString(),
        actorId: auth.userId,
        actorName: auth.name ?? '',
        kind,
        scope: scopeOf(target),
        ...(federationId ? { federationId } : {}),
        ...(format ? { format } : {}),
      };
      await trail.put(entry, Math.floor(now.getTime() / 1000) + ACCESS_TRAIL_DAYS * 86_400);
    },

    async list(auth: AuthContext, query: AccessTrailQuery) {
      const district = auth.roles.some((r) => r.role === 'districtAdmin');
      const federation = auth.roles.find((r) => r.role === 'federationAdmin' && 'federationId' in r.scope);
      if (!district && !federation) throw forbidden('只有区县或校联体管理员可以查看访问记录');
      const now = clock.now();
      const to = query.to ?? shanghaiDay(now);
      const from = query.from ?? shanghaiDay(new Date(now.getTime() - 30 * DAY_MS));
      if (from > to) throw badRequest('VALIDATION_FAILED', '开始日期不能晚于结束日期', { fieldErrors: { from: ['开始日期不能晚于结束日期'] } });
      const page = await trail.list(
        { from: dayStart(from), to: dayEnd(to) },
        {
          ...(district ? {} : { federationId: (federation!.scope as { federationId: string }).federationId }),
          ...(query.cursor ? { cursor: query.cursor } : {}),
        },
      );
      return { from, to, items: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  };
}
export type AccessTrail = ReturnType<typeof makeAccessTrail>;
