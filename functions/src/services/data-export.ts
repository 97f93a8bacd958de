import { ARCHIVE_KIND_LABELS, type ArchiveKind, type DataExportLink } from '@lianyan/shared';
import type { BlobStore } from '#lib/blobs';
import type { Clock } from '#lib/clock';
import { notFound, serviceUnavailable } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import { zip, type ZipEntry } from '#lib/zip';
import type { ErasureRepository } from '#repositories/erasure';
import { sessionIdOfKey } from '#repositories/sessions';

const LINK_SECONDS = 15 * 60;
type Item = Record<string, unknown>;

// Control characters and what Windows refuses in a file name.
// eslint-disable-next-line no-control-regex
const safe = (name: string) => name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim().slice(0, 80) || '未命名';
/** Storage keys and index attributes are ours, not the person's data. */
const clean = (item: Item) => {
  const { PK: _p, SK: _s, GSI1PK: _a, GSI1SK: _b, GSI2PK: _c, GSI2SK: _d, type: _t, ...rest } = item;
  return rest;
};
const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
const text = (lines: string[]) => Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');

const README = [
  '联研：个人信息副本',
  '',
  '本压缩包是您在联研中的个人信息副本（《个人信息保护法》第四十五条），文件均为 UTF-8 编码：',
  '  个人资料.json —— 姓名、手机号、学校与职务、角色、绑定的孩子',
  '  签到记录.json —— 每次教研活动与家长学校活动的签到、签退、学时',
  '  成长档案/档案记录.json —— 成长档案条目及审核结果；成长档案/证明材料/ —— 上传的证明文件',
  '  教研心得/ —— 提交的教研心得',
  '  打卡记录.json —— 打卡的文字；打卡照片/ —— 打卡时上传的照片',
  '  报名记录.json —— 家长学校活动报名',
  '  同意记录.json —— 同意《隐私政策》《用户协议》的版本与时间',
  '',
  '签到时的位置不保存经纬度，只保存与会场的距离，故副本中也只有距离。',
];

/** A copy of one's data (个人信息副本): a ZIP made within the request, fetched through a short-lived link. */
export function makeDataExportService(deps: { erasure: ErasureRepository; blobs: BlobStore | undefined; clock: Clock; newId: () => string }) {
  const { erasure } = deps;
  return {
    async build(auth: AuthContext, origin: string): Promise<DataExportLink> {
      const blobs = deps.blobs;
      if (!blobs) throw serviceUnavailable(60);
      const userId = auth.userId;
      const [profile, roles, children, consents, attendance, checkIns, entries, registrations] = await Promise.all([
        erasure.getProfile(userId),
        erasure.listInPartition(userId, 'roles'),
        erasure.listInPartition(userId, 'children'),
        erasure.listInPartition(userId, 'consents'),
        erasure.listOwn(userId, 'attendance'),
        erasure.listOwn(userId, 'checkIns'),
        erasure.listOwn(userId, 'entries'),
        erasure.listOwn(userId, 'registrations'),
      ]);
      if (!profile || profile.status === 'deleted') throw notFound('账号不存在');
      const sessionIds = [...new Set([...attendance, ...registrations].map((a) => String(a.sessionId)))];
      const [sessions, reflections] = await Promise.all([
        erasure.getSessions(sessionIds),
        erasure.getReflections(userId, attendance.map((a) => String(a.sessionId))),
      ]);
      const titleOf = new Map(sessions.map((s) => [String(s.id), String(s.title ?? '')]));
      const startOf = new Map(sessions.map((s) => [String(s.id), String(s.startAt ?? '')]));

      const now = deps.clock.now();
      const local = new Date(now.getTime() + 8 * 3_600_000);
      const modified = { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes() };
      const entriesOut: ZipEntry[] = [];
      const taken = new Set<string>();
      const add = (path: string, data: Buffer) => {
        let name = path;
        const dot = path.lastIndexOf('.');
        const [stem, ext] = dot > path.lastIndexOf('/') ? [path.slice(0, dot), path.slice(dot)] : [path, ''];
        for (let n = 2; taken.has(name); n += 1) name = `${stem}(${n})${ext}`;
        taken.add(name);
        entriesOut.push({ name, data, modified });
      };

      add('说明.txt', text(README));
      const { deletionDueAt: _due, deletionRequestedAt: _req, statusBefore: _sb, ...own } = clean(profile);
      add(
        '个人资料.json',
        json({
          ...own,
          roles: roles.map((r) => ({ role: r.role, scope: r.scope, grantedAt: r.grantedAt })),
          children: children.map((c) => {
            const { parentId: _p, ...child } = clean(c);
            return child;
          }),
        }),
      );
      add(
        '签到记录.json',
        json(
          attendance.map((a) => {
            const { name: _n, ...record } = clean(a);
            const sid = String(a.sessionId);
            return { sessionTitle: titleOf.get(sid) ?? '', sessionStartAt: startOf.get(sid) ?? '', ...record };
          }),
        ),
      );

      const archive = [];
      for (const e of entries) {
        const files = (e.evidenceFiles as Array<{ id: string; name: string }> | undefined) ?? [];
        const folder = `成长档案/证明材料/${safe(`${String(e.date)}-${ARCHIVE_KIND_LABELS[e.kind as ArchiveKind] ?? String(e.kind)}-${String(e.title ?? e.id)}`)}`;
        const paths: string[] = [];
        for (const f of files) {
          const data = await blobs.read(`evidence/${userId}/${f.id}`);
          if (!data) continue;
          const path = `${folder}/${safe(f.name)}`;
          add(path, data);
          paths.push(path);
        }
        archive.push({ ...clean(e), kindLabel: ARCHIVE_KIND_LABELS[e.kind as ArchiveKind] ?? String(e.kind), files: paths });
      }
      add('成长档案/档案记录.json', json(archive));

      for (const r of reflections) {
        const sid = sessionIdOfKey(r.PK);
        const title = titleOf.get(sid) ?? sid;
        add(`教研心得/${safe(`${(startOf.get(sid) ?? '').slice(0, 10)}-${title}`)}.txt`, text([`活动：${title}`, `状态：${r.status === 'submitted' ? '已提交' : '草稿'}`, '', String(r.text ?? '')]));
      }

      const checkInsOut = [];
      for (const c of checkIns) {
        const photos = (c.photos as Array<{ id: string; name: string }> | undefined) ?? [];
        const paths: string[] = [];
        for (const p of photos) {
          const data = await blobs.read(`evidence/${userId}/${p.id}`);
          if (!data) continue;
          const path = `打卡照片/${safe(`${String(c.date)}-${p.name}`)}`;
          add(path, data);
          paths.push(path);
        }
        const { name: _n, requestId: _r, ...record } = clean(c);
        checkInsOut.push({ ...record, photos: paths });
      }
      add('打卡记录.json', json(checkInsOut));
      add(
        '报名记录.json',
        json(
          registrations.map((r) => {
            const { name: _n, remindedFor: _rf, ...record } = clean(r);
            return { sessionTitle: titleOf.get(String(r.sessionId)) ?? '', ...record };
          }),
        ),
      );
      add('同意记录.json', json(consents.map((c) => ({ version: c.version, agreedAt: c.agreedAt }))));

      const body = zip(entriesOut);
      const fileName = `联研-个人信息副本-${local.toISOString().slice(0, 10)}.zip`;
      const key = `bundles/export/${userId}/${deps.newId()}`;
      await blobs.write(key, body, 'application/zip');
      const url = await blobs.presignGet(key, { expiresInSeconds: LINK_SECONDS, origin, fileName, contentType: 'application/zip' });
      return { url, fileName, files: entriesOut.length, expiresAt: new Date(now.getTime() + LINK_SECONDS * 1000).toISOString() };
    },
  };
}
export type DataExportService = ReturnType<typeof makeDataExportService>;
