import { route } from '#app';
import { services } from '#app/family';

// Local stage only: runs the scheduled reminder job now (tests, and `npm start` between its own runs).
export const handler = route({ name: 'devRunReminders', access: 'public' }, ({ log }) => services.reminders.sendDueLocally(log));
