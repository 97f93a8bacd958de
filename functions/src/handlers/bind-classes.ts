import { BindClassesQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/classes';

export const handler = route({ name: 'listBindClasses', access: 'authenticated', query: BindClassesQuery }, ({ query }) => services.classes.forInvite(query.inviteCode));
