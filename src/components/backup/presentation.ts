/**
 * How values look in the portal: one label and tone per job state (a `Record` over the contract's closed union, so
 * a new state fails to compile until it has a presentation), and number, size and time formatting.
 */
import { isJobState, JOB_STATES, type JobState } from '@/lib/contracts/backup';
import type { BadgeTone } from '@/components/ui/badge';

/** A job state as the API reports it. */
export type JobStateName = JobState;

export interface StatePresentation {
  label: string;
  tone: BadgeTone;
  /** True while the job may still change: pages poll while any shown job is active. */
  active: boolean;
}

export const JOB_STATE_PRESENTATION: Record<JobStateName, StatePresentation> = {
  queued: { label: 'Queued', tone: 'neutral', active: true },
  running: { label: 'Running', tone: 'info', active: true },
  verifying: { label: 'Verifying', tone: 'info', active: true },
  succeeded: { label: 'Verified', tone: 'success', active: false },
  failed: { label: 'Failed', tone: 'danger', active: false },
  cancelled: { label: 'Cancelled', tone: 'warning', active: false },
};

const UNKNOWN_STATE: StatePresentation = { label: 'Unknown', tone: 'neutral', active: false };

/** The presentation of a state string from the API (an unknown one is shown, never hidden). */
export function presentState(state: string): StatePresentation {
  return isJobState(state) ? JOB_STATE_PRESENTATION[state] : { ...UNKNOWN_STATE, label: state };
}

/** Job states as filter options, in lifecycle order. */
export const JOB_STATE_OPTIONS: readonly JobStateName[] = JOB_STATES;

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** 1536 → "1.5 KB" (binary multiples, one decimal below 10). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}

/** 95_000 → "1 min 35 s"; sub-second values as ms. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const h = Math.floor(m / 60);
  return `${h} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/** Hours as "3.2 h" or "2 d 4 h". */
export function formatHours(hours: number): string {
  if (hours < 48) return `${hours < 10 ? hours.toFixed(1) : Math.round(hours)} h`;
  const d = Math.floor(hours / 24);
  return `${d} d ${Math.round(hours - d * 24)} h`;
}

/** An ISO time as a short, locale-independent UTC stamp: "2026-11-23 19:15 UTC". */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** How long ago, relative to `now`: "just now", "5 min ago", "3 h ago", "2 d ago". */
export function formatAge(iso: string | null | undefined, now: number): string {
  if (!iso) return '—';
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return '—';
  if (ms < 60_000) return 'just now';
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ago`;
  if (ms < 172_800_000) return `${Math.floor(ms / 3_600_000)} h ago`;
  return `${Math.floor(ms / 86_400_000)} d ago`;
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toLocaleString('en-US');
}

/** A percentage with one decimal, "—" without a denominator. */
export function formatPercent(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)} %` : '—';
}
