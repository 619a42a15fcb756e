/** The bench report's row types, apart from report.ts so the sections that render rows need not import it. */
import type { ChildResult } from './child-protocol';

/** `audit` rows report request latencies (p50/p99), not throughput against a floor. */
export type Section = 'backup' | 'restore' | 'audit';
export type ThroughputSection = Exclude<Section, 'audit'>;
/** A floor is what the ratios divide by; a reference is shown for comparison only; ours is judged by the targets. */
export type RowKind = 'floor' | 'reference' | 'ours';

export interface Measured {
  section: Section;
  kind: RowKind;
  label: string;
  runs: ChildResult[];
}

export interface Targets {
  /** Our docs/s over the section floor's docs/s, at least. */
  minRatio: number;
  /** Peak RSS of one of our operations, below (MiB). */
  maxRssMb: number;
}


export interface RowSummary {
  section: Section;
  kind: RowKind;
  label: string;
  docs: number;
  runs: number;
  /** Median over runs. */
  seconds: number;
  docsPerSecond: number;
  bytes: number;
  /** Max over runs. */
  peakRssMb: number;
  baselineRssMb: number;
  ratioToFloor: number | null;
  /** Phases of the median run, seconds. */
  phases: Record<string, number>;
  /** Operation-specific values of the median run (the audit rows' p50Ms/p99Ms). */
  extra: ChildResult['extra'];
  meetsTargets: { ratio: boolean; rss: boolean } | null;
}

