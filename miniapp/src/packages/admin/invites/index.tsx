import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { ROLE_LABELS, type Invite, type User } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { useSessionUser } from '@/hooks/useSessionUser';
import { listFederations } from '@/services/federations';
import { createInvite, listInvites } from '@/services/invites';
import { ApiError } from '@/services/request';
import { errorMessage } from '@/utils/labels';
import { toDateInput } from '@/utils/time';
import {
  checkInvite,
  inviteState,
  newestFirst,
  rolesFor,
  scopeOptions,
  type InviteErrors,
  type InviteForm,
  type ScopeOption,
} from './model';
import './index.scss';
import { LoadFailed } from '@/components/LoadFailed';
import { PrivacySheet } from '@/components/PrivacySheet';
import { copyText } from '@/platform/clipboard';
import { CharCounter } from '@/components/FormField';

type ScopesState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; options: ScopeOption[] };
type ListState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; items: Invite[] };

const STATE_BADGES = {
  active: { label: '可用', tone: 'ok' },
  used_up: { label: '已用完', tone: 'muted' },
  expired: { label: '已过期', tone: 'muted' },
} as const;

async function loadScopes(user: User): Promise<ScopeOption[]> {
  const { items } = await listFederations();
  return scopeOptions(user, items);
}

function Field({ label, error, children }: { label: string; error?: string | undefined; children: ReactNode }) {
  return (
    <View className={`form-field${error ? ' form-field--invalid' : ''}`}>
      <Text className='form-field__label'>{label}</Text>
      {children}
      {error ? <Text className='error-text'>{error}</Text> : null}
    </View>
  );
}

function Chips<T extends string>({ name, options, selected, onSelect }: { name: string; options: { value: T; label: string }[]; selected: T; onSelect: (v: T) => void }) {
  return (
    <View className='choices' data-testid={name}>
      {options.map((option) => (
        <View
          key={option.value}
          className={`choices__item${option.value === selected ? ' choices__item--on' : ''}`}
          data-testid={`${name}-${option.value}`}
          onClick={() => onSelect(option.value)}
        >
          <Text>{option.label}</Text>
        </View>
      ))}
    </View>
  );
}

export default function InvitesPage() {
  const user = useSessionUser();
  const [scopes, setScopes] = useState<ScopesState>({ kind: 'loading' });

  const load = useCallback(async () => {
    if (!user) return;
    setScopes({ kind: 'loading' });
    try {
      setScopes({ kind: 'ready', options: await loadScopes(user) });
    } catch (error) {
      setScopes({ kind: 'failed', message: errorMessage(error, '加载失败，请重试') });
    }
  }, [user]);

  useLoad(() => {
    void load();
  });

  if (!user) {
    return (
      <View className='inv-page'>
        <View className='card'>
          <EmptyState title='请先登录' hint='登录管理员账号后才能管理邀请码。' />
        </View>
      </View>
    );
  }
  if (scopes.kind === 'loading') return <Text className='loading-text'>正在加载…</Text>;
  if (scopes.kind === 'failed' || scopes.options.length === 0) {
    return (
      <View className='inv-page'>
        <View className='card'>
          <EmptyState
            title={scopes.kind === 'failed' ? '无法加载' : '没有可管理的范围'}
            hint={scopes.kind === 'failed' ? scopes.message : '只有学校、校联体和教体局管理员可以生成邀请码。'}
            action={
              scopes.kind === 'failed' ? (
                <Button className='btn' onClick={() => void load()}>
                  重试
                </Button>
              ) : undefined
            }
          />
        </View>
      </View>
    );
  }
  return <InvitesEditor options={scopes.options} />;
}

function InvitesEditor({ options }: { options: ScopeOption[] }) {
  const [scopeKey, setScopeKey] = useState(options[0]?.key ?? '');
  const scope = options.find((o) => o.key === scopeKey) ?? options[0];
  const roles = rolesFor(scope?.kind ?? 'school');
  const [form, setForm] = useState<InviteForm>({ role: roles[0] ?? 'teacher', maxUses: '1', expiresInDays: '7', note: '' });
  const [errors, setErrors] = useState<InviteErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ invite: Invite; scopeLabel: string } | null>(null);
  const [list, setList] = useState<ListState>({ kind: 'loading' });

  const loadList = useCallback(async () => {
    if (!scope) return;
    setList({ kind: 'loading' });
    try {
      setList({ kind: 'ready', items: newestFirst(await listInvites(scope.scope)) });
    } catch (error) {
      setList({ kind: 'failed', message: errorMessage(error, '邀请码加载失败，请重试') });
    }
  }, [scope]);

  useEffect(() => {
    void loadList();
  }, [loadList]);

  const chooseScope = (key: string) => {
    const next = options.find((o) => o.key === key);
    if (!next) return;
    setScopeKey(key);
    const allowed = rolesFor(next.kind);
    // Keep the role when the new scope accepts it (school to school), else the first it does.
    setForm((current) => ({ ...current, role: allowed.includes(current.role) ? current.role : (allowed[0] ?? current.role) }));
    setErrors({});
    setFormError('');
  };

  const set = <K extends keyof InviteForm>(key: K, value: InviteForm[K]) => setForm((current) => ({ ...current, [key]: value }));

  const submit = async () => {
    if (!scope) return;
    const checked = checkInvite(form, scope.scope);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setFormError('');
    setBusy(true);
    try {
      const invite = await createInvite(checked.value);
      setCreated({ invite, scopeLabel: scope.label });
      setForm((current) => ({ ...current, note: '' }));
      void loadList();
    } catch (error) {
      if (error instanceof ApiError) {
        const f = error.fieldErrors;
        setErrors({ role: f.role?.[0], scope: f.scope?.[0], maxUses: f.maxUses?.[0], expiresInDays: f.expiresInDays?.[0], note: f.note?.[0] });
      }
      setFormError(errorMessage(error, '生成失败，请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  const copy = (code: string) => {
    void copyText(code, '邀请码').then((copied) => {
      if (copied) void Taro.showToast({ title: '邀请码已复制', icon: 'none' });
    });
  };

  return (
    <View className='inv-page' data-testid='invites-page'>
      <PrivacySheet />
      <Text className='section-title'>生成邀请码</Text>
      <View className='card'>
        {options.length > 1 ? (
          <Field label='授权范围' error={errors.scope}>
            <Chips name='invite-scope' options={options.map((o) => ({ value: o.key, label: o.label }))} selected={scope?.key ?? ''} onSelect={chooseScope} />
          </Field>
        ) : (
          <Field label='授权范围' error={errors.scope}>
            <Text className='inv-scope-single' data-testid='invite-scope'>
              {scope?.label}
            </Text>
          </Field>
        )}
        <Field label='身份' error={errors.role}>
          <Chips name='invite-role' options={roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }))} selected={form.role} onSelect={(v) => set('role', v)} />
        </Field>
        <View className='inv-row'>
          <Field label='可使用次数' error={errors.maxUses}>
            <Input className='input' data-testid='invite-max-uses' type='number' maxlength={4} value={form.maxUses} onInput={(e) => set('maxUses', e.detail.value)} />
          </Field>
          <Field label='有效天数' error={errors.expiresInDays}>
            <Input className='input' data-testid='invite-days' type='number' maxlength={2} value={form.expiresInDays} onInput={(e) => set('expiresInDays', e.detail.value)} />
          </Field>
        </View>
        <Field label='备注（可选）' error={errors.note}>
          <Input className='input' data-testid='invite-note' maxlength={100} placeholder='例如：2026 年新入职教师' value={form.note} onInput={(e) => set('note', e.detail.value)} />
          <CharCounter value={form.note} max={100} testId='invite-note' />
        </Field>
        {formError ? <Text className='form-error-text' data-testid='invite-error'>{formError}</Text> : null}
        <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='invite-submit' disabled={busy} onClick={() => void submit()}>
          {busy ? '正在生成…' : '生成邀请码'}
        </Button>
      </View>

      {created ? (
        <View className='card inv-created' data-testid='invite-created'>
          <Text className='inv-created__title'>
            {created.scopeLabel} · {ROLE_LABELS[created.invite.role]}邀请码
          </Text>
          <Text className='inv-created__code' data-testid='invite-code' userSelect>
            {created.invite.code}
          </Text>
          <Text className='inv-created__meta'>
            可使用 {created.invite.maxUses} 次 · 有效期至 {toDateInput(created.invite.expiresAt)}
          </Text>
          <Text className='inv-created__how'>请受邀人在小程序「我的 → 绑定邀请码」填写</Text>
          <Button className='btn btn--secondary btn--small' data-testid='invite-copy' onClick={() => copy(created.invite.code)}>
            复制邀请码
          </Button>
        </View>
      ) : null}

      <Text className='section-title'>{scope?.label} 的邀请码</Text>
      <InviteList state={list} onRetry={() => void loadList()} onCopy={copy} />
    </View>
  );
}

function InviteList({ state, onRetry, onCopy }: { state: ListState; onRetry: () => void; onCopy: (code: string) => void }) {
  if (state.kind === 'loading') return <Text className='loading-text'>正在加载…</Text>;
  if (state.kind === 'failed') {
    return (
      <LoadFailed title='邀请码加载失败' message={state.message} onRetry={onRetry} />
    );
  }
  if (state.items.length === 0) {
    return (
      <View className='card' data-testid='invite-list'>
        <EmptyState title='还没有邀请码' hint='生成的邀请码会列在这里，可查看使用次数和有效期。' />
      </View>
    );
  }
  const now = new Date();
  return (
    <View className='card inv-list' data-testid='invite-list'>
      {state.items.map((invite) => {
        const badge = STATE_BADGES[inviteState(invite, now)];
        return (
          <View key={invite.code} className='inv-item' data-testid={`invite-item-${invite.code}`} onLongPress={() => onCopy(invite.code)}>
            <View className='inv-item__top'>
              <Text className='inv-item__code'>{invite.code}</Text>
              <Text className={`badge badge--${badge.tone}`}>{badge.label}</Text>
            </View>
            <View className='inv-item__meta'>
              <Text className='tag'>{ROLE_LABELS[invite.role]}</Text>
              <Text>已用 {invite.uses}/{invite.maxUses}</Text>
              <Text>有效期至 {toDateInput(invite.expiresAt)}</Text>
            </View>
            {invite.note ? <Text className='inv-item__note'>{invite.note}</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
