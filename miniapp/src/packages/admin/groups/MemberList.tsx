import { Button, Text, View } from '@tarojs/components';
import type { GroupDetail } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { MEMBER_VIA_LABELS, membersBySchool, type GroupAction } from './model';

interface MemberListProps {
  detail: GroupDetail;
  busy: boolean;
  onAction: (action: GroupAction) => void;
}

/** Members by school; admins make a member the leader or take them out, and bring back those taken out. */
export function MemberList({ detail, busy, onAction }: MemberListProps) {
  const manage = detail.canManage;
  return (
    <View className='card' data-testid='group-members'>
      <Text className='card__title'>成员（{detail.members.length} 人）</Text>
      <Text className='muted'>
        本校联体任教{detail.group.grade}
        {detail.group.subject}的教师自动加入；也可手动添加或移出。
      </Text>
      {detail.members.length === 0 ? <EmptyState title='还没有成员' hint='名册中任教该年级该学科的教师会自动加入，也可在下方添加。' /> : null}
      {membersBySchool(detail.members).map((school) => (
        <View key={school.schoolId}>
          <Text className='group-school'>
            {school.schoolName} · {school.members.length} 人
          </Text>
          {school.members.map((m) => (
            <View key={m.id} className='group-member' data-testid={`group-member-${m.id}`}>
              <View className='group-member__main'>
                <Text className='group-member__name'>{m.name}</Text>
                <Text className='muted'>{m.subjects.join('、') || '未填学科'}</Text>
              </View>
              {m.leader ? <Text className='badge badge--info'>组长</Text> : <Text className='badge badge--muted'>{MEMBER_VIA_LABELS[m.via]}</Text>}
              {manage && !m.leader ? (
                <View className='group-member__actions'>
                  <Button className='btn btn--secondary btn--small' data-testid={`group-leader-${m.id}`} disabled={busy} onClick={() => onAction({ kind: 'leader', personId: m.id })}>
                    设为组长
                  </Button>
                  <Button className='btn btn--secondary btn--small' data-testid={`group-remove-${m.id}`} disabled={busy} onClick={() => onAction({ kind: 'remove', personId: m.id })}>
                    移出
                  </Button>
                </View>
              ) : null}
            </View>
          ))}
        </View>
      ))}
      {manage && detail.removed.length > 0 ? (
        <View data-testid='group-removed'>
          <Text className='group-school'>已移出（任教匹配，但不在本组）</Text>
          {detail.removed.map((r) => (
            <View key={r.id} className='group-member'>
              <Text className='group-member__main'>{r.name}</Text>
              <Button className='btn btn--secondary btn--small' data-testid={`group-restore-${r.id}`} disabled={busy} onClick={() => onAction({ kind: 'add', personId: r.id })}>
                恢复
              </Button>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
