import { Text, View } from '@tarojs/components';
import { Choices, FormField, SwitchRow } from '@/components/FormField';
import { FormNumber } from './Inputs';
import { CREDIT_OPTIONS, type PartProps } from './model';

/** 签到规则: when sign-in opens, counts as late and closes; 签退; the hours and how they are counted; the QR's refresh. */
export function RulesSection(part: PartProps) {
  const { form, errors, set } = part;
  return (
    <>
      <Text className='section-title'>签到规则</Text>
      <View className='card'>
        <FormField label='签到时间（分钟）' name='signIn' error={errors.signIn}>
          <View className='stack'>
            <View className='row'>
              <Text className='row__unit'>开始前</Text>
              <FormNumber {...part} name='opensBeforeMin' />
              <Text className='row__unit'>分钟开放签到</Text>
            </View>
            <View className='row'>
              <Text className='row__unit'>开始后</Text>
              <FormNumber {...part} name='lateAfterMin' />
              <Text className='row__unit'>分钟记为迟到</Text>
            </View>
            <View className='row'>
              <Text className='row__unit'>结束后</Text>
              <FormNumber {...part} name='closesAfterEndMin' />
              <Text className='row__unit'>分钟关闭签到</Text>
            </View>
          </View>
        </FormField>
        <FormField label='签退' name='signOutRequired' error={errors.signOutRequired}>
          <SwitchRow label='需要扫码签退' checked={form.signOutRequired} testId='edit-signOutRequired' onChange={(v) => set('signOutRequired', v)} />
        </FormField>
        <FormField label='学时' name='creditHours' error={errors.creditHours}>
          <FormNumber {...part} name='creditHours' placeholder='2' decimal />
        </FormField>
        <FormField label='学时计算' name='creditRule' error={errors.creditRule}>
          <Choices name='edit-creditMode' options={CREDIT_OPTIONS} selected={form.creditMode} onSelect={(v) => set('creditMode', v)} />
          <View className='row'>
            <Text className='row__unit'>迟到宽限</Text>
            <FormNumber {...part} name='lateGraceMin' />
            <Text className='row__unit'>早退宽限</Text>
            <FormNumber {...part} name='earlyLeaveGraceMin' />
            <Text className='row__unit'>分钟</Text>
          </View>
        </FormField>
        <FormField label='二维码刷新间隔（秒）' name='rotateSeconds' error={errors.rotateSeconds}>
          <FormNumber {...part} name='rotateSeconds' placeholder='10' />
        </FormField>
      </View>
    </>
  );
}
