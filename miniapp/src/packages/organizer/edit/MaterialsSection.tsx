import { Button, Text, View } from '@tarojs/components';
import { Choices, FormField, TextInput } from '@/components/FormField';
import { MAX_MATERIALS, type MaterialRow } from './form';
import { MATERIAL_KIND_OPTIONS, TEXT_MAX, withMaterial, withMaterialAdded, withoutMaterial, type PartProps } from './model';

/** 课件与回放 of a family session: up to MAX_MATERIALS links parents who came can open in 学习记录. */
export function MaterialsSection({ form, errors, update, onRemoved }: PartProps & { onRemoved: () => void }) {
  return (
    <>
      <Text className='section-title'>课件与回放</Text>
      <View className='card'>
        <FormField label='资料（可选）' name='materials' error={errors.materials} hint={`参加过活动的家长可在学习记录中查看，最多 ${MAX_MATERIALS} 份。`}>
          <View className='stack'>
            {form.materials.map((material, index) => (
              <MaterialEditor
                key={index}
                index={index}
                material={material}
                error={errors[`materials.${index}`]}
                onChange={(change) => update((current) => withMaterial(current, index, change))}
                onRemove={() => {
                  update((current) => withoutMaterial(current, index));
                  onRemoved();
                }}
              />
            ))}
            {form.materials.length < MAX_MATERIALS ? (
              <Button className='btn btn--secondary btn--small' data-testid='edit-material-add' onClick={() => update(withMaterialAdded)}>
                添加资料
              </Button>
            ) : null}
          </View>
        </FormField>
      </View>
    </>
  );
}

interface MaterialEditorProps {
  index: number;
  material: MaterialRow;
  error?: string | undefined;
  onChange: (change: Partial<MaterialRow>) => void;
  onRemove: () => void;
}

function MaterialEditor({ index, material, error, onChange, onRemove }: MaterialEditorProps) {
  return (
    <View className={`edit-material${error ? ' form-field--invalid' : ''}`} data-testid={`edit-material-${index}`}>
      <View className='edit-material__head'>
        <Text className='edit-material__number'>第 {index + 1} 份</Text>
        <Text className='edit-link edit-link--danger' data-testid={`edit-material-${index}-remove`} onClick={onRemove}>
          删除
        </Text>
      </View>
      <TextInput testId={`edit-material-${index}-title`} value={material.title} max={TEXT_MAX.materialTitle} placeholder='资料名称，例如 讲座课件' onInput={(title) => onChange({ title })} />
      <TextInput testId={`edit-material-${index}-url`} value={material.url} max={TEXT_MAX.materialUrl} placeholder='链接，以 https:// 开头' onInput={(url) => onChange({ url })} />
      <Choices name={`edit-material-${index}-kind`} options={MATERIAL_KIND_OPTIONS} selected={material.kind} onSelect={(kind) => onChange({ kind })} />
      {error ? (
        <Text className='error-text' data-testid={`error-material-${index}`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
