import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { STAGE_LABELS, STAGES, type School } from '@lianyan/shared';
import { CharCounter, Choices, FormField, SwitchRow } from '@/components/FormField';
import { mapPicker } from '@/platform/map-picker';
import { createSchool, updateSchool } from '@/services/organization';
import { ApiError } from '@/services/request';
import { errorMessage } from '@/utils/labels';
import { checkNewSchool, checkSchoolChange, emptySchoolForm, schoolFormOf, type Checked, type SchoolForm, type SchoolFormErrors } from './model';

const STAGE_OPTIONS = STAGES.map((value) => ({ value, label: STAGE_LABELS[value] }));

interface SchoolSheetProps {
  federationId: string;
  federationName: string;
  /** The school to change; none adds a new one. */
  school?: School;
  /** Name, stage, rural and core may be changed (federation and district admins). */
  structural: boolean;
  onDone: (school: School) => void;
  onCancel: () => void;
}

export function SchoolSheet({ federationId, federationName, school, structural, onDone, onCancel }: SchoolSheetProps) {
  const [form, setForm] = useState<SchoolForm>(school ? schoolFormOf(school) : emptySchoolForm());
  const [errors, setErrors] = useState<SchoolFormErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof SchoolForm>(key: K, value: SchoolForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  /** The request's save, or the form's errors shown and nothing to save. */
  function checkAndSave<T>(checked: Checked<T>, send: (request: T) => Promise<School>) {
    if (checked.ok) return () => send(checked.request);
    setErrors(checked.errors);
    return undefined;
  }

  const pickPlace = async () => {
    if (!mapPicker) return;
    try {
      const near = form.lat && form.lng ? { lat: Number(form.lat), lng: Number(form.lng) } : undefined;
      const place = await mapPicker.pick(near);
      setForm((f) => ({ ...f, lat: place.lat.toFixed(6), lng: place.lng.toFixed(6), address: f.address || place.name }));
    } catch {
      // Cancelled: keep what was there.
    }
  };

  const submit = async () => {
    if (busy) return;
    const save = school ? checkAndSave(checkSchoolChange(school, form, structural), (r) => updateSchool(school.id, r)) : checkAndSave(checkNewSchool(form), (r) => createSchool(federationId, r));
    if (!save) return;
    setErrors({});
    setFormError('');
    setBusy(true);
    try {
      onDone(await save());
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : {};
      setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v[0]])) as SchoolFormErrors);
      setFormError(errorMessage(error, '保存失败，请重试'));
      setBusy(false);
    }
  };

  return (
    <View className='sheet' data-testid='school-sheet'>
      <View className='sheet__panel org-sheet'>
        <Text className='sheet__title'>{school ? `编辑「${school.name}」` : '添加学校'}</Text>
        <Text className='sheet__sub'>{federationName}</Text>
        {structural ? (
          <>
            <FormField label='学校名称' name='school-name' error={errors.name}>
              <Input className='input' data-testid='school-name' maxlength={40} placeholder='例如 明湖区实验小学' value={form.name} onInput={(e) => set('name', e.detail.value)} />
              <CharCounter value={form.name} max={40} testId='school-name' />
            </FormField>
            <FormField label='学段' name='school-stage' error={errors.stage}>
              <Choices name='school-stage' options={STAGE_OPTIONS} selected={form.stage} onSelect={(v) => set('stage', v)} />
            </FormField>
            <SwitchRow label='乡村学校' testId='school-rural' checked={form.rural} onChange={(v) => set('rural', v)} />
            {school?.isCore ? null : (
              <SwitchRow label='设为核心校（原核心校改为成员校）' testId='school-core' checked={form.isCore} onChange={(v) => set('isCore', v)} />
            )}
          </>
        ) : null}
        <FormField label='地址（选填）' name='school-address' error={errors.address}>
          <Input className='input' data-testid='school-address' maxlength={100} value={form.address} onInput={(e) => set('address', e.detail.value)} />
          <CharCounter value={form.address} max={100} testId='school-address' />
        </FormField>
        <FormField label='位置（签到范围默认用它）' name='school-location' error={errors.location ?? errors.lat ?? errors.lng}>
          <View className='row'>
            <Input className='input' data-testid='school-lat' type='digit' placeholder='纬度' value={form.lat} onInput={(e) => set('lat', e.detail.value)} />
            <Input className='input' data-testid='school-lng' type='digit' placeholder='经度' value={form.lng} onInput={(e) => set('lng', e.detail.value)} />
            {mapPicker ? (
              <Button className='btn btn--secondary btn--small' onClick={() => void pickPlace()}>
                地图选点
              </Button>
            ) : null}
          </View>
        </FormField>
        {formError ? <Text className='form-error' data-testid='school-error'>{formError}</Text> : null}
        <View className='org-sheet__actions'>
          <Button className='btn btn--secondary' data-testid='school-cancel' onClick={onCancel}>
            取消
          </Button>
          <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='school-save' onClick={() => void submit()}>
            {busy ? '正在保存…' : '保存'}
          </Button>
        </View>
      </View>
    </View>
  );
}
