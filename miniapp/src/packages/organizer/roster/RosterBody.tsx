import { Button, Text, View } from '@tarojs/components';
import { ATTENDANCE_FLAG_LABELS, ATTENDANCE_STATUS_LABELS, type Roster } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import type { ExportFormat } from '@/platform/download';
import { attendanceTone } from '@/utils/labels';
import { formatClock } from '@/utils/time';
import { notSignedIn, ROSTER_TABS, rowsOf, type RosterRow, type RosterTab } from './model';

interface RosterBodyProps {
  roster: Roster | null;
  error: string;
  tab: RosterTab;
  onTab: (tab: RosterTab) => void;
  schoolNames: Record<string, string>;
  onPick: (row: RosterRow) => void;
  onExport: (format: ExportFormat) => void;
  busy: string;
}

export function RosterBody({ roster, error, tab, onTab, schoolNames, onPick, onExport, busy }: RosterBodyProps) {
  if (!roster) {
    return error ? (
      <View className='card'>
        <EmptyState title='签到名单加载失败' hint={error} />
      </View>
    ) : (
      <Text className='loading-text'>正在加载签到名单…</Text>
    );
  }
  const { summary } = roster;
  const cards = [
    { key: 'expected', label: '应到', value: summary.expected },
    { key: 'signedIn', label: '已签到', value: summary.signedIn },
    { key: 'late', label: '迟到', value: summary.late },
    { key: 'notSignedIn', label: '未签到', value: notSignedIn(summary) },
    { key: 'leftEarly', label: '早退', value: summary.leftEarly },
    { key: 'flagged', label: '异常', value: summary.flagged },
  ];
  const rows = rowsOf(roster, tab);
  return (
    <View>
      <View className='roster-summary' data-testid='roster-summary'>
        {cards.map((card) => (
          <View key={card.key} className={`roster-summary__card roster-summary__card--${card.key}`}>
            <Text className='roster-summary__value' data-testid={`roster-count-${card.key}`}>
              {card.value}
            </Text>
            <Text className='roster-summary__label'>{card.label}</Text>
          </View>
        ))}
      </View>
      {error ? <Text className='roster-warning'>{error}，正在重试</Text> : null}

      <View className='roster-exports'>
        <Button className='btn btn--secondary btn--small' data-testid='roster-export-csv' onClick={() => onExport('csv')}>
          {busy === 'export-csv' ? '正在导出…' : '导出 CSV'}
        </Button>
        <Button className='btn btn--secondary btn--small' data-testid='roster-export-xlsx' onClick={() => onExport('xlsx')}>
          {busy === 'export-xlsx' ? '正在导出…' : '导出 Excel'}
        </Button>
      </View>

      <View className='roster-tabs' data-testid='roster-tabs'>
        {ROSTER_TABS.map((t) => (
          <View
            key={t.key}
            className={`roster-tabs__item${t.key === tab ? ' roster-tabs__item--on' : ''}`}
            data-testid={`roster-tab-${t.key}`}
            onClick={() => onTab(t.key)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>

      <View className='card roster-list' data-testid='roster-list'>
        {rows.length === 0 ? <Text className='muted'>暂无人员</Text> : null}
        {rows.map((row) => (
          <PersonRow key={row.kind === 'record' ? row.item.userId : `m-${row.userId}`} row={row} schoolNames={schoolNames} onPick={onPick} />
        ))}
      </View>
      <Text className='muted roster-hint'>点击人员可手动修改签到状态，每 5 秒自动刷新。</Text>
    </View>
  );
}

function PersonRow({ row, schoolNames, onPick }: { row: RosterRow; schoolNames: Record<string, string>; onPick: (row: RosterRow) => void }) {
  const userId = row.kind === 'record' ? row.item.userId : row.userId;
  const schoolId = row.kind === 'record' ? row.item.schoolId : row.schoolId;
  const school = schoolId ? (schoolNames[schoolId] ?? '') : '';
  if (row.kind === 'missing') {
    return (
      <View className='person' data-testid={`roster-person-${userId}`} onClick={() => onPick(row)}>
        <View className='person__main'>
          <Text className='person__name'>{row.name}</Text>
          <Text className='person__meta'>{school}</Text>
        </View>
        <Text className='badge badge--muted'>未签到</Text>
      </View>
    );
  }
  const { item } = row;
  const times = [item.signedInAt ? `签到 ${formatClock(item.signedInAt)}` : '', item.signedOutAt ? `签退 ${formatClock(item.signedOutAt)}` : '']
    .filter(Boolean)
    .join(' · ');
  return (
    <View className='person' data-testid={`roster-person-${userId}`} onClick={() => onPick(row)}>
      <View className='person__main'>
        <Text className='person__name'>{item.name}</Text>
        <Text className='person__meta'>{[school, times].filter(Boolean).join(' · ')}</Text>
        {item.flags.length > 0 ? (
          <View className='person__flags'>
            {item.flags.map((flag) => (
              <Text key={flag} className='person__flag'>
                {ATTENDANCE_FLAG_LABELS[flag]}
              </Text>
            ))}
          </View>
        ) : null}
      </View>
      <Text className={`badge badge--${attendanceTone(item.status)}`} data-testid='roster-person-status'>
        {ATTENDANCE_STATUS_LABELS[item.status]}
      </Text>
    </View>
  );
}
