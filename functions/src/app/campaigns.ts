import { ulid } from 'ulid';
import { config } from '#config';
import { access, federationRepository, table } from '#app';
import { blobs } from '#clients';
import { systemClock } from '#lib/clock';
import { makeCampaignRepository } from '#repositories/campaigns';
import { makeUploadRepository } from '#repositories/uploads';
import { makeExchangeRepository } from '#repositories/exchanges';
import { makeUserRepository } from '#repositories/users';
import { makeAudienceResolver } from '#services/audience';
import { makeCampaignService } from '#services/campaigns';
import { makeCampaignReminderService } from '#services/campaigns-reminders';
import { makeUploadService } from '#services/uploads';
import { reminderDelivery } from './reminder-channels.ts';

// Activity check-ins (打卡): campaigns, check-ins with photos, feeds, completion, reminders.
const campaigns = makeCampaignRepository(table);
const users = makeUserRepository(table);
const audience = makeAudienceResolver({ federations: federationRepository, users, exchanges: makeExchangeRepository(table) });
const uploads = makeUploadService({ uploads: makeUploadRepository(table), blobs, clock: systemClock, newId: ulid });

export const services = {
  campaigns: makeCampaignService({ campaigns, federations: federationRepository, users, audience, uploads, access, clock: systemClock, newId: ulid }),
  reminders: makeCampaignReminderService({
    campaigns,
    audience,
    delivery: reminderDelivery(config.wechat.checkInTemplateId),
    templateId: config.wechat.checkInTemplateId,
    clock: systemClock,
    localJobsEnabled: config.isLocal,
  }),
};
