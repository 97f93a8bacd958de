import { useCallback, useEffect, useState } from 'react';
import { useSessionUser } from '@/hooks/useSessionUser';
import { listFederations } from '@/services/federations';
import { errorMessage } from '@/utils/labels';
import { adminSchools } from './schools';

type School = { id: string; name: string };
export type AdminSchools =
  | { kind: 'signedOut' }
  | { kind: 'loading' }
  | { kind: 'failed'; message: string; retry: () => void }
  | { kind: 'none' }
  | { kind: 'ready'; schools: School[]; school: School; choose: (id: string) => void };

/** The schools the signed-in user administers, and the one chosen (`preferred` from the page link, else the first). */
export function useAdminSchools(preferred?: string): AdminSchools {
  const user = useSessionUser();
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; schools: School[] }>({
    kind: 'loading',
  });
  const [chosen, setChosen] = useState(preferred ?? '');

  const load = useCallback(async () => {
    if (!user) return;
    setState({ kind: 'loading' });
    try {
      const { items } = await listFederations();
      setState({ kind: 'ready', schools: adminSchools(user, items) });
    } catch (error) {
      // Names are a nicety: without them the ids from the roles still work.
      const schools = adminSchools(user, []);
      setState(schools.length ? { kind: 'ready', schools } : { kind: 'failed', message: errorMessage(error, '加载失败，请重试') });
    }
  }, [user]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!user) return { kind: 'signedOut' };
  if (state.kind === 'loading') return state;
  if (state.kind === 'failed') return { ...state, retry: () => void load() };
  const school = state.schools.find((s) => s.id === chosen) ?? state.schools[0];
  if (!school) return { kind: 'none' };
  return { kind: 'ready', schools: state.schools, school, choose: setChosen };
}
