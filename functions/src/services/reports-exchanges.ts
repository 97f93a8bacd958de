import { schoolYearRange, type Exchange } from '@lianyan/shared';
import type { ExchangeRepository } from '#repositories/exchanges';

// 交流轮岗 in the reports (issue 16): the federation's register for a school year, one Query (GSI1 FED#<fid> /
// EXCHANGE#…); the figures are in shared/src/reports-exchanges.ts.

export type ExchangeRegister = Pick<ExchangeRepository, 'listOfFederation'>;

/** The federation's exchanges that share a day with the school year (none without a register). */
export function registerOf(exchanges: ExchangeRegister | undefined, federationId: string, year: string): Promise<Exchange[]> {
  return exchanges ? exchanges.listOfFederation(federationId, schoolYearRange(year)) : Promise.resolve([]);
}
