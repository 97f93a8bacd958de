import { access, federationRepository } from '#app';
import { makeFederationService } from '#services/federations';

export const services = { federations: makeFederationService({ federations: federationRepository, access }) };
