/**
 * `npm run bench [-- <benchmark name filter>] [--skip-build] [--only returnAll,upsert,notes,migration,burst]`
 *
 * Runs the registered benchmarks plus every `bench/*.bench.ts`, prints one targets table, writes
 * the results (bench/results/<date>-<machine>.json, latest.json, chart.svg, latest.md) and exits
 * non-zero when a target is missed or a benchmark crashed. Not part of `npm test`; never in CI.
 *
 * A benchmark module exports `benchmark: Benchmark`. To add one, drop a `bench/<name>.bench.ts` file
 * (picked up automatically) or list its module in REGISTERED.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ChartGroup } from './lib/chart';
import { renderChart } from './lib/chart';
import { describeMachine, machineInfo, type MachineInfo } from './lib/machine';

export interface BenchResult {
	name: string;
	value: number;
	unit: string;
	/** Omit for an informational measurement. */
	target?: number;
	better: 'higher' | 'lower';
}

export interface BenchContext {
	/** free-form details per benchmark, written to the results JSON */
	details: Record<string, unknown>;
	/** bars for bench/results/chart.svg */
	chart: ChartGroup[];
	/** set by a benchmark that knows more (e.g. n8n's runtime) */
	machine?: MachineInfo;
	/** markdown lines for bench/results/latest.md (the README's Performance section) */
	markdown: string[];
	/** true when the run left something out (filters, fewer runs): results go to a *-partial.json */
	partial: boolean;
	argv: string[];
}

export interface Benchmark {
	name: string;
	run(ctx: BenchContext): Promise<BenchResult[]>;
}

// the n8n suite first: it waits for a quiet machine, and the sandbox load test is a burst of CPU
const REGISTERED = ['./n8n-suite', './sandbox-load'];
const RESULTS_DIR = join(__dirname, 'results');

function discover(): string[] {
	const found = readdirSync(__dirname)
		.filter((f) => f.endsWith('.bench.ts'))
		.sort()
		.map((f) => `./${f.replace(/\.ts$/, '')}`);
	return [...REGISTERED, ...found.filter((m) => !REGISTERED.includes(m))];
}

export const passed = (r: BenchResult) =>
	r.target === undefined || (r.better === 'higher' ? r.value >= r.target : r.value <= r.target);

function formatValue(r: BenchResult): string {
	if (!Number.isFinite(r.value)) return 'n/a';
	const digits = r.unit === '×' ? 2 : 0;
	return `${r.value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${r.unit}`.trim();
}

/** Writes a results file the way `npm run format` (prettier, a devDependency) would leave it. */
async function writeFormatted(file: string, text: string): Promise<void> {
	let out = `${text}\n`;
	try {
		const prettier = await import('prettier');
		const options = (await prettier.resolveConfig(file)) ?? {};
		out = await prettier.format(text, { ...options, filepath: file });
	} catch {
		// prettier missing or failing: the unformatted text is still valid
	}
	writeFileSync(file, out);
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const flagsWithValue = new Set(['--only']);
	const positional = argv.filter(
		(arg, i) => !arg.startsWith('--') && !flagsWithValue.has(argv[i - 1]),
	);
	const filter = positional[0];
	const started = new Date();
	const ctx: BenchContext = {
		details: {},
		chart: [],
		markdown: [],
		partial: Boolean(filter),
		argv,
	};
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
			for (const result of await benchmark.run(ctx))
				rows.push({ ...result, suite: benchmark.name });
		} catch (error) {
			const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
			console.error(`${benchmark.name} crashed: ${message}`);
			rows.push({
				suite: benchmark.name,
				name: '(crashed)',
				value: NaN,
				unit: '',
				target: 0,
				better: 'higher',
				error: String(error),
			});
		}
	}
	if (rows.length === 0) {
		console.error(`no benchmark matched "${filter ?? ''}" (names: n8n, sandbox-load)`);
		process.exitCode = 1;
		return;
	}
	const table = rows.map((r) => ({
		suite: r.suite,
		benchmark: r.name,
		result: r.error ?? formatValue(r),
		target:
			r.target === undefined
				? '-'
				: `${r.better === 'higher' ? '>=' : '<='} ${r.target.toLocaleString('en-US')} ${r.unit}`.trim(),
		status: r.error ? 'ERROR' : r.target === undefined ? 'info' : passed(r) ? 'ok' : 'MISSED',
	}));
	console.table(table);
	const failed = table.some((t) => t.status === 'MISSED' || t.status === 'ERROR');
	// a crashed benchmark has no figures: keep the last complete results (latest.json, chart.svg)
	if (rows.some((r) => r.error)) ctx.partial = true;
	if (failed) process.exitCode = 1;

	const machine = ctx.machine ?? machineInfo();
	const date = started.toISOString().slice(0, 10);
	const report = {
		schema: 1,
		startedAt: started.toISOString(),
		finishedAt: new Date().toISOString(),
		command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
		machine,
		machineSummary: describeMachine(machine),
		partial: ctx.partial,
		passed: !failed,
		targets: table,
		results: rows,
		details: ctx.details,
	};
	mkdirSync(RESULTS_DIR, { recursive: true });
	const json = JSON.stringify(
		report,
		(_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
		2,
	);
	const file = join(RESULTS_DIR, `${date}-${machine.name}${ctx.partial ? '-partial' : ''}.json`);
	await writeFormatted(file, json);
	console.log(`results: ${file}`);
	if (!ctx.partial) {
		await writeFormatted(join(RESULTS_DIR, 'latest.json'), json);
		if (ctx.chart.length > 0) {
			writeFileSync(
				join(RESULTS_DIR, 'chart.svg'),
				renderChart(
					ctx.chart,
					'n8n-nodes-wiseagent: Wise Agent node vs n8n built-ins (median time)',
					`${describeMachine(machine)} · ${date}`,
				),
			);
		}
		if (ctx.markdown.length > 0)
			await writeFormatted(join(RESULTS_DIR, 'latest.md'), ctx.markdown.join('\n'));
		console.log(`also: ${join(RESULTS_DIR, 'latest.json')}, chart.svg, latest.md`);
	}
	console.log(failed ? 'some targets were MISSED (exit 1)' : 'all targets met');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
