import { DEFAULT_RULES, type FederationWithSchools } from '@lianyan/shared';
import { notFound } from '#lib/errors';
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

    async getWithSchools(federationId: string): Promise<FederationWithSchools> {
      const [federation, schools, rules] = await Promise.all([
        deps.federations.getFederation(federationId),
        deps.federations.listSchoolsOfFederation(federationId),
        deps.federations.getRules(federationId),
      ]);
      if (!federation) throw notFound('校联体不存在');
      return { federation, schools, rules: { ...DEFAULT_RULES, ...rules } };
    },
  };
}
