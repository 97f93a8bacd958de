import { route } from '#app';
import { services } from '#app/records';
import { ATTENDEES } from '#lib/access';

/** 待提交心得: sessions I signed in to whose reflection is asked for and not yet submitted, nearest deadline first. */
export const handler = route({ name: 'listMyPendingReflections', access: ATTENDEES }, ({ auth }) => services.records.pending(auth));
