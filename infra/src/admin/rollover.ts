import type { RolloverReport } from '@lianyan/shared';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { systemClock } from '@lianyan/functions/lib/clock';
import { makeClassRepository } from '@lianyan/functions/repositories/classes';
import { makeFederationRepository } from '@lianyan/functions/repositories/federations';
import { makeInviteRepository } from '@lianyan/functions/repositories/invites';
import { makeOrganizationRepository } from '@lianyan/functions/repositories/organization';
import { makeAccessPolicy } from '@lianyan/functions/services/access';
import { makeClassService } from '@lianyan/functions/services/classes';
import { makeSchoolMoves } from '@lianyan/functions/services/school-moves';

/** The new school year, through the same service the scheduled job (rolloverSchoolYear) runs. */
export function rolloverSchoolYear(ctx: TableContext, request: { to: string; schoolIds?: readonly string[] }): Promise<RolloverReport> {
  const federations = makeFederationRepository(ctx);
  const service = makeClassService({
    classes: makeClassRepository(ctx),
    federations,
    invites: makeInviteRepository(ctx),
    access: makeAccessPolicy(federations),
    clock: systemClock,
    moves: makeSchoolMoves({ organization: makeOrganizationRepository(ctx), federations }),
  });
  return service.rollover(request);
}

/** What the command prints: one line per school and the totals. */
export function describeRollover(report: RolloverReport): string[] {
  const moves = report.moves.map((m) =>
    m.outcome === 'moved' ? `  ${m.schoolName}：自 ${report.to} 学年起转入校联体 ${m.toFederationId}（原 ${m.fromFederationId}）` : `  ${m.schoolName}：校联体调整未生效——${m.reason ?? ''}`,
  );
  if (report.schools.length === 0) return [`${report.from} 学年没有任何学校设置了班级，无需升级（${report.to}）。`, ...moves];
  const lines = [`学年升级：${report.from} → ${report.to}`, ...moves];
  for (const s of report.schools) {
    lines.push(
      `  ${s.schoolName}：新建班级 ${s.classesCreated} 个，毕业班级 ${s.classesGraduated} 个；学生升级 ${s.childrenAdvanced} 名，毕业 ${s.childrenGraduated} 名` +
        (s.childrenAlready ? `，此前已升级 ${s.childrenAlready} 名` : ''),
    );
  }
  const sum = (key: 'classesCreated' | 'childrenAdvanced' | 'childrenGraduated') => report.schools.reduce((n, s) => n + s[key], 0);
  lines.push(`合计 ${report.schools.length} 所学校：新建班级 ${sum('classesCreated')} 个，学生升级 ${sum('childrenAdvanced')} 名，毕业 ${sum('childrenGraduated')} 名。`);
  lines.push('再次运行不会重复升级；上一学年的班级和绑定仍可查询。');
  return lines;
}
