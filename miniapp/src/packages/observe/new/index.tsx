import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { DEFAULT_SCALE, type CreateObservationRequest, type ObservableTeacher, type ObservationScale } from '@lianyan/shared';
import { CharCounter, Choices, FormField } from '@/components/FormField';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { useSessionUser } from '@/hooks/useSessionUser';
import { listFederations } from '@/services/federations';
import { dropDraft, listObservableTeachers, listScales, saveDraft, storedDrafts, submitObservation } from '@/services/observations';
import { errorMessage } from '@/utils/labels';
import { addNote, minuteOf, newClientId, newDraft, setScore, submitProblems, teacherLine } from './model';
import { ScaleForm } from '@/components/ScaleForm';
import './index.scss';

type School = { value: string; label: string; federationId: string };
type Ready = { schools: School[]; schoolId: string; scales: ObservationScale[]; teachers: ObservableTeacher[]; q: string };
type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; data: Ready };
type Editing = { draft: CreateObservationRequest; teacherName: string; scale: ObservationScale };

/** 听课: pick the teacher, fill in the scale during the lesson, notes with the minute, save a draft, submit. */
export default function ObservePage() {
  const user = useSessionUser();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (schoolId?: string, q = '') => {
      if (!user) return;
      setState({ kind: 'loading' });
      try {
        const federations = (await listFederations()).items;
        const schools = federations.flatMap((f) => f.schools.map((s) => ({ value: s.id, label: s.name, federationId: f.federation.id })));
        const own = user.roles.flatMap((g) => ('schoolId' in g.scope && g.role === 'teacher' ? [g.scope.schoolId] : []));
        const chosen = schools.find((s) => s.value === schoolId) ?? schools.find((s) => own.includes(s.value)) ?? schools[0];
        if (!chosen) return setState({ kind: 'ready', data: { schools, schoolId: '', scales: [DEFAULT_SCALE], teachers: [], q } });
        const [scales, teachers] = await Promise.all([listScales(chosen.federationId), listObservableTeachers(chosen.value, q)]);
        setState({ kind: 'ready', data: { schools, schoolId: chosen.value, scales: scales.items, teachers: teachers.items, q } });
      } catch (error) {
        setState({ kind: 'failed', message: errorMessage(error, '听课信息加载失败，请重试') });
      }
    },
    [user],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const ready = state.kind === 'ready' ? state.data : null;
  const scaleOf = (draft: CreateObservationRequest) => ready?.scales.find((s) => s.id === draft.scaleId) ?? DEFAULT_SCALE;
  const unsent = storedDrafts();

  const start = (teacher: ObservableTeacher) => {
    if (!ready) return;
    const scale = ready.scales[0] ?? DEFAULT_SCALE;
    setMessage(null);
    setEditing({ draft: newDraft({ schoolId: ready.schoolId, teacher, scale, now: new Date(), clientId: newClientId(new Date(), Math.random()) }), teacherName: teacher.name, scale });
  };
  const change = (draft: CreateObservationRequest) => editing && setEditing({ ...editing, draft });
  const keep = () => {
    if (!editing) return;
    saveDraft({ request: editing.draft, teacherName: editing.teacherName, queued: false, savedAt: new Date().toISOString() });
    setMessage({ tone: 'ok', text: '草稿已保存在本机，断网也不会丢失' });
  };
  const submit = async () => {
    if (!editing || busy) return;
    const problems = submitProblems(editing.draft, editing.scale);
    if (problems.length) return setMessage({ tone: 'bad', text: problems[0] ?? '' });
    setBusy(true);
    try {
      const outcome = await submitObservation({ request: editing.draft, teacherName: editing.teacherName, queued: false, savedAt: new Date().toISOString() });
      setEditing(null);
      setMessage(outcome.kind === 'sent' ? { tone: 'ok', text: `已提交，计入你本学期的听课节数（总分 ${outcome.observation.total}）` } : { tone: 'ok', text: '网络不可用：已保存，联网后自动提交' });
      void load(ready?.schoolId, ready?.q);
    } catch (error) {
      setMessage({ tone: 'bad', text: errorMessage(error, '提交失败，请稍后重试') });
    } finally {
      setBusy(false);
    }
  };

  if (!user) {
    return (
      <View className='observe-page'>
        <View className='card'>
          <EmptyState title='请先登录' hint='登录后才能听课评课。' />
        </View>
      </View>
    );
  }

  const banner = message ? (
    <View className='card'>
      <Text className={message.tone === 'bad' ? 'error-text' : 'muted'} data-testid='observe-message'>
        {message.text}
      </Text>
    </View>
  ) : null;

  if (editing) {
    const { draft } = editing;
    const field = (name: 'subject' | 'grade' | 'className' | 'topic', label: string, max: number, placeholder: string) => (
      <FormField label={label} name={`observe-${name}`}>
        <Input className='input' data-testid={`observe-${name}`} maxlength={max} placeholder={placeholder} value={draft[name] ?? ''} onInput={(e) => change({ ...draft, [name]: e.detail.value })} />
        <CharCounter value={draft[name] ?? ''} max={max} testId={`observe-${name}`} />
      </FormField>
    );
    return (
      <View className='observe-page' data-testid='observe-form'>
        <View className='card'>
          <Text className='card__title'>听 {editing.teacherName} 的课</Text>
          {field('subject', '学科', 10, '例如 数学')}
          {field('grade', '年级', 10, '例如 三年级')}
          {field('className', '班级', 20, '例如 三年级(2)班')}
          {field('topic', '课题（选填）', 60, '例如 分数的初步认识')}
          {ready && ready.scales.length > 1 ? (
            <Choices
              name='observe-scale'
              options={ready.scales.map((s) => ({ value: s.id, label: s.name }))}
              selected={draft.scaleId}
              onSelect={(id) => {
                const scale = scaleOf({ ...draft, scaleId: id });
                setEditing({ ...editing, scale, draft: { ...draft, scaleId: scale.id, scaleVersion: scale.version, scores: [] } });
              }}
            />
          ) : null}
        </View>
        <ScaleForm scale={editing.scale} scores={draft.scores} onScore={(item, score) => change(setScore(draft, item, score))} />
        <View className='card' data-testid='observe-notes'>
          <Text className='card__title'>听课笔记</Text>
          {draft.notes.map((n) => (
            <Text key={n.at} className='note-line'>
              {minuteOf(draft.startedAt, n.at)}：{n.text}
            </Text>
          ))}
          <Input className='input' data-testid='observe-note' maxlength={500} placeholder='记下这一刻的课堂片段' value={note} onInput={(e) => setNote(e.detail.value)} />
          <CharCounter value={note} max={500} testId={'observe-note'} />
          <Button className='btn btn--secondary' data-testid='observe-add-note' onClick={() => { change(addNote(draft, note, new Date())); setNote(''); }}>
            记一笔
          </Button>
        </View>
        <View className='card'>
          <FormField label='亮点' name='observe-strengths'>
            <Textarea className='observe-text' data-testid='observe-strengths' maxlength={2000} value={draft.strengths} onInput={(e) => change({ ...draft, strengths: e.detail.value })} />
            <CharCounter value={draft.strengths} max={2000} testId={'observe-strengths'} />
          </FormField>
          <FormField label='建议' name='observe-suggestions'>
            <Textarea className='observe-text' data-testid='observe-suggestions' maxlength={2000} value={draft.suggestions} onInput={(e) => change({ ...draft, suggestions: e.detail.value })} />
            <CharCounter value={draft.suggestions} max={2000} testId={'observe-suggestions'} />
          </FormField>
        </View>
        {banner}
        <View className='observe-actions'>
          <Button className='btn btn--secondary' data-testid='observe-save' onClick={keep}>
            保存草稿
          </Button>
          <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='observe-submit' onClick={() => void submit()}>
            提交
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className='observe-page' data-testid='observe-page'>
      {banner}
      {unsent.length ? (
        <View className='card' data-testid='observe-drafts'>
          <Text className='card__title'>本机草稿（{unsent.length}）</Text>
          {unsent.map((d) => (
            <View key={d.request.clientId} className='teacher-row'>
              <View className='teacher-row__main' onClick={() => setEditing({ draft: d.request, teacherName: d.teacherName, scale: scaleOf(d.request) })}>
                <Text className='teacher-row__name'>{d.teacherName}</Text>
                <Text className='muted'>{d.queued ? '等待联网后自动提交' : '未提交，点此继续'}</Text>
              </View>
              <Text className='muted' onClick={() => { dropDraft(d.request.clientId); setMessage({ tone: 'ok', text: '草稿已删除' }); }}>
                删除
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      {state.kind === 'loading' ? <Text className='loading-text'>正在加载…</Text> : null}
      {state.kind === 'failed' ? <LoadFailed title='无法加载听课信息' message={state.message} onRetry={() => void load()} testId='observe-error' /> : null}
      {ready ? (
        <View className='card'>
          <Text className='card__title'>选择授课教师</Text>
          {ready.schools.length > 1 ? <Choices name='observe-school' options={ready.schools} selected={ready.schoolId} onSelect={(id) => void load(id)} /> : null}
          <Input className='input' data-testid='observe-search' placeholder='按姓名、学科或年级搜索' confirmType='search' value={ready.q} onConfirm={(e) => void load(ready.schoolId, e.detail.value)} onInput={(e) => setState({ kind: 'ready', data: { ...ready, q: e.detail.value } })} />
          <Button className='btn btn--secondary' data-testid='observe-search-go' onClick={() => void load(ready.schoolId, ready.q)}>
            搜索
          </Button>
          {ready.teachers.length === 0 ? <EmptyState title='没有找到教师' hint='换个姓名或学科试试。' /> : null}
          {ready.teachers.map((t) => (
            <View key={t.id} className='teacher-row' hoverClass='group-row--pressed' data-testid={`observe-teacher-${t.id}`} onClick={() => start(t)}>
              <View className='teacher-row__main'>
                <Text className='teacher-row__name'>{t.name}</Text>
                <Text className='muted'>{teacherLine(t)}</Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <View className='observe-actions'>
        <Button className='btn btn--secondary' data-testid='observe-mine' onClick={() => void Taro.navigateTo({ url: '/packages/observe/mine/index' })}>
          我的听课
        </Button>
      </View>
    </View>
  );
}
