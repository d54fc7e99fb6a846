// How every scenario grows with the table: the same scenario at 100,000 posts and at 1,000,000 (10,000,000), measured
// in the same run (a scenario runs on every data set before the next scenario starts), as ratios.
import type { DatabaseResult, ScenarioResult, SideResult } from './report.ts';

const num = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const ms = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : 'n/a');
const rps = (side?: SideResult) => (side ? side.measurement.rps : NaN);
const label = (db: DatabaseResult) => db.posts.toLocaleString('en-US');
const yes = (ok: boolean) => (ok ? '**holds**' : '**does not hold**');

export function growthMarkdown(databases: DatabaseResult[]): string {
  const lines: string[] = [];
  for (const engine of [...new Set(databases.map((d) => d.engine))]) {
    const sets = databases.filter((d) => d.engine === engine);
    const small = sets.find((d) => d.size === '100k');
    if (!small || sets.length < 2) continue;
    for (const large of sets.filter((d) => d !== small)) {
      lines.push(`## ${engine}: ${label(small)} → ${label(large)} posts`, '');
      lines.push(`Each scenario at both sizes in the same run, one after the other. "Slower" is requests/s at ${label(small)} ÷ requests/s at ${label(large)} (1.0: no slower).`, '');
      lines.push(`| Scenario | admin req/s ${label(small)} | admin req/s ${label(large)} | admin slower | admin p50 ms | admin CPU ms/request | Django req/s ${label(small)} | Django req/s ${label(large)} | Django slower | admin / Django at ${label(large)} |`);
      lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
      const rows: { label: string; slower: number; kind: string }[] = [];
      for (const a of small.scenarios) {
        const b: ScenarioResult | undefined = large.scenarios.find((r) => r.scenario.id === a.scenario.id);
        if (!b) continue;
        const slower = rps(a.admin) / rps(b.admin);
        rows.push({ label: a.scenario.label, slower, kind: a.scenario.kind });
        const cpu = (r: ScenarioResult) => (r.admin.measurement.cpuMsPerRequest == null ? 'n/a' : ms(r.admin.measurement.cpuMsPerRequest));
        lines.push(`| ${a.scenario.label} | ${num(rps(a.admin))} | ${num(rps(b.admin))} | ${num(slower, 2)}× | ${ms(a.admin.measurement.p50)} → ${ms(b.admin.measurement.p50)} | ${cpu(a)} → ${cpu(b)} `
          + `| ${num(rps(a.django))} | ${num(rps(b.django))} | ${a.django && b.django ? `${num(rps(a.django) / rps(b.django), 2)}×` : 'n/a'} | ${b.django ? `${num(rps(b.admin) / rps(b.django))}×` : 'n/a'} |`);
      }
      lines.push('');
      const lists = rows.filter((r) => r.kind === 'list');
      const worst = lists.reduce((w, r) => (r.slower > w.slower ? r : w), lists[0]);
      if (worst) lines.push(`- ${engine}: every list scenario at ${label(large)} posts within 2× of ${label(small)}: ${yes(lists.every((r) => r.slower <= 2))} (slowest growth: ${worst.label}, ${num(worst.slower, 2)}×).`, '');
      const searchAndFilter = large.scenarios.filter((r) => r.scenario.id === 'list-search' || r.scenario.id === 'list-filter');
      if (searchAndFilter.length) {
        const p50s = searchAndFilter.map((r) => `${r.scenario.label} ${ms(r.admin.measurement.p50)} ms`).join(', ');
        lines.push(`- ${engine}: search and filter p50 under 50 ms at ${label(large)} posts: ${yes(searchAndFilter.every((r) => r.admin.measurement.p50 < 50))} (${p50s}).`, '');
      }
    }
  }
  const small = databases.filter((d) => d.size === '100k');
  for (const db of small) {
    const withDjango = db.scenarios.filter((r) => r.django);
    if (!withDjango.length) continue;
    const least = withDjango.reduce((w, r) => (rps(r.admin) / rps(r.django) < rps(w.admin) / rps(w.django) ? r : w));
    lines.push(`- ${db.engine}: at least 5× Django's requests/s in every scenario at ${label(db)} posts: ${yes(withDjango.every((r) => rps(r.admin) / rps(r.django) >= 5))} (least: ${least.scenario.label}, ${num(rps(least.admin) / rps(least.django))}×).`);
  }
  if (lines.length) lines.push('');
  return lines.join('\n');
}
