import { randomUUID } from 'node:crypto';
import type { Invocation } from '../support/inproc.ts';
import type { MatrixRole, MatrixRow, Outcome, Scope } from './matrix.ts';

// 听评课 rows of the authorization matrix (tests/authz/matrix.ts spreads them in) and what they need of the world.
// Scales: read by the federation's people (not parents), kept by its admins. Observations: made by its teachers, leaders
// and admins; read by the observer, the observed teacher and the school's managers; acknowledged by the observed alone.

const ALL: readonly MatrixRole[] = ['teacher', 'parent', 'organizer', 'schoolAdmin', 'federationAdmin', 'districtAdmin', 'anonymous'];
const SIGNED_IN: readonly MatrixRole[] = ['teacher', 'parent', 'organizer', 'schoolAdmin', 'federationAdmin', 'districtAdmin'];
const MEMBERS: readonly MatrixRole[] = ['teacher', 'organizer', 'schoolAdmin', 'federationAdmin', 'districtAdmin'];
const KEEPERS: readonly MatrixRole[] = ['federationAdmin', 'districtAdmin'];

type World = {
  token: (role: MatrixRole) => string | undefined;
  federationOf: (scope: Scope) => string;
  schoolOf: (scope: Scope) => string;
  observations: ObservationWorld;
};

function row(otherScope: string, own: readonly MatrixRole[], other: readonly MatrixRole[] | null, request: (w: World, scope: Scope, role: MatrixRole) => Promise<Invocation>): MatrixRow {
  const cells = Object.fromEntries(
    ALL.map((r) => [r, { own: (own.includes(r) ? 'allow' : 'deny') as Outcome, other: (other === null ? 'n/a' : other.includes(r) ? 'allow' : 'deny') as Outcome }]),
  ) as MatrixRow['cells'];
  return { otherScope, cells, request: request as never };
}

const scaleBody = (name: string) => ({
  name,
  dimensions: [
    { name: '教学目标', weight: 40, items: [{ label: '目标明确' }] },
    { name: '学生参与', weight: 60, items: [{ label: '参与面广' }, { label: '思维活跃' }] },
  ],
  scoreRange: { min: 1, max: 5 },
});

/** An observation of this scope's teacher (own: u-core-teacher-2 when the teacher observes, they cannot observe themselves). */
export function observationBody(scope: Scope, observer: MatrixRole | 'admin') {
  const own = scope === 'own';
  return {
    teacherId: own ? (observer === 'teacher' ? 'u-core-teacher-2' : 'u-core-teacher-1') : 'u-other-teacher',
    schoolId: own ? 'sch-core' : 'sch-xiqu-core',
    subject: '数学',
    grade: '三年级',
    className: '三年级(2)班',
    startedAt: new Date(Date.now() - 40 * 60_000).toISOString(),
    scaleId: 'default',
    scores: ['1.1', '1.2', '2.1', '2.2', '2.3', '3.1', '3.2', '4.1', '4.2', '5.1', '5.2'].map((item) => ({ item, score: 4 })),
    notes: [{ at: new Date(Date.now() - 30 * 60_000).toISOString(), text: '导入用生活情境，学生兴趣高。' }],
    strengths: '情境导入自然',
    suggestions: '小组讨论时间可再长一些',
    clientId: `authz-${randomUUID()}`,
  };
}

export type ObservationWorld = Awaited<ReturnType<typeof makeObservationWorld>>;

/** Observations of u-core-teacher-1 (by core-admin) and of 西区's teacher (by 西区's school admin), and fresh scales. */
export async function makeObservationWorld(call: (name: string, input: Invocation) => Promise<Record<string, unknown>>, tokenOf: (account: string) => string) {
  const own = await call('createObservation', { token: tokenOf('core-admin'), body: observationBody('own', 'admin') });
  const other = await call('createObservation', { token: tokenOf('xiqu-core-admin'), body: observationBody('other', 'admin') });
  const ids = { own: String(own.id), other: String(other.id) };
  return {
    of: (scope: Scope) => ids[scope],
    async newScale(scope: Scope) {
      const federationId = scope === 'own' ? 'fed-chengdong' : 'fed-xiqu';
      const scale = await call('createObservationScale', { token: tokenOf('district-admin'), params: { id: federationId }, body: scaleBody(`权限量表${randomUUID().slice(0, 4)}`) });
      return String(scale.id);
    },
  };
}

export const OBSERVATION_ROWS: Record<string, MatrixRow> = {
  listObservationScales: row('another federation', MEMBERS, ['districtAdmin'], async (w, scope, role) => ({ token: w.token(role), params: { id: w.federationOf(scope) } })),
  createObservationScale: row('another federation', KEEPERS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.federationOf(scope) },
    body: scaleBody('权限测试量表'),
  })),
  updateObservationScale: row('a scale of another federation', KEEPERS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.observations.newScale(scope) },
    body: { ...scaleBody('权限测试量表（修订）'), version: 1 },
  })),
  // The same for the mini-program, which cannot send PATCH.
  updateObservationScaleByPost: row('a scale of another federation', KEEPERS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.observations.newScale(scope) },
    body: { ...scaleBody('权限测试量表（修订）'), version: 1 },
  })),
  createObservation: row('a teacher of another federation', MEMBERS, ['districtAdmin'], async (w, scope, role) => ({ token: w.token(role), body: observationBody(scope, role) })),
  // Only the caller's own lists (observer=me / teacher=me): no other scope.
  listObservations: row('—', SIGNED_IN, null, async (w, _scope, role) => ({ token: w.token(role), query: { teacher: 'me' } })),
  // Own: u-core-teacher-1 is the observed teacher; sch-core's managers read it too; an organizer does not.
  getObservation: row('an observation in another federation', ['teacher', 'schoolAdmin', 'federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.observations.of(scope) },
  })),
  acknowledgeObservation: row('an observation of another teacher', ['teacher'], [], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.observations.of(scope) },
    body: { reflection: '谢谢指点，下次把小组讨论放长一些。' },
  })),
  // Whom to observe: the school's teachers, for the federation's people (not parents).
  listObservableTeachers: row('another federation’s school', MEMBERS, ['districtAdmin'], async (w, scope, role) => ({ token: w.token(role), params: { id: w.schoolOf(scope) } })),
  // sch-core's managers; core-teacher-1 is no school leader (the dean, core-teacher-2, would be).
  getObservationCoverage: row('another federation’s school', ['schoolAdmin', 'federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.schoolOf(scope) },
    query: { semester: '2026-2027-1' },
  })),
  // The federation's schools side by side: its admins and the district's, as the federation report.
  getFederationObservationCoverage: row('another federation', KEEPERS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.federationOf(scope) },
    query: { semester: '2026-2027-1' },
  })),
};
