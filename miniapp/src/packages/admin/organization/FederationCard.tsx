import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { FEDERATION_KIND_LABELS, STAGE_LABELS, type FederationWithSchools, type School } from '@lianyan/shared';
import { coreFirst, pendingMoveText, type Permissions } from './model';

interface FederationCardProps {
  item: FederationWithSchools;
  /** Every federation listed, to name where a school moves to. */
  all: readonly FederationWithSchools[];
  can: Permissions;
  onAddSchool: () => void;
  onEditSchool: (school: School) => void;
  onCancelMove: (school: School) => void;
  onEditRules: () => void;
}

export function FederationCard({ item, all, can, onAddSchool, onEditSchool, onCancelMove, onEditRules }: FederationCardProps) {
  const { federation, schools } = item;
  const runs = can.runsFederation(federation.id);
  return (
    <View className='card org-fed' data-testid={`org-federation-${federation.id}`}>
      <View className='org-fed__head'>
        <Text className='card__title'>{federation.name}</Text>
        <Text className='tag'>{FEDERATION_KIND_LABELS[federation.kind]}</Text>
      </View>
      <Text className='muted'>{schools.length} 所学校</Text>
      {schools.length === 0 ? <Text className='org-fed__empty'>还没有学校。添加的第一所学校即为核心校。</Text> : null}
      {coreFirst(schools).map((school) => (
        <View key={school.id} className='org-school' data-testid={`org-school-${school.id}`}>
          <View className='org-school__main'>
            <Text className='org-school__name'>{school.name}</Text>
            <View className='org-school__tags'>
              {school.isCore ? <Text className='badge badge--info'>核心校</Text> : null}
              {school.rural ? <Text className='badge badge--muted'>乡村</Text> : null}
              <Text className='badge badge--muted'>{STAGE_LABELS[school.stage]}</Text>
              {school.location ? null : <Text className='badge badge--warn'>未设置位置</Text>}
            </View>
            {school.address ? <Text className='org-school__address'>{school.address}</Text> : null}
            {school.pendingMove ? (
              <View className='org-school__move' data-testid={`org-move-${school.id}`}>
                <Text className='org-school__move-text'>{pendingMoveText(school.pendingMove, all)}</Text>
                {can.movesSchools ? (
                  <Text className='org-school__move-cancel' data-testid={`org-move-cancel-${school.id}`} onClick={() => onCancelMove(school)}>
                    撤销调整
                  </Text>
                ) : null}
              </View>
            ) : null}
          </View>
          {can.placesSchool(school) ? (
            <Button
              className='btn btn--secondary btn--small org-school__edit'
              data-testid={`org-people-${school.id}`}
              onClick={() => void Taro.navigateTo({ url: `/packages/admin/people/index?schoolId=${encodeURIComponent(school.id)}` })}
            >
              名册
            </Button>
          ) : null}
          {can.placesSchool(school) ? (
            <Button className='btn btn--secondary btn--small org-school__edit' data-testid={`org-edit-${school.id}`} onClick={() => onEditSchool(school)}>
              编辑
            </Button>
          ) : null}
        </View>
      ))}
      {runs ? (
        <>
          <Text className='muted org-fed__rules' data-testid={`org-rules-${federation.id}`}>
            学期指标：交流轮岗 挂职 {item.rules.exchangeCadresPerSemester} 人 · 支教走教 {item.rules.exchangeBackbonePerSemester} 人 · 师徒结对 {item.rules.mentorPairsPerSemester} 对
          </Text>
          <Button className='btn btn--secondary' data-testid={`org-edit-rules-${federation.id}`} onClick={onEditRules}>
            学期指标
          </Button>
          <Button className='btn btn--secondary' data-testid={`org-add-school-${federation.id}`} onClick={onAddSchool}>
            添加学校
          </Button>
        </>
      ) : null}
    </View>
  );
}
