import { DEFAULT_RULES, type FederationRules, type FederationWithSchools, type UpdateRulesRequest } from '@lianyan/shared';
import { backoff } from '#lib/dynamo';
import { conflict, forbidden, notFound } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { FederationRepository } from '#repositories/federations';
import type { AccessPolicy } from './access.ts';

export function makeFederationService(deps: { federations: FederationRepository; access: AccessPolicy }) {
  return {
    /** The caller's federations with their schools; a district admin's are all of them. */
    async listForUser(auth: AuthContext): Promise<{ items: FederationWithSchools[] }> {
      const ids = deps.access.holds(auth, 'districtAdmin', {})
        ? (await deps.federations.listFederations()).map((f) => f.id)
        : await deps.access.federationIdsOf(auth);
      return { items: await Promise.all(ids.map((id) => this.getWithSchools(id))) };
    },

    /** A federation as its members see it (the district admin sees every one); another federation is "not found". */
    async getForUser(auth: AuthContext, federationId: string): Promise<FederationWithSchools> {
      const member = deps.access.holds(auth, 'districtAdmin', {}) || (await deps.access.federationIdsOf(auth)).includes(federationId);
      if (!member) throw notFound('校联体不存在');
      return this.getWithSchools(federationId);
    },

    async getWithSchools(federationId: string): Promise<FederationWithSchools> {
      const [federation, schools, rules] = await Promise.all([
        deps.federations.getFederation(federationId),
        deps.federations.listSchoolsOfFederation(federationId),
        deps.federations.getRules(federationId),
      ]);
      if (!federation) throw notFound('校联体不存在');
      return { federation, schools, rules: { ...DEFAULT_RULES, ...rules } };
    },

    /** Targets and quotas (学时, 听课, 联合教研, 捆绑考核 weight) are the federation's own: its admins change them. */
    async updateRules(auth: AuthContext, federationId: string, change: UpdateRulesRequest): Promise<FederationRules> {
      if (!(await deps.federations.getFederation(federationId))) throw notFound('校联体不存在');
      if (!(await deps.access.administers(auth, { federationId }))) throw forbidden('只有本校联体的管理员可以修改考核指标');
      // Read, merge, save if nobody saved in between; else merge again: two admins changing different targets at once both land.
      for (let attempt = 0; attempt < 5; attempt++) {
        const stored = await deps.federations.getRulesVersioned(federationId);
        const current = { ...DEFAULT_RULES, ...stored.rules };
        const next: FederationRules = {
          ...current,
          ...change,
          lessonsObservedPerSemester: { ...current.lessonsObservedPerSemester, ...change.lessonsObservedPerSemester },
        } as FederationRules;
        if ((await deps.federations.saveRules(federationId, next, stored.version)) === 'ok') return next;
        await backoff(attempt);
      }
      throw conflict('CONFLICT', '考核指标正被他人同时修改，请刷新后重试');
    },
  };
}
