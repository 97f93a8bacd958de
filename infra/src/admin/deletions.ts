import type { BlobStore } from '@lianyan/functions/lib/blobs';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { systemClock, type Clock } from '@lianyan/functions/lib/clock';
import { makeErasureRepository } from '@lianyan/functions/repositories/erasure';
import { makeErasureLinksRepository } from '@lianyan/functions/repositories/erasure-links';
import { makeUserRepository } from '@lianyan/functions/repositories/users';
import { makeDeletionService } from '@lianyan/functions/services/deletion';

/**
 * Erases the accounts whose 注销 cooling-off has ended, through the same service the scheduled job
 * (eraseDeletedAccounts) runs. `clock` lets tests stand 15 days later; the command uses the real time.
 */
export function eraseDueAccounts(ctx: TableContext, options: { clock?: Clock; blobs?: BlobStore } = {}) {
  const service = makeDeletionService({
    users: makeUserRepository(ctx),
    erasure: makeErasureRepository(ctx),
    links: makeErasureLinksRepository(ctx),
    blobs: options.blobs,
    clock: options.clock ?? systemClock,
  });
  return service.runDue();
}

export function describeErasure(run: { erased: number; skipped: number }): string[] {
  return [`已注销账号 ${run.erased} 个${run.skipped ? `；跳过 ${run.skipped} 个（已撤销或未到期）` : ''}。`, '再次运行只处理新到期的申请。'];
}
