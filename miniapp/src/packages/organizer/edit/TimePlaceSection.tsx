import { Button, Picker, Text, View } from '@tarojs/components';
import { Choices, FormField } from '@/components/FormField';
import { mapPicker } from '@/platform/map-picker';
import { withStartDate } from './form';
import { FormNumber, FormText } from './Inputs';
import { GEOFENCE_OPTIONS, typedPlace, withPlace, type PartProps } from './model';

/** 时间与地点: start and end, the venue (typed or picked on the map) and its sign-in radius, the live link, 位置检查. */
export function TimePlaceSection(part: PartProps) {
  const { form, errors, set, update } = part;
  const pickOnMap = async () => {
    if (!mapPicker) return;
    try {
      const place = await mapPicker.pick(typedPlace(form));
      update((current) => withPlace(current, place));
    } catch {
      // Cancelled, or the map is unavailable: the coordinates can still be typed.
    }
  };
  return (
    <>
      <Text className='section-title'>时间与地点</Text>
      <View className='card'>
        <FormField label='开始' name='startAt' error={errors.startAt}>
          <View className='row'>
            <Picker mode='date' value={form.startDate} onChange={(e) => update((current) => withStartDate(current, String(e.detail.value)))}>
              <View className='picker-value' data-testid='edit-startDate'>{form.startDate}</View>
            </Picker>
            <Picker mode='time' value={form.startTime} onChange={(e) => set('startTime', String(e.detail.value))}>
              <View className='picker-value' data-testid='edit-startTime'>{form.startTime}</View>
            </Picker>
          </View>
        </FormField>
        <FormField label='结束' name='endAt' error={errors.endAt}>
          <View className='row'>
            <Picker mode='date' value={form.endDate} onChange={(e) => set('endDate', String(e.detail.value))}>
              <View className='picker-value' data-testid='edit-endDate'>{form.endDate}</View>
            </Picker>
            <Picker mode='time' value={form.endTime} onChange={(e) => set('endTime', String(e.detail.value))}>
              <View className='picker-value' data-testid='edit-endTime'>{form.endTime}</View>
            </Picker>
          </View>
        </FormField>
        <FormField label={form.mode === 'offline' ? '活动地点' : '活动地点（可选）'} name='venue' error={errors.venue} hint='纬度、经度用于签到范围检查（GCJ-02，与微信地图一致）。'>
          <View className='stack'>
            <FormText {...part} name='venueName' placeholder='例如：明湖区实验小学 报告厅' />
            {mapPicker ? (
              <Button className='btn btn--secondary btn--small' onClick={() => void pickOnMap()}>
                在地图上选择
              </Button>
            ) : null}
            <View className='row'>
              <FormNumber {...part} name='lat' placeholder='纬度' decimal />
              <FormNumber {...part} name='lng' placeholder='经度' decimal />
            </View>
            <View className='row'>
              <FormNumber {...part} name='radiusM' placeholder='300' />
              <Text className='row__unit'>米范围内可签到</Text>
            </View>
          </View>
        </FormField>
        {form.mode === 'online' ? (
          <FormField label='直播链接（可选）' name='onlineUrl' error={errors.onlineUrl} hint='以 http:// 或 https:// 开头。'>
            <FormText {...part} name='onlineUrl' placeholder='https://' />
          </FormField>
        ) : null}
        <FormField label='位置检查' name='geofence' error={errors.geofence} hint='仅标记：范围外也能签到但会标为异常；拒绝：范围外不能签到。'>
          <Choices name='edit-geofence' options={GEOFENCE_OPTIONS} selected={form.geofence} onSelect={(v) => set('geofence', v)} />
        </FormField>
      </View>
    </>
  );
}
