import type { RolloverMoveReport, School } from '@lianyan/shared';
import type { FederationRepository } from '#repositories/federations';
import type { OrganizationRepository } from '#repositories/organization';

/**
 * A school's move to another federation asked for the next school year waits on the school (`pendingMove`) until the
 * school-year rollover reaches that year: then it is applied, as a move from that year (placement, admins' access,
 * audiences; reports of the years before stay with the old federation). Found by Query on PENDINGMOVES#<year> (or,
 * when the rollover is limited to some schools, by reading those); each move is one conditional transaction that also
 * drops the index entry, so a second run, or two at once, apply it once.
 */
export function makeSchoolMoves(deps: { organization: OrganizationRepository; federations: FederationRepository }) {
  const { organization, federations } = deps;

  async function apply(school: School, to: string): Promise<RolloverMoveReport | undefined> {
    const move = school.pendingMove;
    if (!move || move.fromSchoolYear !== to) return undefined;
    const report = { schoolId: school.id, schoolName: school.name, fromFederationId: school.federationId, toFederationId: move.federationId };
    const target = await federations.getFederation(move.federationId);
    if (!target) return { ...report, outcome: 'refused', reason: '目标校联体不存在，调整未生效；请撤销后重新调整' };
    if (school.isCore) return { ...report, outcome: 'refused', reason: '这所学校现在是原校联体的核心校，调整未生效；请先把另一所学校设为核心校，再运行学年升级' };
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = attempt === 0 ? school : await federations.getSchool(school.id);
      if (!current?.pendingMove || current.pendingMove.fromSchoolYear !== to) return undefined;
      const coreless = attempt === 0 ? !target.coreSchoolId : !(await federations.getFederation(move.federationId))?.coreSchoolId;
      const outcome = await organization.moveSchool(current, move.federationId, to, coreless, true);
      if (outcome === 'moved') return { ...report, outcome: 'moved' };
      // 'changed': applied by another run at the same time, or cancelled (the next read finds no move); 'core_changed':
      // the target federation got its core school meanwhile — read it again.
    }
    return { ...report, outcome: 'refused', reason: '学校或目标校联体刚被修改，调整未生效；请再次运行学年升级' };
  }

  return {
    /** Applies the moves pending from the school year `to` (of `schoolIds` only, when given); what each became. */
    async applyPendingMoves(to: string, schoolIds?: readonly string[]): Promise<RolloverMoveReport[]> {
      const ids = schoolIds ?? (await organization.schoolIdsMovingFrom(to));
      const reports: RolloverMoveReport[] = [];
      for (const id of ids) {
        const school = await federations.getSchool(id);
        const report = school ? await apply(school, to) : undefined;
        if (report) reports.push(report);
      }
      return reports.sort((a, b) => a.schoolName.localeCompare(b.schoolName, 'zh-CN'));
    },
  };
}
export type SchoolMoves = ReturnType<typeof makeSchoolMoves>;
