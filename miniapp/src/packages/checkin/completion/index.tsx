import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { periodsBetween, shiftPeriod, type CampaignCompletion } from '@lianyan/shared';
import { Choices } from '@/components/FormField';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { downloadExport } from '@/platform/download';
import { completionExportPath, getCompletion } from '@/services/campaigns';
import { errorMessage } from '@/utils/labels';
import { safeDecode } from '@/utils/links';
import { requirementLine } from '../parts/model';
import '../parts/checkin.scss';

type LoadState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; data: CampaignCompletion };
type View_ = 'missing' | 'people' | 'schools';

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

export default function CompletionPage() {
  const { params } = useRouter();
  const id = params.id ? safeDecode(params.id) : '';
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [tab, setTab] = useState<View_>('missing');
  const [exporting, setExporting] = useState(false);

  const load = useCallback(
    async (period?: string) => {
      setState({ kind: 'loading' });
      try {
        setState({ kind: 'ready', data: await getCompletion(id, period) });
      } catch (error) {
        setState({ kind: 'failed', message: errorMessage(error, '完成情况加载失败，请重试') });
      }
    },
    [id],
  );
  useLoad(() => void load());

  if (state.kind === 'loading') return <Text className='loading-text'>正在加载完成情况…</Text>;
  if (state.kind === 'failed') {
    return (
      <View className='checkin-page'>
        <LoadFailed title='完成情况加载失败' message={state.message} onRetry={() => void load()} testId='completion-error' />
      </View>
    );
  }
  const { data } = state;
  const { campaign } = data;
  const periods = periodsBetween(campaign.period, campaign.startDate, campaign.endDate);
  const index = periods.indexOf(data.period.period);
  const go = (step: number) => void load(shiftPeriod(campaign.period, data.period.period, step));
  const exportExcel = async () => {
    if (exporting) return;
    setExporting(true);
    try {
      await downloadExport(completionExportPath(campaign.id, data.period.period), 'xlsx', `${campaign.title}-${data.period.label}-完成情况`);
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '导出失败，请重试'), icon: 'none' });
    } finally {
      setExporting(false);
    }
  };
  const rows = tab === 'missing' ? data.missing : data.people;

  return (
    <View className='checkin-page' data-testid='completion-page'>
      <View className='card'>
        <Text className='card__title'>{campaign.title}</Text>
        <Text className='muted checkin-line'>{requirementLine(campaign)}</Text>
        <View className='completion-nav'>
          <Text className={`completion-nav__step${index <= 0 ? ' completion-nav__step--off' : ''}`} onClick={() => (index > 0 ? go(-1) : undefined)}>
            ‹ 上一期
          </Text>
          <Text className='completion-nav__period' data-testid='completion-period'>
            {data.period.label}
          </Text>
          <Text className={`completion-nav__step${index >= periods.length - 1 ? ' completion-nav__step--off' : ''}`} onClick={() => (index < periods.length - 1 ? go(1) : undefined)}>
            下一期 ›
          </Text>
        </View>
      </View>
      <View className='card'>
        <Choices
          name='completion-tab'
          options={[
            { value: 'missing', label: `本期未打卡（${data.missing.length}）` },
            { value: 'people', label: '按人员' },
            { value: 'schools', label: '按学校' },
          ]}
          selected={tab}
          onSelect={setTab}
        />
        {tab === 'schools' ? (
          <View className='completion-table' data-testid='completion-schools'>
            <View className='completion-table__row'>
              <Text className='completion-table__cell completion-table__cell--wide'>学校</Text>
              <Text className='completion-table__cell'>本期已打卡</Text>
              <Text className='completion-table__cell'>已完成</Text>
            </View>
            {data.schools.map((s) => (
              <View key={s.schoolId} className='completion-table__row'>
                <Text className='completion-table__cell completion-table__cell--wide'>{s.schoolName}</Text>
                <Text className='completion-table__cell'>
                  {s.checkedInThisPeriod}/{s.members}（{percent(s.periodRate)}）
                </Text>
                <Text className='completion-table__cell'>{s.completed}</Text>
              </View>
            ))}
          </View>
        ) : rows.length === 0 ? (
          <EmptyState title={tab === 'missing' ? '本期全部已打卡' : '还没有参与人员'} hint={tab === 'missing' ? '所有人都完成了这一期的打卡。' : '参与学校还没有教师或家长加入。'} />
        ) : (
          <View className='completion-table' data-testid={`completion-${tab}`}>
            <View className='completion-table__row'>
              <Text className='completion-table__cell'>姓名</Text>
              <Text className='completion-table__cell completion-table__cell--wide'>学校</Text>
              <Text className='completion-table__cell'>
                已打卡/{data.required}
              </Text>
              <Text className='completion-table__cell'>连续</Text>
            </View>
            {rows.map((p) => (
              <View key={p.userId} className='completion-table__row' data-testid='completion-person'>
                <Text className='completion-table__cell'>{p.name}</Text>
                <Text className='completion-table__cell completion-table__cell--wide'>{p.schoolName}</Text>
                <Text className='completion-table__cell'>{p.count}</Text>
                <Text className='completion-table__cell'>{p.streak}</Text>
              </View>
            ))}
          </View>
        )}
      </View>
      <View className='actions'>
        <Button className={`btn${exporting ? ' btn--disabled' : ''}`} data-testid='completion-export' onClick={() => void exportExcel()}>
          {exporting ? '正在导出…' : '导出 Excel'}
        </Button>
      </View>
    </View>
  );
}
