import { route } from '#app';
import { services } from '#app/mentor-pairs';

export const handler = route({ name: 'listMyMentorPairs', access: 'authenticated' }, ({ auth }) => services.mentorPairs.mine(auth));
