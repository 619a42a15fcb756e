/**
 * Unauthenticated refusals, audited in aggregate. Each audit append is a Firestore transaction on the chain's head,
 * so one entry per anonymous 401 would let anyone turn a flood of junk requests into a flood of contended writes.
 * Refusals are counted in memory per window instead (per address, claimed uid and action) and the window becomes ONE
 * audit entry, appended at the window's end by a timer or by the next refusal after it, whichever comes first.
 */
import type { AuditInput, Clock } from '../backup';

import type { ServerLog } from './errors';

/** One refused request: where it came from, whose token it claimed (unverified), what it tried. */
export interface Refusal {
  ip?: string;
  claimedUid?: string;
  action: string;
}

export interface RefusalTallyOptions {
  clock: Clock;
  /** Appends one audit entry (the audit store's `append`). */
  append: (entry: AuditInput) => Promise<unknown>;
  log: ServerLog;
  /** Window length; default one minute. */
  windowMs?: number;
  /** Runs `fn` after `ms`; default an unref'd setTimeout (a pending window never keeps the process alive). */
  schedule?: (ms: number, fn: () => void) => { cancel(): void };
}

/** Distinct values counted per window and field; beyond it they are counted as `other`. */
const MAX_KEYS = 1_000;
/** Values listed in the entry, most frequent first. */
const MAX_LISTED = 20;

interface Window {
  start: number;
  count: number;
  ips: Map<string, number>;
  claimedUids: Map<string, number>;
  actions: Map<string, number>;
  timer: { cancel(): void };
}

function bump(counts: Map<string, number>, key: string): void {
  const k = counts.has(key) || counts.size < MAX_KEYS ? key : 'other';
  counts.set(k, (counts.get(k) ?? 0) + 1);
}

function top<K extends string>(counts: Map<string, number>, name: K): Record<K | 'count', string | number>[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_LISTED)
    .map(([value, count]) => ({ [name]: value, count }) as Record<K | 'count', string | number>);
}

function summaryEntry(w: Window, end: Date): AuditInput {
  const from = new Date(w.start).toISOString();
  return {
    at: end.toISOString(),
    actor: { system: 'api' },
    action: 'api.unauthenticated',
    outcome: 'refused',
    reason: `${w.count} unauthenticated request(s) refused from ${w.ips.size} address(es) since ${from}`,
    params: { count: w.count, from, to: end.toISOString(), addresses: top(w.ips, 'ip'), claimedUids: top(w.claimedUids, 'uid'), actions: top(w.actions, 'action') },
  };
}

const defaultSchedule = (ms: number, fn: () => void) => {
  const t = setTimeout(fn, ms);
  t.unref();
  return { cancel: () => clearTimeout(t) };
};

/** Counts refusals per window and appends one audit entry per window. */
export class RefusalTally {
  private current: Window | undefined;
  private appending: Promise<void> = Promise.resolve();

  constructor(private readonly opts: RefusalTallyOptions) {}

  private get windowMs(): number {
    return this.opts.windowMs ?? 60_000;
  }

  /** Counts one refusal; closes the previous window first when it has ended. */
  record(refusal: Refusal): void {
    const now = this.opts.clock.now().getTime();
    if (this.current && now >= this.current.start + this.windowMs) this.close();
    const w = this.current ?? this.open(now);
    w.count += 1;
    bump(w.ips, refusal.ip ?? 'unknown');
    if (refusal.claimedUid !== undefined) bump(w.claimedUids, refusal.claimedUid);
    bump(w.actions, refusal.action);
  }

  /** Appends the open window's entry now (shutdown, tests) and waits for every append started so far. */
  async flush(): Promise<void> {
    this.close();
    await this.appending;
  }

  private open(now: number): Window {
    const w: Window = { start: now, count: 0, ips: new Map(), claimedUids: new Map(), actions: new Map(), timer: { cancel: () => undefined } };
    w.timer = (this.opts.schedule ?? defaultSchedule)(this.windowMs, () => {
      if (this.current === w) this.close();
    });
    this.current = w;
    return w;
  }

  private close(): void {
    const w = this.current;
    if (w === undefined) return;
    this.current = undefined;
    w.timer.cancel();
    const entry = summaryEntry(w, this.opts.clock.now());
    this.appending = this.appending
      .then(() => this.opts.append(entry))
      .then(
        () => undefined,
        (err: unknown) => this.opts.log(`api: could not append the audit entry of ${w.count} unauthenticated refusals`, err),
      );
  }
}
