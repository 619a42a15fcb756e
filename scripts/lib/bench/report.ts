/**
 * Turns the children's results into the bench's one table (or JSON): medians over repeats, ratios against the floor
 * measured in the same run, and the targets next to the numbers.
 */
import { cpus, totalmem } from 'node:os';

import { renderAuditRows } from './audit-section';
import type { ChildResult } from './child-protocol';

export type { Measured, RowKind, RowSummary, Section, Targets } from './report-types';
import type { Measured, RowSummary, Targets, ThroughputSection } from './report-types';

export const TARGETS: Record<ThroughputSection, Targets> = { backup: { minRatio: 0.9, maxRssMb: 300 }, restore: { minRatio: 0.9, maxRssMb: 300 } };

export interface BenchReport {
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  docs: number;
  seed: number;
  repeat: number;
  seedSeconds: number;
  targets: Record<ThroughputSection, Targets>;
  rows: RowSummary[];
  warnings: string[];
}

function medianRun(runs: ChildResult[]): ChildResult {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  const mid = sorted[Math.floor((sorted.length - 1) / 2)];
  if (mid === undefined) throw new Error('a bench row without runs');
  return mid;
}

/** Summarises rows; ratios divide by the floor of the same section. */
export function summarise(rows: Measured[]): RowSummary[] {
  const base = rows.map((row) => {
    const mid = medianRun(row.runs);
    return {
      section: row.section,
      kind: row.kind,
      label: row.label,
      docs: mid.docs,
      runs: row.runs.length,
      seconds: mid.seconds,
      docsPerSecond: mid.docs / Math.max(mid.seconds, 1e-9),
      bytes: mid.bytes,
      peakRssMb: Math.max(...row.runs.map((r) => r.peakRssMb)),
      baselineRssMb: Math.max(...row.runs.map((r) => r.baselineRssMb)),
      phases: mid.phases,
      extra: mid.extra,
    };
  });
  return base.map((row) => {
    const floor = base.find((r) => r.section === row.section && r.kind === 'floor');
    const ratio = floor === undefined ? null : row.docsPerSecond / floor.docsPerSecond;
    if (row.section === 'audit') return { ...row, ratioToFloor: null, meetsTargets: null };
    const t = TARGETS[row.section];
    const meets = row.kind === 'ours' && ratio !== null ? { ratio: ratio >= t.minRatio, rss: row.peakRssMb < t.maxRssMb } : null;
    return { ...row, ratioToFloor: ratio, meetsTargets: meets };
  });
}

export function machineInfo(): BenchReport['machine'] {
  const list = cpus();
  return { cpus: list.length, cpuModel: list[0]?.model.trim() ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function targetCell(row: RowSummary): string {
  if (row.kind === 'floor') return 'floor';
  if (row.meetsTargets === null) return 'reference';
  if (row.section === 'audit') return 'reference';
  const t = TARGETS[row.section];
  return `ratio≥${t.minRatio} ${row.meetsTargets.ratio ? 'ok' : 'MISS'}, RSS<${t.maxRssMb} ${row.meetsTargets.rss ? 'ok' : 'MISS'}`;
}

function phaseLine(row: RowSummary): string | undefined {
  const entries = Object.entries(row.phases);
  if (entries.length === 0) return undefined;
  // `start` runs from the handler's start to its first reported phase (checks, snapshot time, counting).
  const named = entries.map(([p, s]) => `${p === 'start' ? 'setup' : p} ${fmt(s, 1)} s`);
  const rest = row.seconds - entries.reduce((sum, [, s]) => sum + s, 0);
  return `      phases: ${named.join(', ')}; job enqueue/claim ${fmt(rest, 1)} s`;
}

/** The one table, as text. */
export function renderTable(report: BenchReport): string {
  const m = report.machine;
  const throughput = report.rows.some((r) => r.section !== 'audit');
  const lines = [
    `machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, node ${m.node} (${m.platform}); Cloud Firestore emulator on this machine`,
    ...(throughput
      ? [
          `dataset: ${fmt(report.docs)} demo documents (seed ${report.seed}), seeded in ${fmt(report.seedSeconds, 1)} s; each op ran ${report.repeat}× (in rounds), each run in its own process: median seconds, max peak RSS`,
          `targets: backup docs/s ≥ ${report.targets.backup.minRatio} × floor, peak RSS < ${report.targets.backup.maxRssMb} MB; restore docs/s ≥ ${report.targets.restore.minRatio} × floor, peak RSS < ${report.targets.restore.maxRssMb} MB`,
        ]
      : []),
    '',
  ];
  const header = ['operation', 'docs', 'seconds', 'docs/s', 'MB written', 'peak RSS MB', 'ratio', 'target'];
  const width = [58, 8, 8, 8, 11, 12, 6, 0];
  const cell = (values: string[]) => values.map((v, i) => (i === 0 ? v.padEnd(width[i] ?? 0) : i === values.length - 1 ? `  ${v}` : v.padStart(width[i] ?? 0))).join(' ');
  for (const section of ['backup', 'restore'] as const) {
    const rows = report.rows.filter((r) => r.section === section);
    if (rows.length === 0) continue;
    lines.push(`${section.toUpperCase()}`, cell(header));
    for (const r of rows) {
      lines.push(
        cell([
          r.label,
          fmt(r.docs),
          fmt(r.seconds, 2),
          fmt(r.docsPerSecond),
          r.bytes > 0 ? fmt(r.bytes / 2 ** 20, 1) : '-',
          fmt(r.peakRssMb),
          r.ratioToFloor === null ? '-' : fmt(r.ratioToFloor, 2),
          targetCell(r),
        ]),
      );
      const phases = phaseLine(r);
      if (phases !== undefined) lines.push(phases);
    }
    lines.push('');
  }
  lines.push(...renderAuditRows(report.rows.filter((r) => r.section === 'audit')));
  const baseline = Math.max(...report.rows.map((r) => r.baselineRssMb));
  lines.push(`peak RSS is the whole child process; a child that only loaded its modules peaked at ≤ ${fmt(baseline)} MB.`);
  for (const w of report.warnings) lines.push(`WARNING: ${w}`);
  return lines.join('\n');
}
