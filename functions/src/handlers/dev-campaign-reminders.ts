import * as z from 'zod/mini';
import { Id } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/campaigns';

const Query = z.strictObject({ campaignId: z.optional(Id) });

// Local stage only: runs the scheduled check-in reminder job now, optionally for one campaign (tests, and `npm start` between its own runs).
export const handler = route({ name: 'devRunCampaignReminders', access: 'public', query: Query }, ({ log, query }) =>
  services.reminders.sendDueLocally(log, query.campaignId),
);
