/**
 * `npm run bench [-- <name filter>]`: runs the registered benchmarks plus every `bench/*.bench.ts`,
 * prints one results table and exits non-zero when a target is missed.
 *
 * A benchmark module exports `benchmark: Benchmark`. To add one, drop a `bench/<name>.bench.ts` file
 * (picked up automatically) or list its module in REGISTERED.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchResult {
	name: string;
	value: number;
	unit: string;
	/** Omit for an informational measurement. */
	target?: number;
	better: 'higher' | 'lower';
}

export interface Benchmark {
	name: string;
	run(): Promise<BenchResult[]>;
}

const REGISTERED = ['./sandbox-load'];

function discover(): string[] {
	const found = readdirSync(__dirname)
		.filter((f) => f.endsWith('.bench.ts'))
		.sort()
		.map((f) => `./${f.replace(/\.ts$/, '')}`);
	return [...REGISTERED, ...found.filter((m) => !REGISTERED.includes(m))];
}

const passed = (r: BenchResult) => r.target === undefined || (r.better === 'higher' ? r.value >= r.target : r.value <= r.target);

async function main(): Promise<void> {
	const filter = process.argv[2];
	const rows: Array<BenchResult & { suite: string; error?: string }> = [];
	for (const modulePath of discover()) {
		const { benchmark } = (await import(join(__dirname, modulePath))) as { benchmark?: Benchmark };
		if (!benchmark) {
			console.error(`${modulePath} does not export \`benchmark\``);
			process.exitCode = 1;
			continue;
		}
		if (filter && !benchmark.name.includes(filter)) continue;
		console.log(`running ${benchmark.name} ...`);
		try {
			for (const result of await benchmark.run()) rows.push({ ...result, suite: benchmark.name });
		} catch (error) {
			rows.push({ suite: benchmark.name, name: '(crashed)', value: NaN, unit: '', target: 0, better: 'higher', error: String(error) });
		}
	}
	const table = rows.map((r) => ({
		benchmark: r.name,
		result: r.error ?? `${r.value.toLocaleString('en-US')} ${r.unit}`,
		target: r.target === undefined ? '-' : `${r.better === 'higher' ? '>=' : '<='} ${r.target.toLocaleString('en-US')} ${r.unit}`,
		status: r.error ? 'ERROR' : passed(r) ? 'ok' : 'MISSED',
	}));
	console.table(table);
	if (table.some((t) => t.status !== 'ok')) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
