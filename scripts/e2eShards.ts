// Splits the e2e files into shards that e2e/run.sh runs side by side, each in its own network and PID
// namespace. Longest first onto the least-loaded shard, by the durations last measured for each file,
// so the shards finish close together and the slowest file starts first.
//   node --import tsx scripts/e2eShards.ts plan SHARDS DURATIONS.json... -- FILE...   one shard per line
//   node --import tsx scripts/e2eShards.ts record DURATIONS.json TIMES.tsv           merge "file<TAB>s" lines
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** A file nobody has timed yet counts as this many seconds (about an average stack-starting file). */
export const UNKNOWN_FILE_SECONDS = 60;

export type Durations = Readonly<Record<string, number>>;

/** Files in shards, longest first onto the shard with the least work so far; empty shards are left out. Pure. */
export function planShards(files: readonly string[], durations: Durations, shards: number): string[][] {
  const seconds = (file: string) => durations[file] ?? UNKNOWN_FILE_SECONDS;
  const ordered = [...new Set(files)].sort((a, b) => seconds(b) - seconds(a) || a.localeCompare(b));
  const plan = Array.from({ length: Math.max(1, Math.floor(shards)) }, () => ({ files: [] as string[], load: 0 }));
  for (const file of ordered) {
    const lightest = plan.reduce((best, shard) => (shard.load < best.load ? shard : best));
    lightest.files.push(file);
    lightest.load += seconds(file);
  }
  return plan.map((shard) => shard.files).filter((shardFiles) => shardFiles.length > 0);
}

/** Later sources win; "file<TAB>seconds" lines of a finished run update the recorded durations. Pure. */
export function mergeDurations(sources: readonly Durations[], timesTsv = ''): Record<string, number> {
  const merged: Record<string, number> = Object.assign({}, ...sources) as Record<string, number>;
  for (const line of timesTsv.split('\n')) {
    const [file, seconds] = line.split('\t');
    if (file && seconds !== undefined && Number.isFinite(Number(seconds))) merged[file] = Number(seconds);
  }
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
}

function readDurations(path: string): Durations {
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Durations;
  } catch {
    return {}; // a half-written or hand-broken file only costs the balance, never the run
  }
}

function main(argv: readonly string[]): void {
  const [command, ...rest] = argv;
  if (command === 'plan') {
    const split = rest.indexOf('--');
    const [shards, ...durationFiles] = rest.slice(0, split);
    const durations = mergeDurations(durationFiles.map(readDurations));
    for (const shard of planShards(rest.slice(split + 1), durations, Number(shards))) console.log(shard.join(' '));
  } else if (command === 'record') {
    const [durationsFile, timesFile] = rest as [string, string];
    const times = existsSync(timesFile) ? readFileSync(timesFile, 'utf8') : '';
    writeFileSync(durationsFile, `${JSON.stringify(mergeDurations([readDurations(durationsFile)], times), null, 2)}\n`);
  } else {
    console.error('usage: e2eShards.ts plan SHARDS DURATIONS.json... -- FILE... | record DURATIONS.json TIMES.tsv');
    process.exitCode = 2;
  }
}

if (process.argv[1]?.endsWith('e2eShards.ts')) main(process.argv.slice(2));
