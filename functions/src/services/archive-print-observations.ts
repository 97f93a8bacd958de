import { OBSERVER_KIND_LABELS, semesterLabel, shanghaiTime, type ArchiveObservations } from '@lianyan/shared';

// The printable archive's 听评课 section: dimension means by semester as bars, then the feedback received.

const escape = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export const OBSERVATION_PRINT_CSS = `.obs-dim { display: flex; align-items: center; margin: 2px 0; }
.obs-dim span { width: 22mm; }
.obs-dim i { display: inline-block; height: 8px; background: #2f6fde; margin-right: 6px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.obs-fb p { margin: 2px 0; white-space: pre-wrap; }`;

/** Nothing when the period has no observed lesson. */
export function observationSection(observations: ArchiveObservations | undefined): string {
  if (!observations?.count) return '';
  const figures = observations.semesters
    .map(
      (s) => `<tr><td class="d">${escape(semesterLabel(s.semester))}</td><td>${escape(s.scaleName)} · ${s.count} 节 · 平均 ${s.total} 分</td><td>${s.dimensions
        .map((d) => `<div class="obs-dim"><span>${escape(d.name)}</span><i style="width:${Math.max(1, Math.round(d.score * 0.4))}mm"></i>${d.score}</div>`)
        .join('')}</td></tr>`,
    )
    .join('\n');
  const feedback = observations.feedback
    .map(
      (f) => `<tr class="obs-fb"><td class="d">${escape(shanghaiTime(f.startedAt).slice(0, 10))}</td><td>${escape(f.observerName)}（${escape(OBSERVER_KIND_LABELS[f.observerKind])}）· ${escape(f.subject)} ${escape(f.grade)}${escape(f.className)}${
        f.topic ? `《${escape(f.topic)}》` : ''
      } · ${f.total} 分</td><td>${f.strengths ? `<p><b>亮点</b> ${escape(f.strengths)}</p>` : ''}${f.suggestions ? `<p><b>建议</b> ${escape(f.suggestions)}</p>` : ''}${
        f.reflection ? `<p><b>反思</b> ${escape(f.reflection)}</p>` : ''
      }</td></tr>`,
    )
    .join('\n');
  return `<section><h2>听评课反馈<small>被听课 ${observations.count} 节</small></h2>
<table><thead><tr><th class="d">学期</th><th>量表</th><th>各维度平均（满分 100）</th></tr></thead><tbody>
${figures}
</tbody></table>
<table><thead><tr><th class="d">日期</th><th>听课</th><th>反馈</th></tr></thead><tbody>
${feedback}
</tbody></table></section>`;
}
