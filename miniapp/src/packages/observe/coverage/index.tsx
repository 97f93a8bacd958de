import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { Coverage } from '@lianyan/shared';
import { Choices } from '@/components/FormField';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { useSessionUser } from '@/hooks/useSessionUser';
import { downloadExport } from '@/platform/download';
import { listFederations } from '@/services/federations';
import { coverageExportPath, getCoverage } from '@/services/observations';
import { errorMessage } from '@/utils/labels';
import { byWhom, headline, observerLine, scaleHint } from './model';
import './index.scss';

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; schools: Array<{ value: string; label: string }>; coverage?: Coverage };

/** 管理 → 听评课覆盖: this semester, who is not yet observed, every teacher by whom, leaders against their targets. */
export default function CoveragePage() {
  const user = useSessionUser();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [error, setError] = useState('');

  const load = useCallback(
    async (schoolId?: string) => {
      if (!user) return;
      setState({ kind: 'loading' });
      try {
        const federations = (await listFederations()).items;
        const managed = user.roles.flatMap((g) => ('schoolId' in g.scope && g.role !== 'parent' ? [g.scope.schoolId] : []));
        const all = federations.flatMap((f) => f.schools.map((s) => ({ value: s.id, label: s.name })));
        const schools = all.filter((s) => managed.includes(s.value)).concat(all.filter((s) => !managed.includes(s.value)));
        const chosen = schoolId ?? schools[0]?.value;
        setState({ kind: 'ready', schools, ...(chosen ? { coverage: await getCoverage(chosen) } : {}) });
      } catch (e) {
        setState({ kind: 'failed', message: errorMessage(e, '覆盖情况加载失败，请重试') });
      }
    },
    [user],
  );
  useDidShow(() => void load(state.kind === 'ready' ? state.coverage?.schoolId : undefined));

  const exportFile = async (c: Coverage) => {
    setError('');
    try {
      await downloadExport(coverageExportPath(c.schoolId), 'xlsx', `${c.schoolName}听评课覆盖${c.semester}`);
    } catch (e) {
      setError(errorMessage(e, '导出失败，请稍后重试'));
    }
  };

  const c = state.kind === 'ready' ? state.coverage : undefined;
  return (
    <View className='observe-coverage' data-testid='observe-coverage-page'>
      {state.kind === 'loading' ? <Text className='loading-text'>正在加载…</Text> : null}
      {state.kind === 'failed' ? <LoadFailed title='无法加载听评课覆盖' message={state.message} onRetry={() => void load()} testId='coverage-error' /> : null}
      {state.kind === 'ready' && state.schools.length > 1 ? (
        <View className='card'>
          <Choices name='coverage-school' options={state.schools} selected={c?.schoolId ?? ''} onSelect={(id) => void load(id)} />
        </View>
      ) : null}
      {state.kind === 'ready' && !c ? (
        <View className='card'>
          <EmptyState title='还没有学校' hint='请先在「组织架构」中新建学校。' />
        </View>
      ) : null}
      {c ? (
        <>
          <View className='card'>
            <Text className='card__title' data-testid='coverage-headline'>
              {c.schoolName} · {c.semester} · {headline(c)}
            </Text>
            <Button className='btn btn--secondary' data-testid='coverage-export' onClick={() => void exportFile(c)}>
              导出 Excel
            </Button>
            {error ? <Text className='error-text'>{error}</Text> : null}
          </View>
          <View className='card' data-testid='coverage-missing'>
            <Text className='card__title'>尚未被听课（{c.notObserved.length}）</Text>
            {c.notObserved.length === 0 ? <EmptyState title='全部教师都已被听课' hint='本学期已实现听评课全覆盖。' /> : null}
            {c.notObserved.map((t) => (
              <View key={t.id} className='coverage-row' data-testid={`missing-${t.id}`}>
                <Text className='coverage-row__name'>{t.name}</Text>
              </View>
            ))}
          </View>
          <View className='card'>
            <Text className='card__title'>领导听课进度</Text>
            {c.observers.length === 0 ? <EmptyState title='本校没有设定听课目标的领导' hint='在教师名册中为校长、副校长、教导主任设置职务。' /> : null}
            {c.observers.map((o) => (
              <View key={o.id} className='coverage-row' data-testid={`observer-${o.id}`}>
                <Text className='coverage-row__name'>
                  {o.name} <Text className='muted'>{o.position}</Text>
                </Text>
                <Text className={o.onTrack ? 'badge badge--ok' : 'badge badge--warn'}>{observerLine(o)}</Text>
              </View>
            ))}
          </View>
          <View className='card' data-testid='coverage-dimensions'>
            <Text className='card__title'>各维度平均（满分 100）</Text>
            {c.dimensions.length === 0 ? <Text className='muted'>本学期还没有按量表评分的听课记录</Text> : null}
            {c.dimensions.map((g) => (
              <View key={g.scaleId} className='coverage-dims'>
                <Text className='muted'>{scaleHint(g)}</Text>
                {g.dimensions.map((d) => (
                  <View key={d.name} className='coverage-dims__bar'>
                    <Text className='coverage-dims__name'>{d.name}</Text>
                    <View className='coverage-dims__track'>
                      <View className='coverage-dims__fill' style={{ width: `${Math.min(100, Math.max(0, d.score))}%` }} />
                    </View>
                    <Text className='coverage-dims__score'>{d.score}</Text>
                  </View>
                ))}
              </View>
            ))}
          </View>
          <View className='card'>
            <Text className='card__title'>全部教师</Text>
            {c.teachers.map((t) => (
              <View key={t.id} className='coverage-row'>
                <Text className='coverage-row__name'>{t.name}</Text>
                <Text className='muted'>{t.count ? `${t.count} 次 · ${byWhom(t)}` : '未被听课'}</Text>
              </View>
            ))}
          </View>
        </>
      ) : null}
    </View>
  );
}
