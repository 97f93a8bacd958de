import { crc32, deflateSync } from 'node:zlib';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Reflection, ReflectionSettings } from '@lianyan/shared';
import type { BlobStore } from '@lianyan/functions/lib/blobs';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { A4, createPdf, textWidth, wrapText } from '@lianyan/functions/lib/pdf';
import { makeAttendanceRepository } from '@lianyan/functions/repositories/attendance';
import { makeRecordRepository, type StoredSessionFile } from '@lianyan/functions/repositories/records';
import { makeSessionRepository } from '@lianyan/functions/repositories/sessions';

const SESSION_ID = 'ses-past-observe';
const ORGANIZER = 'u-organizer';

// Photos drawn here (no image files in the repo): a classroom-coloured scene per photo, 480 × 320 RGB PNG.
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A blackboard, a window and rows of desks in the given hues: enough to tell the demo photos apart. */
export function demoPhoto(seed: number, width = 480, height = 320): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      let rgb: [number, number, number] = [236 - y / 8, 228 - y / 10, 210 - y / 12]; // wall
      if (y > height * 0.62) rgb = [176 - (y % 24), 132 - (y % 24), 92]; // floor
      if (x > width * 0.2 && x < width * 0.7 && y > height * 0.12 && y < height * 0.42) rgb = [34, 78 + seed * 12, 56]; // blackboard
      if (x > width * 0.78 && x < width * 0.94 && y > height * 0.1 && y < height * 0.45) rgb = [150 + seed * 20, 200, 240]; // window
      const desk = y > height * 0.55 && y < height * 0.95 && (Math.floor(x / 60) + Math.floor(y / 40) + seed) % 2 === 0 && x % 60 > 8;
      if (desk) rgb = [200 - seed * 15, 150, 90 + seed * 10];
      row.set(rgb.map((v) => Math.max(0, Math.min(255, Math.round(v)))), 1 + x * 3);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const PLAN = [
  ['活动主题', '四年级语文《爬山虎的脚》听评课——连续细致观察的方法'],
  ['活动时间地点', '明湖区城东第二小学 四年级(2)班教室，课后在三楼会议室评课'],
  ['执教教师', '钱子涵（明湖区城东第二小学）'],
  ['参加人员', '教共体各校语文教师，青山乡中心小学教师线下参加'],
  ['活动流程', '1. 课堂观摩（40 分钟）\n2. 执教教师说课（10 分钟）\n3. 分组评课：教学目标、朗读指导、小组合作（30 分钟）\n4. 专家点评与小结（20 分钟）'],
  ['活动要求', '听课教师按听课记录表记录，课后三天内在联研小程序提交不少于 100 字的听课心得。'],
] as const;

/** The demo 活动方案 as a PDF, written with the functions' own PDF writer. */
function demoPlanPdf(now: Date): Buffer {
  const pdf = createPdf({ title: '听评课活动方案', created: now });
  const page = pdf.addPage();
  const left = 64;
  const width = A4.width - 2 * left;
  let y = A4.height - 90;
  page.text(left + (width - textWidth('听评课活动方案', 20)) / 2, y, '听评课活动方案', { size: 20, bold: true });
  y -= 40;
  for (const [label, body] of PLAN) {
    page.text(left, y, label, { size: 13, bold: true, color: [0.18, 0.43, 0.87] });
    y -= 22;
    for (const line of wrapText(body, 11.5, width)) {
      page.text(left, y, line, { size: 11.5 });
      y -= 18;
    }
    y -= 10;
  }
  page.text(left, y - 10, '明湖区城东教共体 语文中心教研组', { size: 11, color: 0.35 });
  return pdf.toBuffer();
}

const REFLECTIONS = [
  '钱老师的《爬山虎的脚》给我留下了很深的印象。她没有急着讲解课文，而是先让学生拿出课前观察的爬山虎照片，说说自己看到了什么，再回到课文里找作者是怎么写的。这样的安排让学生体会到叶圣陶先生连续细致观察的方法，也让“观察”这个单元语文要素落到了实处。评课时大家提到，小组合作画“爬山虎的脚”示意图的环节可以再给学生多一点时间，我很认同。回到自己的课堂，我准备在习作单元前布置一周的观察日记，让学生先有材料，再学表达。',
  '这节课最值得学习的是朗读指导。钱老师抓住“触”“巴”“拉”“贴”几个动词，让学生边读边做动作，读出爬山虎一脚一脚往上爬的过程，学生读得有声有色。课后研讨中，青山乡中心小学的老师说乡村孩子身边就有很多植物，可以把观察搬到校园里去。我想到我们学校的种植园，下学期可以和科学老师一起设计一次跨学科的观察活动，让孩子们在真实情境中学习观察和表达。',
  '作为刚入职两年的年轻教师，我最大的收获是看到了一堂课的“留白”。钱老师提问之后总会等一等，给学生思考的时间，哪怕课堂安静下来也不急着提示。对比我自己的课，问题又多又碎，学生没有时间想。评课时专家老师说，好问题要少而精，要能撬动整节课。接下来我会在备课时先写下本课的一个核心问题，再围绕它设计两三个小问题，并请师傅来听课帮我看看效果。',
];

/**
 * A complete record for the past 听评课 (活动档案): plan, photos, reflections of three attendees, the organizer's
 * excerpts and briefing photos — so the briefing, the bundle and 活动档案情况 have something to show. The other past
 * sessions keep no record: they are the gaps the admin view lists. Written once (its own marker), through the same
 * repositories the handlers use; the bytes into the local store like uploads.
 */
export async function seedDemoRecords(ctx: TableContext, blobs: BlobStore, now = new Date()): Promise<'seeded' | 'present' | 'skipped'> {
  const marker = { PK: 'SEED', SK: 'demo-records-1' };
  if ((await ctx.db.send(new GetCommand({ TableName: ctx.table, Key: marker }))).Item) return 'present';
  const session = await makeSessionRepository(ctx).getSession(SESSION_ID);
  if (!session) return 'skipped';
  const records = makeRecordRepository(ctx);
  const roster = (await makeAttendanceRepository(ctx).listWholeRoster(SESSION_ID)).filter((a) => a.signedInAt);
  const afterEnd = (minutes: number) => new Date(Date.parse(session.endAt) + minutes * 60_000).toISOString();

  const files: Array<Omit<StoredSessionFile, 'key' | 'sessionId' | 'uploadedBy' | 'uploadedAt' | 'size'> & { bytes: Buffer }> = [
    { id: '01DEMOREC01PLAN', category: 'plan', name: '听评课活动方案.pdf', contentType: 'application/pdf', bytes: demoPlanPdf(now) },
    { id: '01DEMOREC02PHOTO', category: 'photo', name: '课堂实录.png', contentType: 'image/png', caption: '钱子涵老师执教《爬山虎的脚》', bytes: demoPhoto(0) },
    { id: '01DEMOREC03PHOTO', category: 'photo', name: '小组合作.png', contentType: 'image/png', caption: '学生小组合作画示意图', bytes: demoPhoto(1) },
    { id: '01DEMOREC04PHOTO', category: 'photo', name: '评课研讨.png', contentType: 'image/png', caption: '课后评课研讨', bytes: demoPhoto(2) },
  ];
  for (const [i, f] of files.entries()) {
    const key = `evidence/${ORGANIZER}/${f.id}`;
    await blobs.write(key, f.bytes, f.contentType);
    const { bytes, ...rest } = f;
    await records.putFile({ ...rest, sessionId: SESSION_ID, size: bytes.length, uploadedBy: ORGANIZER, uploadedAt: afterEnd(10 + i), key });
  }

  const deadline = afterEnd(3 * 24 * 60);
  const requested: ReflectionSettings = {
    sessionId: SESSION_ID,
    minLength: 100,
    deadline,
    prompt: '结合自己的课堂，写写这节课给你的启发（不少于 100 字）',
    excerpts: [],
    updatedBy: ORGANIZER,
    updatedAt: afterEnd(5),
  };
  // Over whatever a seed cut short left (the marker is written last).
  await records.putSettings(requested, await records.getSettings(SESSION_ID));
  const writers = roster.slice(0, REFLECTIONS.length);
  const submitted: Reflection[] = [];
  for (const [i, a] of writers.entries()) {
    const at = afterEnd(60 * (6 + i * 20));
    const reflection: Reflection = {
      sessionId: SESSION_ID,
      userId: a.userId,
      name: a.name,
      ...(a.schoolId ? { schoolId: a.schoolId } : {}),
      text: REFLECTIONS[i] ?? '',
      status: 'submitted',
      late: false,
      version: 1,
      submittedAt: at,
      createdAt: at,
      updatedAt: at,
    };
    await records.submit(reflection, undefined);
    submitted.push(reflection);
  }
  const schoolNames: Record<string, string> = { 'sch-core': '明湖区实验小学', 'sch-east2': '明湖区城东第二小学', 'sch-donghu': '东湖小学', 'sch-qingshan': '青山乡中心小学' };
  const excerpt = (r: Reflection, sentences: number) => ({
    userId: r.userId,
    name: r.name,
    ...(r.schoolId && schoolNames[r.schoolId] ? { schoolName: schoolNames[r.schoolId] } : {}),
    text: r.text.split('。').slice(0, sentences).join('。') + '。',
  });
  await records.putSettings({ ...requested, excerpts: submitted.slice(0, 2).map((r) => excerpt(r, 2)), updatedAt: afterEnd(4 * 24 * 60) }, requested);
  await records.setBriefingPhotos(SESSION_ID, ['01DEMOREC02PHOTO', '01DEMOREC04PHOTO']);
  await ctx.db.send(new PutCommand({ TableName: ctx.table, Item: { ...marker, at: now.toISOString() } }));
  return 'seeded';
}
