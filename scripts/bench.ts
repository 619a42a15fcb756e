/**
 * `npm run bench -- [--docs N] [--repeat N] [--only backup|restore|audit] [--seed N] [--stages] [--json]`: a benchmark, not a test.
 * Measures backup and restore throughput and peak memory against floors measured in the same run, on a fresh
 * emulator of its own, and prints one table (or JSON). See scripts/lib/bench/run-bench.ts.
 */
import { renderTable } from './lib/bench/report';
import { parseBenchArgs, runBench } from './lib/bench/run-bench';
import { runScript } from './lib/run-script';

const argv = process.argv.slice(2);
const json = argv.includes('--json');

runScript(async () => {
  const opts = parseBenchArgs(argv);
  const report = await runBench(opts, (line) => console.error(line));
  console.log(opts.json ? JSON.stringify(report, null, 2) : renderTable(report));
  return 0;
}, { json });
