import { useEffect, useState } from 'react';
import type { User } from '@lianyan/shared';
import { getCachedUser, onSessionChange } from '../services/session';

/** The signed-in user, kept current across sign-in, refresh and sign-out. */
export function useSessionUser(): User | null {
  const [user, setUser] = useState<User | null>(getCachedUser);
  useEffect(() => onSessionChange(setUser), []);
  return user;
}
