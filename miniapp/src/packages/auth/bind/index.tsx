import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import * as z from 'zod/mini';
import { RedeemInviteRequest } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { useSessionUser } from '@/hooks/useSessionUser';
import { redeemInvite } from '@/services/invites';
import { ApiError } from '@/services/request';
import { errorMessage } from '@/utils/labels';
import './index.scss';
import { CharCounter } from '@/components/FormField';

type Field = 'code' | 'name';
type FieldErrors = Partial<Record<Field, string>>;

function firstErrors(errors: Partial<Record<string, string[]>>): FieldErrors {
  return { code: errors.code?.[0], name: errors.name?.[0] };
}

const goHome = () => Taro.reLaunch({ url: '/pages/index/index' });

export default function Bind() {
  const user = useSessionUser();
  const [code, setCode] = useState('');
  const [name, setName] = useState(user?.name ?? '');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  if (!user) {
    return (
      <View className='bind' data-testid='bind'>
        <View className='card'>
          <EmptyState
            title='请先登录'
            hint='登录后再输入邀请码绑定身份。'
            action={
              <Button className='btn' onClick={() => void goHome()}>
                返回首页
              </Button>
            }
          />
        </View>
      </View>
    );
  }

  const submit = async () => {
    if (busy) return;
    setFormError('');
    const parsed = RedeemInviteRequest.safeParse({ code, name });
    if (!parsed.success) {
      setFieldErrors(firstErrors(z.flattenError(parsed.error).fieldErrors));
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      await redeemInvite(parsed.data);
      void Taro.showToast({ title: '绑定成功', icon: 'success' });
      await goHome();
    } catch (error) {
      setBusy(false);
      const serverFieldErrors = error instanceof ApiError ? firstErrors(error.fieldErrors) : {};
      if (serverFieldErrors.code || serverFieldErrors.name) setFieldErrors(serverFieldErrors);
      else setFormError(errorMessage(error, '绑定失败，请稍后重试'));
    }
  };

  return (
    <View className='bind' data-testid='bind'>
      <View className='bind__intro'>
        <Text className='bind__title'>输入邀请码</Text>
        <Text className='muted'>邀请码由学校或校联体管理员发放，为 8 位字母或数字。</Text>
      </View>
      <View className='card'>
        <View className='field'>
          <Text className='field__label'>邀请码</Text>
          <Input
            className={`field__input field__input--code${fieldErrors.code ? ' field__input--invalid' : ''}`}
            data-testid='bind-code'
            value={code}
            maxlength={8}
            placeholder='例如 K7M2Q9TX'
            onInput={(event) => setCode(event.detail.value.replace(/\s+/g, '').toUpperCase())}
          />
          {fieldErrors.code ? (
            <Text className='error-text' data-testid='bind-code-error'>
              {fieldErrors.code}
            </Text>
          ) : null}
        </View>
        <View className='field'>
          <Text className='field__label'>姓名</Text>
          <Input
            className={`field__input${fieldErrors.name ? ' field__input--invalid' : ''}`}
            data-testid='bind-name'
            value={name}
            maxlength={32}
            placeholder='请填写真实姓名'
            onInput={(event) => setName(event.detail.value)}
          />
          <CharCounter value={name} max={32} testId='bind-name' />
          {fieldErrors.name ? (
            <Text className='error-text' data-testid='bind-name-error'>
              {fieldErrors.name}
            </Text>
          ) : null}
        </View>
        {formError ? (
          <Text className='bind__form-error' data-testid='bind-error'>
            {formError}
          </Text>
        ) : null}
      </View>
      <View className='actions'>
        <Button
          className={`btn${busy ? ' btn--disabled' : ''}`}
          data-testid='bind-submit'
          onClick={() => void submit()}
        >
          {busy ? '正在绑定…' : '绑定'}
        </Button>
      </View>
    </View>
  );
}
