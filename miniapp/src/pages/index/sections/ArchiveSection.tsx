import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { schoolYearOf, type ArchiveSummary } from '@lianyan/shared';
import { LoadFailed } from '@/components/LoadFailed';
import { ProgressRing } from '@/components/ProgressRing';
import { getArchiveSummary } from '@/services/archive';
import { errorMessage, formatHours } from '@/utils/labels';
import { ARCHIVE_PAGES } from '@/utils/links';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; summary: ArchiveSummary };

/** 档案 on the home page: this school year at a glance, and the way into 我的档案. */
export function ArchiveSection() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', summary: await getArchiveSummary({ year: schoolYearOf(new Date()) }) });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '档案加载失败，请重试') });
    }
  }, []);
  // Mounted when the tab is chosen; shown again when coming back from the archive pages.
  useEffect(() => {
    void load();
  }, [load]);
  useDidShow(() => {
    void load();
  });

  const open = () => void Taro.navigateTo({ url: ARCHIVE_PAGES.mine });
  const add = () => void Taro.navigateTo({ url: ARCHIVE_PAGES.edit });

  return (
    <View data-testid='section-archive'>
      {state.kind === 'loading' ? (
        <View className='card'>
          <Text className='loading-text'>正在加载档案…</Text>
        </View>
      ) : null}
      {state.kind === 'failed' ? <LoadFailed title='档案加载失败' message={state.message} onRetry={() => void load()} /> : null}
      {state.kind === 'ready' ? (
        <View className='card archive-glance' hoverClass='tile--pressed' onClick={open}>
          <View className='archive-glance__head'>
            <Text className='card__title'>我的档案</Text>
            <Text className={`badge badge--${state.summary.onTrack ? 'ok' : 'warn'}`}>{state.summary.onTrack ? '进度正常' : '进度落后'}</Text>
          </View>
          <View className='archive-glance__rings'>
            <ProgressRing
              label='本学年学时'
              value={state.summary.training.hours}
              target={state.summary.training.target}
              valueText={formatHours(state.summary.training.hours)}
              testId='home-ring-hours'
            />
            {state.summary.observations.target ? (
              <ProgressRing
                label='本学期听课'
                value={state.summary.observations.count}
                target={state.summary.observations.target}
                valueText={String(state.summary.observations.count)}
              />
            ) : (
              <ProgressRing
                label='周期学时'
                value={state.summary.training.cycleHours}
                target={state.summary.training.cycleTarget}
                valueText={formatHours(state.summary.training.cycleHours)}
              />
            )}
          </View>
          {state.summary.pending > 0 ? <Text className='archive-glance__pending'>{state.summary.pending} 条记录待学校审核</Text> : null}
        </View>
      ) : null}
      <View className='actions'>
        <Button className='btn' data-testid='archive-open' onClick={open}>
          查看我的档案
        </Button>
        <Button className='btn btn--secondary' data-testid='archive-home-add' onClick={add}>
          添加记录
        </Button>
      </View>
    </View>
  );
}
