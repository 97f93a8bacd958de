import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { schoolYearLabel, SESSION_KIND_LABELS, type FamilyHistory, type Material, type SessionKind } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { getFamilyHistory } from '@/services/family';
import { errorMessage, hoursLabel } from '@/utils/labels';
import { formatRange } from '@/utils/time';
import { PrivacySheet } from '@/components/PrivacySheet';
import { copyText } from '@/platform/clipboard';
import '../family.scss';

type LoadState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; data: FamilyHistory };

const MATERIAL_LABELS: Record<Material['kind'], string> = { slides: '课件', video: '视频', link: '链接' };

const yearLabel = schoolYearLabel;

function copyLink(material: Material) {
  void copyText(material.url).then((copied) => {
    if (copied) void Taro.showToast({ title: '链接已复制，可在浏览器打开', icon: 'none' });
  });
}

/** 学习记录: the family sessions the parent attended, 家长学校学时 per school year, and the materials of each. */
export default function FamilyHistoryPage() {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', data: await getFamilyHistory() });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '学习记录加载失败，请重试') });
    }
  }, []);
  useDidShow(() => void load());

  if (state.kind === 'loading') return <Text className='loading-text'>正在加载…</Text>;
  if (state.kind === 'failed') {
    return (
      <View className='family-page'>
        <View className='family-intro' />
        <LoadFailed title='学习记录加载失败' message={state.message} onRetry={() => void load()} testId='history-error' />
      </View>
    );
  }
  const { data } = state;
  return (
    <View className='family-page' data-testid='family-history'>
      <PrivacySheet />
      <View className='family-intro'>
        <Text className='family-intro__title'>家长学校学时</Text>
        <Text className='total-hours' data-testid='history-total'>
          {hoursLabel(data.totalHours)}
        </Text>
        <Text className='muted'>按学年（每年 9 月 1 日起）统计参加家庭教育活动的学时。</Text>
      </View>
      {data.years.length === 0 ? (
        <View className='card' data-testid='history-empty'>
          <EmptyState title='还没有参加记录' hint='参加家庭教育讲座并扫码签到后，学时和讲座资料会出现在这里。' />
        </View>
      ) : null}
      {data.years.map((year) => (
        <View key={year.schoolYear} className='card year-card' data-testid={`history-year-${year.schoolYear}`}>
          <View className='year-card__head'>
            <Text className='year-card__title'>{yearLabel(year.schoolYear)}</Text>
            <Text className='year-card__hours'>{hoursLabel(year.hours)}</Text>
          </View>
          {year.sessions.map((s) => (
            <View key={s.sessionId} className='history-item' data-testid={`history-session-${s.sessionId}`}>
              <Text className='history-item__title'>{s.title}</Text>
              <Text className='history-item__meta'>
                {SESSION_KIND_LABELS[s.kind as SessionKind] ?? ''} · {formatRange(s.startAt, s.endAt)} · {hoursLabel(s.hours)}
              </Text>
              {s.speaker ? <Text className='history-item__meta'>主讲：{s.speaker}</Text> : null}
              {s.materials.map((m) => (
                <Text key={m.url} className='history-item__material' onClick={() => copyLink(m)}>
                  {MATERIAL_LABELS[m.kind]}：{m.title}（复制链接）
                </Text>
              ))}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
