import { route } from '#app';
import { services } from '#app/campaigns';

// Local stage only: runs the scheduled check-in reminder job now (tests, and `npm start` between its own runs).
export const handler = route({ name: 'devRunCampaignReminders', access: 'public' }, ({ log }) => services.reminders.sendDueLocally(log));
