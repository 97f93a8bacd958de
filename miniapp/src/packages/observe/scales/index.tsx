import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { ObservationScale } from '@lianyan/shared';
import { Choices } from '@/components/FormField';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { useSessionUser } from '@/hooks/useSessionUser';
import { listFederations } from '@/services/federations';
import { createScale, listScales, updateScale } from '@/services/observations';
import { errorMessage } from '@/utils/labels';
import { draftOf, requestOf, scaleSummary, type ScaleDraft } from './model';
import { ScaleEditor } from './ScaleEditor';
import './index.scss';

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; federations: Array<{ value: string; label: string }>; federationId: string; scales: ObservationScale[] };
type Editing = { scale?: ObservationScale; draft: ScaleDraft } | null;

/** 管理 → 课堂观察量表: the federation's scales; its admins create one or save a change as the next version. */
export default function ScalesPage() {
  const user = useSessionUser();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [editing, setEditing] = useState<Editing>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');

  const load = useCallback(
    async (federationId?: string) => {
      if (!user) return;
      setState({ kind: 'loading' });
      try {
        const own = user.roles.flatMap((g) => (g.role === 'federationAdmin' && 'federationId' in g.scope ? [g.scope.federationId] : []));
        const federations = (await listFederations()).items
          .filter(({ federation }) => own.length === 0 || own.includes(federation.id))
          .map(({ federation }) => ({ value: federation.id, label: federation.name }));
        const chosen = federationId ?? federations[0]?.value ?? '';
        setState({ kind: 'ready', federations, federationId: chosen, scales: chosen ? (await listScales(chosen)).items : [] });
      } catch (e) {
        setState({ kind: 'failed', message: errorMessage(e, '量表加载失败，请重试') });
      }
    },
    [user],
  );
  useDidShow(() => void load(state.kind === 'ready' ? state.federationId : undefined));

  const open = (scale?: ObservationScale) => {
    setError('');
    setEditing({ ...(scale ? { scale } : {}), draft: draftOf(scale) });
  };

  const save = async () => {
    if (!editing || saving || state.kind !== 'ready') return;
    const checked = requestOf(editing.draft);
    if (!checked.ok) return setError(checked.message);
    setSaving(true);
    setError('');
    try {
      if (editing.scale) await updateScale(editing.scale.id, checked.body, editing.scale.version);
      else await createScale(state.federationId, checked.body);
      setEditing(null);
      await load(state.federationId);
    } catch (e) {
      setError(errorMessage(e, '保存失败，请稍后重试'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='observe-scales' data-testid='observe-scales-page'>
      {state.kind === 'loading' ? <Text className='loading-text'>正在加载…</Text> : null}
      {state.kind === 'failed' ? <LoadFailed title='无法加载课堂观察量表' message={state.message} onRetry={() => void load()} testId='scales-error' /> : null}
      {state.kind === 'ready' && state.federations.length > 1 && !editing ? (
        <View className='card'>
          <Choices name='scales-federation' options={state.federations} selected={state.federationId} onSelect={(id) => void load(id)} />
        </View>
      ) : null}
      {state.kind === 'ready' && !state.federationId ? (
        <View className='card'>
          <EmptyState title='还没有校联体' hint='创建校联体后，可以为它制定课堂观察量表。' />
        </View>
      ) : null}
      {editing ? (
        <ScaleEditor
          draft={editing.draft}
          onChange={(draft) => setEditing({ ...editing, draft })}
          onSave={() => void save()}
          onCancel={() => setEditing(null)}
          saving={saving}
          error={error}
          version={editing.scale?.version}
        />
      ) : null}
      {state.kind === 'ready' && state.federationId && !editing ? (
        <>
          <View className='card'>
            <Button className='btn' data-testid='scale-new' onClick={() => open()}>
              新建量表
            </Button>
          </View>
          {state.scales.map((scale) => (
            <View key={scale.id} className='card' data-testid={`scale-${scale.id}`}>
              <View className='observe-scales__head'>
                <Text className='card__title'>{scale.name}</Text>
                {scale.builtIn ? <Text className='badge'>内置</Text> : null}
              </View>
              <Text className='muted'>{scaleSummary(scale)}</Text>
              <Text className='observe-scales__dims'>{scale.dimensions.map((d) => `${d.name} ${d.weight}%`).join(' · ')}</Text>
              {scale.builtIn ? (
                <Text className='muted'>随产品提供，不能修改；可新建一个量表再调整</Text>
              ) : (
                <Button className='btn btn--secondary btn--small' data-testid={`scale-edit-${scale.id}`} onClick={() => open(scale)}>
                  修改
                </Button>
              )}
            </View>
          ))}
        </>
      ) : null}
    </View>
  );
}
