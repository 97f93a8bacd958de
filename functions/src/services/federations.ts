import { DEFAULT_RULES, type FederationWithSchools } from '@lianyan/shared';
import { notFound } from '#lib/errors';
import type { FederationRepository } from '#repositories/federations';

export function makeFederationService(deps: { federations: FederationRepository }) {
  return {
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
