import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useReady, useRouter } from '@tarojs/taro';
import type { FederationWithSchools, User } from '@lianyan/shared';
import { Choices, FormField } from '@/components/FormField';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { Loading } from '@/components/Loading';
import { PrivacySheet } from '@/components/PrivacySheet';
import { useSessionUser } from '@/hooks/useSessionUser';
import { getFederation } from '@/services/federations';
import { ApiError } from '@/services/request';
import { createSession, getSession, listSessions, publishSession, updateSession } from '@/services/sessions';
import { errorMessage } from '@/utils/labels';
import { federationIdsOf, sessionHostSchools, sortSchools } from '../parts/scope';
import { BasicsSection } from './BasicsSection';
import { asEdit, defaultForm, firstErrors, formFromSession, isFamilyKind, pastStartWarning, validateForm, type FieldErrors, type SessionForm } from './form';
import { MaterialsSection } from './MaterialsSection';
import { withFederation, withoutMaterialErrors, type PartProps } from './model';
import { RulesSection } from './RulesSection';
import { ScopeSection } from './ScopeSection';
import { TimePlaceSection } from './TimePlaceSection';
import '../parts/form.scss';
import './index.scss';

// 新建活动 / 编辑活动: loading, saving and the page's frame here; each card of the form is a part of its own
// (BasicsSection, TimePlaceSection, RulesSection, ScopeSection, MaterialsSection) over the same form and `update`.

type LoadState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; federations: FederationWithSchools[]; federationId: string; editingStatus?: string; savedStartAt?: string };

// After the invalid fields render: the first of them may be far above the buttons.
function scrollToFirstError() {
  setTimeout(() => {
    Taro.pageScrollTo({ selector: '.form-field--invalid', duration: 200 }).catch(() => undefined);
  }, 50);
}

async function loadFederations(user: User, federationId?: string): Promise<FederationWithSchools[]> {
  const ids = federationId ? [federationId] : federationIdsOf(user, (await listSessions()).items);
  return Promise.all(ids.map((id) => getFederation(id)));
}

export default function EditSessionPage() {
  const user = useSessionUser();
  const { params } = useRouter();
  const sessionId = params.id ?? '';
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [form, setForm] = useState<SessionForm>(() => defaultForm(new Date(), ''));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!user) return;
    setState({ kind: 'loading' });
    try {
      if (sessionId) {
        const { session } = await getSession(sessionId);
        const federations = await loadFederations(user, session.federationId);
        setForm(formFromSession(session));
        setState({ kind: 'ready', federations, federationId: session.federationId, editingStatus: session.status, savedStartAt: session.startAt });
        return;
      }
      // From a 中心教研组's page (its leader): the group's federation, the group as the audience.
      const federations = await loadFederations(user, params.federationId);
      const first = federations[0];
      const host = first ? sortSchools(sessionHostSchools(user, first))[0] : undefined;
      const blank = defaultForm(new Date(), host?.id ?? '');
      setForm(params.groupId ? { ...blank, audienceType: 'group', groupId: params.groupId } : blank);
      setState({ kind: 'ready', federations, federationId: first?.federation.id ?? '' });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '加载失败，请重试') });
    }
  }, [sessionId, user, params.federationId, params.groupId]);

  useLoad(() => {
    void load();
  });
  // Once the page is shown: H5's title bar takes the page config's title (编辑活动) when the page appears.
  useReady(() => {
    void Taro.setNavigationBarTitle({ title: sessionId ? '编辑活动' : '新建活动' });
  });

  if (!user) {
    return (
      <View className='edit-page'>
        <View className='card'>
          <EmptyState title='请先登录' hint='登录后再创建或编辑活动。' />
        </View>
      </View>
    );
  }
  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'failed' || state.federations.length === 0) {
    const message = state.kind === 'failed' ? state.message : '没有找到你可以组织活动的校联体，请联系校联体管理员。';
    return (
      <View className='edit-page'>
        <LoadFailed title='无法编辑活动' message={message} onRetry={() => void load()} />
      </View>
    );
  }

  const federation = state.federations.find((f) => f.federation.id === state.federationId) ?? state.federations[0];
  const isNew = !sessionId;
  const canPublish = isNew || state.editingStatus === 'draft';
  const part: PartProps = {
    form,
    errors,
    set: (key, value) => setForm((current) => ({ ...current, [key]: value })),
    update: setForm,
  };

  const chooseFederation = (id: string) => {
    const next = state.federations.find((f) => f.federation.id === id);
    if (!next) return;
    setState({ ...state, federationId: id });
    setForm((current) => withFederation(current, sortSchools(sessionHostSchools(user, next))[0]?.id ?? ''));
  };

  const save = async (publish: boolean) => {
    if (busy) return;
    setFormError('');
    const validated = validateForm(form);
    if (!validated.ok) {
      setErrors(validated.errors);
      setFormError('请按标红处的提示修改后再保存');
      scrollToFirstError();
      return;
    }
    setErrors({});
    const past = pastStartWarning(validated.input.startAt, state.savedStartAt, new Date());
    if (past && !(await Taro.showModal({ title: '活动时间已过', content: past, confirmText: '仍然保存' })).confirm) return;
    setBusy(true);
    try {
      let session = sessionId ? await updateSession(sessionId, asEdit(validated.input)) : await createSession(validated.input);
      if (publish && session.status === 'draft') session = await publishSession(session.id);
      void Taro.showToast({ title: publish ? '已发布' : '已保存', icon: 'success' });
      const roster = `/packages/organizer/roster/index?id=${encodeURIComponent(session.id)}`;
      if (isNew) await Taro.redirectTo({ url: roster });
      else await Taro.navigateBack();
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError) setErrors(firstErrors(error.fieldErrors));
      setFormError(errorMessage(error, '保存失败，请稍后重试'));
      scrollToFirstError();
    }
  };

  return (
    <View className='edit-page' data-testid='session-edit'>
      <PrivacySheet />
      {state.federations.length > 1 && isNew ? (
        <View className='card'>
          <FormField label='校联体' name='federation'>
            <Choices
              name='federation'
              options={state.federations.map((f) => ({ value: f.federation.id, label: f.federation.name }))}
              selected={state.federationId}
              onSelect={chooseFederation}
            />
          </FormField>
        </View>
      ) : null}

      <BasicsSection {...part} federationId={state.federationId} hostSchools={federation ? sortSchools(sessionHostSchools(user, federation)) : []} />
      <TimePlaceSection {...part} />
      <RulesSection {...part} />
      <ScopeSection {...part} federationId={federation?.federation.id ?? ''} schools={sortSchools(federation?.schools ?? [])} />
      {isFamilyKind(form.kind) ? <MaterialsSection {...part} onRemoved={() => setErrors(withoutMaterialErrors)} /> : null}

      {formError ? (
        <Text className='form-error' data-testid='edit-error'>
          {formError}
        </Text>
      ) : null}
      <View className='actions'>
        {canPublish ? (
          <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='edit-publish' disabled={busy} onClick={() => void save(true)}>
            {busy ? '正在保存…' : '保存并发布'}
          </Button>
        ) : null}
        <Button className={`btn btn--secondary${busy ? ' btn--disabled' : ''}`} data-testid='edit-save' disabled={busy} onClick={() => void save(false)}>
          {canPublish ? '保存为草稿' : '保存修改'}
        </Button>
      </View>
    </View>
  );
}
