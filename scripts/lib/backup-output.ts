/** How the CLI prints jobs, backups and verification results (plain text, or one JSON document with --json). */
import type { Runtime } from '../../src/lib/backup/composition';
import { type BackupListItem, backupResultSchema, describeEncryption, type Job, type VerifyResult } from '../../src/lib/backup';

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/** `running export: 1200 docs, 3.20 MB, ETA 4 s`, or just the state. */
export function progressLine(j: Job): string {
  const p = j.progress;
  return p ? `${j.state} ${p.phase}: ${p.documents} docs, ${mb(p.bytes)}${p.etaSeconds !== null ? `, ETA ${Math.round(p.etaSeconds)} s` : ''}` : j.state;
}

/**
 * The line every job-starting command prints before it waits (on stderr, so --json output stays one document):
 * whoever loses the terminal can still follow the job, which a worker resumes after its lease.
 */
export function jobLine(jobId: string): string {
  return `job ${jobId} queued — follow it with: npm run backup -- status ${jobId}`;
}

/** Prints the job line, runs the job in this process (the in-process worker) and prints progress until it ends. */
export async function watchJob(rt: Runtime, jobId: string, json: boolean): Promise<Job> {
  console.error(jobLine(jobId));
  let last = '';
  const timer = setInterval(() => {
    void rt.engine.getJob(jobId).then((j) => {
      const line = progressLine(j);
      if (!json && line !== last) console.error(`  ${line}`);
      last = line;
    }).catch(() => undefined);
  }, 1_000);
  try {
    await rt.worker.runUntilIdle({ onlyId: jobId });
    return await rt.engine.getJob(jobId);
  } finally {
    clearInterval(timer);
  }
}

export function printJobResult(job: Job, json: boolean): void {
  if (json) {
    console.log(JSON.stringify({ ok: job.state === 'succeeded', job }, null, 2));
    return;
  }
  const r = job.result as Record<string, unknown> | null;
  console.log(`job ${job.id}: ${job.state}`);
  if (job.state === 'running' || job.state === 'verifying') console.log(`  progress  ${progressLine(job)}`);
  if (r && typeof r.backupId === 'string') {
    console.log(`  backup    ${r.backupId} (${String(r.method)}) ${r.verified ? 'verified' : 'NOT verified'}`);
    console.log(`  documents ${String(r.documents)}   size ${mb(Number(r.bytes))}   files ${String(r.files)}   duration ${(Number(r.durationMs) / 1000).toFixed(1)} s`);
    console.log(`  location  ${String(r.location)}`);
    const entry = backupResultSchema.safeParse(r);
    if (entry.success) console.log(`  ${describeEncryption(entry.data)}`);
  }
  if (job.error) console.log(`  error     ${job.error.code}: ${job.error.message}`);
}

export function printBackupList(items: BackupListItem[], json: boolean): void {
  if (json) {
    console.log(JSON.stringify({ ok: true, backups: items }, null, 2));
    return;
  }
  if (items.length === 0) {
    console.log('no backups yet — create one with: npm run backup -- create --method logical');
    return;
  }
  console.log(['backup id'.padEnd(24), 'method'.padEnd(8), 'state'.padEnd(10), 'documents'.padStart(10), 'size'.padStart(11), '  created'].join(' '));
  for (const b of items) {
    console.log([b.backupId.padEnd(24), b.method.padEnd(8), b.state.padEnd(10), String(b.result?.documents ?? '-').padStart(10), (b.result ? mb(b.result.bytes) : '-').padStart(11), ` ${b.createdAt}`].join(' '));
  }
}

export function printVerify(result: VerifyResult & { backupId: string }, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log(`backup ${result.backupId}: ${result.ok ? 'verified' : 'FAILED verification'} (${result.documents} documents, ${mb(result.bytes)} checked)`);
  for (const f of result.findings) console.log(`  ${f.severity} ${f.code}${f.file ? ` [${f.file}]` : ''}: ${f.message}`);
}

interface RestoreSummary {
  totals?: { created: number; changed: number; deleted: number; unchanged: number };
  diff?: Record<string, { created: number; changed: number; deleted: number; unchanged: number; examples: Record<string, string[]> }>;
  dryRun?: boolean;
  verified?: boolean | null;
  written?: number;
  deleted?: number;
  durationMs?: number;
  safetyBackupId?: string | null;
  targetDatabase?: { projectId: string; databaseId: string };
}

/** A production restore still waiting, queued, for the second admin (BACKUP_REQUIRE_SECOND_APPROVAL). */
export function awaitsApproval(job: Job): boolean {
  return job.state === 'queued' && job.params.approvalRequired === true && !job.params.approvedBy;
}

export function printRestoreResult(job: Job, json: boolean): void {
  if (json) {
    console.log(JSON.stringify({ ok: job.state === 'succeeded', job }, null, 2));
    return;
  }
  const r = (job.result ?? {}) as RestoreSummary;
  const where = r.targetDatabase ? `${r.targetDatabase.projectId}/${r.targetDatabase.databaseId}` : '?';
  console.log(`job ${job.id}: ${job.state}${r.dryRun ? ' (dry run: nothing written)' : ''} → ${where}`);
  if (r.diff) {
    console.log(`  ${'collection'.padEnd(34)} ${'create'.padStart(7)} ${'change'.padStart(7)} ${'delete'.padStart(7)} ${'same'.padStart(7)}`);
    for (const [c, d] of Object.entries(r.diff)) console.log(`  ${c.padEnd(34)} ${String(d.created).padStart(7)} ${String(d.changed).padStart(7)} ${String(d.deleted).padStart(7)} ${String(d.unchanged).padStart(7)}`);
    for (const [c, d] of Object.entries(r.diff)) for (const [k, ex] of Object.entries(d.examples)) if (ex.length) console.log(`    e.g. ${k} ${c}: ${ex.slice(0, 3).join(', ')}`);
  }
  if (awaitsApproval(job)) {
    console.log(`  waits for a second admin's approval: the portal's Disaster Recovery tab (pending approvals), or the API's approve_restore action`);
    console.log(`  a worker (the API's, or npm run worker) then runs it; follow it with: npm run backup -- status ${job.id}`);
  }
  if (!r.dryRun && job.state === 'succeeded') {
    console.log(`  written ${r.written ?? 0}, deleted ${r.deleted ?? 0}, verified ${r.verified ? 'yes' : 'no'}, RTO ${((r.durationMs ?? 0) / 1000).toFixed(1)} s${r.safetyBackupId ? `, safety backup ${r.safetyBackupId}` : ''}`);
  }
  if (job.error) console.log(`  error ${job.error.code}: ${job.error.message}`);
}

/** `jobs`: one line per job, newest first. */
export function printJobs(jobs: Job[], json: boolean): void {
  if (json) {
    console.log(JSON.stringify({ ok: true, jobs }, null, 2));
    return;
  }
  if (jobs.length === 0) {
    console.log('no jobs match');
    return;
  }
  console.log([`${'job id'.padEnd(40)}`, 'kind'.padEnd(8), 'state'.padEnd(10), 'created'.padEnd(24), 'detail'].join(' '));
  for (const j of jobs) console.log([j.id.padEnd(40), j.kind.padEnd(8), j.state.padEnd(10), j.createdAt.padEnd(24), jobDetail(j)].join(' '));
}

function jobDetail(j: Job): string {
  if (j.error) return `${j.error.code}: ${j.error.message}`;
  if (j.state === 'running' || j.state === 'verifying') return progressLine(j).slice(j.state.length + 1) || '-';
  if (awaitsApproval(j)) return 'waits for a second admin\'s approval';
  const r = j.result ?? {};
  if (typeof r.backupId === 'string') return `backup ${r.backupId}${typeof r.documents === 'number' ? `, ${r.documents} docs` : ''}`;
  if (r.targetDatabase && typeof r.targetDatabase === 'object') return `→ ${JSON.stringify(r.targetDatabase)}${r.dryRun ? ' (dry run)' : ''}`;
  return '-';
}
