import { Picker, Text, View } from '@tarojs/components';
import type { School } from '@lianyan/shared';
import { FormField, SwitchRow } from '@/components/FormField';
import { AudienceField } from './Audience';
import { takesRegistrations, type DeadlineField } from './form';
import { FormNumber } from './Inputs';
import { withDeadline, withDeadlineReset, withSchoolToggled, type PartProps } from './model';

/** 参与范围: who takes part, how many, and for family sessions the registration, its deadlines and the waitlist. */
export function ScopeSection({ federationId, schools, ...part }: PartProps & { federationId: string; schools: School[] }) {
  const { form, errors, set, update } = part;
  return (
    <>
      <Text className='section-title'>参与范围</Text>
      <View className='card'>
        <AudienceField
          form={form}
          federationId={federationId}
          schools={schools}
          error={errors.audience}
          onChange={(change) => update((current) => ({ ...current, ...change }))}
          onToggleSchool={(id) => update((current) => withSchoolToggled(current, id))}
        />
        <FormField label='人数上限（可选）' name='capacity' error={errors.capacity}>
          <FormNumber {...part} name='capacity' placeholder='不限' />
        </FormField>
        <FormField label='报名' name='registrationRequired' error={errors.registrationRequired}>
          <SwitchRow label='需要提前报名' checked={form.registrationRequired} testId='edit-registrationRequired' onChange={(v) => set('registrationRequired', v)} />
        </FormField>
        {takesRegistrations(form) ? (
          <>
            <DeadlineField {...part} field='registrationDeadline' label='报名截止' />
            <DeadlineField {...part} field='cancelDeadline' label='取消报名截止' />
            <FormField label='候补' name='waitlist' error={errors.waitlist} hint='设置了人数上限时有效：有人取消后，候补家长依次递补。'>
              <SwitchRow label='名额满后可候补' checked={form.waitlist} testId='edit-waitlist' onChange={(v) => set('waitlist', v)} />
            </FormField>
          </>
        ) : null}
      </View>
    </>
  );
}

/** A deadline that is the start until set; 恢复为活动开始时间 unsets it. */
function DeadlineField({ form, errors, update, field, label }: PartProps & { field: DeadlineField; label: string }) {
  const date = form[`${field}Date`];
  const time = form[`${field}Time`];
  const isSet = Boolean(date || time);
  const valueClass = `picker-value${isSet ? '' : ' picker-value--muted'}`;
  return (
    <FormField label={label} name={field} error={errors[field]} {...(isSet ? {} : { hint: '未设置：与活动开始时间相同。' })}>
      <View className='row'>
        <Picker mode='date' value={date || form.startDate} onChange={(e) => update((current) => withDeadline(current, field, 'Date', String(e.detail.value)))}>
          <View className={valueClass} data-testid={`edit-${field}Date`}>{date || form.startDate}</View>
        </Picker>
        <Picker mode='time' value={time || form.startTime} onChange={(e) => update((current) => withDeadline(current, field, 'Time', String(e.detail.value)))}>
          <View className={valueClass} data-testid={`edit-${field}Time`}>{time || form.startTime}</View>
        </Picker>
      </View>
      {isSet ? (
        <Text className='edit-link' data-testid={`edit-${field}-reset`} onClick={() => update((current) => withDeadlineReset(current, field))}>
          恢复为活动开始时间
        </Text>
      ) : null}
    </FormField>
  );
}
