import { SESSION_KIND_LABELS, shanghaiTime, type Briefing, type SessionKind } from '@lianyan/shared';

// The printable briefing (活动简报): one self-contained A4 page, no scripts; Chromium prints it to PDF.

const escape = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const shanghai = shanghaiTime;

export function briefingTimeRange(startAt: string, endAt: string): string {
  const from = shanghai(startAt);
  const to = shanghai(endAt);
  return from.slice(0, 10) === to.slice(0, 10) ? `${from}–${to.slice(11)}` : `${from} 至 ${to}`;
}

/** The facts table of the briefing, label and value, as both the page and the PDF show it. */
export function briefingFacts(b: Briefing): [string, string][] {
  const s = b.session;
  return [
    ['活动类型', SESSION_KIND_LABELS[s.kind as SessionKind] ?? s.kind],
    ['活动时间', briefingTimeRange(s.startAt, s.endAt)],
    ['活动地点', s.mode === 'online' ? `线上${s.venueName ? `（${s.venueName}）` : ''}` : (s.venueName ?? '')],
    ['承办学校', s.hostSchoolName],
    ['参与学校', b.schools.join('、')],
    ...(s.subject || s.grade ? [['学科年级', [s.grade, s.subject].filter(Boolean).join(' ')] as [string, string]] : []),
    ...(s.lesson
      ? [
          ['授课教师', `${s.lesson.teacherName}（${s.lesson.className}）`] as [string, string],
          ['课题', s.lesson.topic] as [string, string],
        ]
      : []),
  ];
}

/** Signed in of expected, to a tenth of a percent; — when nobody was expected. */
export const attendanceRate = (f: Briefing['figures']) => (f.expected ? `${Math.round((f.signedIn / f.expected) * 1000) / 10}%` : '—');

/** `已收心得 3 篇 · 生成于 2026-11-23 17:00 · 联研` */
export const briefingFooter = (b: Briefing) => `${b.reflections.requested ? `已收心得 ${b.reflections.submitted} 篇 · ` : ''}生成于 ${shanghai(b.generatedAt)} · 联研`;

export function renderBriefingPage(b: Briefing): string {
  const s = b.session;
  const facts = briefingFacts(b);
  const f = b.figures;
  const rate = attendanceRate(f);
  const rows = f.bySchool
    .map((r) => `<tr><td>${escape(r.schoolName)}</td><td class="n">${r.expected}</td><td class="n">${r.signedIn}</td><td class="n">${r.late}</td></tr>`)
    .join('\n');
  const photos = b.photos.length
    ? `<section><h2>活动剪影</h2><div class="photos">${b.photos
        .map((p) => `<figure>${p.url ? `<img src="${escape(p.url)}" alt="${escape(p.caption ?? p.name)}">` : ''}<figcaption>${escape(p.caption ?? '')}</figcaption></figure>`)
        .join('')}</div></section>`
    : '';
  const excerpts = b.excerpts.length
    ? `<section><h2>心得摘录</h2>${b.excerpts
        .map((e) => `<blockquote><p>${escape(e.text)}</p><cite>—— ${escape(e.schoolName ? `${e.schoolName} ` : '')}${escape(e.name)}</cite></blockquote>`)
        .join('\n')}</section>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>活动简报：${escape(s.title)}</title>
<style>
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2329; margin: 0 auto; max-width: 190mm; padding: 12px; font-size: 12px; line-height: 1.6; }
h1 { font-size: 22px; text-align: center; margin: 0 0 4px; letter-spacing: 2px; }
.sub { text-align: center; color: #555; margin: 0 0 12px; }
h2 { font-size: 14px; border-left: 4px solid #2f6fde; padding-left: 6px; margin: 14px 0 6px; break-after: avoid; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #999; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f0f3f8; }
.facts th { width: 24mm; }
.n { text-align: right; width: 22mm; }
.totals { display: grid; grid-template-columns: repeat(4, 1fr); border: 1px solid #999; border-right: 0; border-bottom: 0; margin-bottom: 8px; }
.totals div { border-right: 1px solid #999; border-bottom: 1px solid #999; padding: 6px 8px; }
.totals b { display: block; font-size: 16px; }
.totals span { color: #555; font-size: 11px; }
.photos { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px; }
figure { margin: 0; break-inside: avoid; }
figure img { width: 100%; height: 40mm; object-fit: cover; border: 1px solid #ccc; }
figcaption { color: #555; font-size: 10px; text-align: center; }
blockquote { margin: 0 0 8px; padding: 6px 10px; border-left: 3px solid #ccd6e6; background: #f7f9fc; break-inside: avoid; }
blockquote p { margin: 0; }
cite { display: block; text-align: right; color: #555; font-style: normal; }
footer { margin-top: 16px; color: #777; font-size: 10px; text-align: right; }
@media print { body { padding: 0; } }
</style></head><body>
<h1>活动简报</h1>
<p class="sub">${escape(s.title)}</p>
<table class="facts"><tbody>${facts.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`).join('')}</tbody></table>
<h2>出勤情况</h2>
<div class="totals"><div><b data-figure="expected">${f.expected}</b><span>应到</span></div><div><b data-figure="signedIn">${f.signedIn}</b><span>实到（已签到）</span></div><div><b data-figure="late">${f.late}</b><span>迟到</span></div><div><b>${rate}</b><span>出勤率</span></div></div>
<table><thead><tr><th>学校</th><th class="n">应到</th><th class="n">实到</th><th class="n">迟到</th></tr></thead><tbody>
${rows}
</tbody></table>
${photos}
${excerpts}
<footer>${escape(briefingFooter(b))}</footer>
</body></html>`;
}
