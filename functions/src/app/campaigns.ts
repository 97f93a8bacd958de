import { ulid } from 'ulid';
import { config } from '#config';
import { access, federationRepository, resolveSecret, table } from '#app';
import { blobs } from '#clients';
import { systemClock } from '#lib/clock';
import { makeWechatClient } from '#lib/wechat';
import { makeCampaignRepository } from '#repositories/campaigns';
import { makeUploadRepository } from '#repositories/uploads';
import { makeUserRepository } from '#repositories/users';
import { makeAudienceResolver } from '#services/audience';
import { makeCampaignService } from '#services/campaigns';
import { makeCampaignReminderService } from '#services/campaigns-reminders';
import { makeUploadService } from '#services/uploads';

// Activity check-ins (打卡): campaigns, check-ins with photos, feeds, completion, reminders.
const campaigns = makeCampaignRepository(table);
const users = makeUserRepository(table);
const audience = makeAudienceResolver({ federations: federationRepository, users });
const uploads = makeUploadService({ uploads: makeUploadRepository(table), blobs, clock: systemClock, newId: ulid });

export const services = {
  campaigns: makeCampaignService({ campaigns, federations: federationRepository, users, audience, uploads, access, clock: systemClock, newId: ulid }),
  reminders: makeCampaignReminderService({
    campaigns,
    users,
    audience,
    wechat: makeWechatClient({
      apiBase: config.wechat.apiBase,
      appId: config.wechat.appId,
      getSecret: () => resolveSecret(config.wechat.secret, 'WeChat app secret'),
    }),
    clock: systemClock,
    templateId: config.wechat.checkInTemplateId,
    wechatAppId: config.wechat.appId,
    messageState: config.isLocal ? 'developer' : 'formal',
    localJobsEnabled: config.isLocal,
  }),
};
