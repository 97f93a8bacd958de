import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { FEDERATION_KIND_LABELS, FEDERATION_KINDS, type Federation } from '@lianyan/shared';
import { CharCounter, Choices, FormField } from '@/components/FormField';
import { createFederation } from '@/services/organization';
import { errorMessage } from '@/utils/labels';
import { checkNewFederation } from './model';

const KIND_OPTIONS = FEDERATION_KINDS.map((value) => ({ value, label: FEDERATION_KIND_LABELS[value] }));

/** The district admin's first step: a federation (联盟式 / 帮扶式 / 教育集团 / 片区联盟). */
export function NewFederation({ onCreated }: { onCreated: (federation: Federation) => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<(typeof FEDERATION_KINDS)[number]>('alliance');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    const checked = checkNewFederation(name, kind);
    if (!checked.ok) return setError(checked.error);
    setError('');
    setBusy(true);
    try {
      onCreated(await createFederation(checked.request));
      setName('');
    } catch (failure) {
      setError(errorMessage(failure, '新建失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card' data-testid='org-new-federation'>
      <Text className='card__title'>新建校联体</Text>
      <FormField label='名称' name='federation-name' error={error}>
        <Input className='input' data-testid='federation-name' maxlength={40} placeholder='例如 明湖区城东教共体' value={name} onInput={(e) => setName(e.detail.value)} />
        <CharCounter value={name} max={40} testId='federation-name' />
      </FormField>
      <FormField label='类型' name='federation-kind'>
        <Choices name='federation-kind' options={KIND_OPTIONS} selected={kind} onSelect={setKind} />
      </FormField>
      <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='federation-create' onClick={() => void submit()}>
        {busy ? '正在新建…' : '新建'}
      </Button>
    </View>
  );
}
