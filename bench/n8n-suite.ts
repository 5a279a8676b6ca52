/**
 * The benchmark suite in a REAL n8n: the pinned runtime (scripts/lib/runtime.ts, installed on first
 * use like the e2e suite), this package built and installed as a community package, the Wise Agent
 * sandbox in this process (10,000 contacts, strict mode, 50 ms per API request) and four scenarios,
 * each ours (Wise Agent node) vs an n8n built-in baseline, interleaved A B A B:
 *
 *   returnAll  Contact → Get Many, Return All 10,000       vs HTTP Request + n8n pagination
 *   upsert     Contact → Create or Update 500 (new, again, with 10% 429) vs HTTP Request webcontact
 *   notes      Note → Create 500                           vs HTTP Request addContactNote
 *   migration  templates/lofty-to-wise-agent.json, 2,000 leads × 3 notes, twice (records/s; no baseline)
 *   burst      Wise Agent Trigger, 200 / 1,000 creates     vs Webhook node subscribed the same way
 *
 * Env: BENCH_REPS (3), BENCH_LATENCY_MS (50), BENCH_PARALLEL_REQUESTS (20), BENCH_429_SHARE (0.1),
 * BENCH_429_RETRY_AFTER (1 s), BENCH_N8N_PORT (5700; broker +1), BENCH_SANDBOX_PORT (4030),
 * BENCH_MAX_MINUTES (35: no new repetition starts after that), BENCH_QUIET_WAIT_S (300: wait at most
 * this long for a 1-minute load average below half the CPU count), BENCH_FORCE_GC (1: full GC in n8n
 * before each measured run, see lib/gc.ts), BENCH_CPU_PROFILE_DIR (a CPU profile of n8n per measured
 * run, written there; marks the results partial), N8N_RUNTIME_DIR, BENCH_MACHINE.
 * BENCH_MIGRATION_LEADS (2000), BENCH_LOFTY_PORT (4731).
 * Flags: --skip-build, --only returnAll,upsert,notes,migration,burst.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox';
import { onShutdownSignal, run, stopAllServices } from '../scripts/lib/proc';
import { ensureRuntime, ROOT_DIR } from '../scripts/lib/runtime';
import { startStack, type Stack } from '../scripts/lib/stack';
import type { Benchmark, BenchContext, BenchResult } from './run';
import {
	installRateLimits,
	type ScenarioResult,
	type SuiteContext,
	type SuiteSettings,
} from './lib/context';
import { ForcedGc, INSPECT_NODE_OPTIONS } from './lib/gc';
import { describeMachine, machineInfo } from './lib/machine';
import { seconds } from './lib/stats';
import { readPageConcurrency, readPageSize } from './lib/transport';
import { burstScenario } from './scenarios/burst';
import { migrationScenario } from './scenarios/migration';
import { notesScenario } from './scenarios/notes';
import { returnAllScenario } from './scenarios/returnAll';
import { upsertScenario } from './scenarios/upsert';

const SCENARIOS: Array<{ id: string; run: (ctx: SuiteContext) => Promise<ScenarioResult> }> = [
	{ id: 'returnAll', run: returnAllScenario },
	{ id: 'upsert', run: upsertScenario },
	{ id: 'notes', run: notesScenario },
	{ id: 'migration', run: migrationScenario },
	{ id: 'burst', run: burstScenario },
];

function numberFromEnv(name: string, fallback: number, check: (n: number) => boolean): number {
	const raw = process.env[name];
	const value = raw === undefined || raw === '' ? fallback : Number(raw);
	if (!Number.isFinite(value) || !check(value)) throw new Error(`${name}=${raw} is not valid`);
	return value;
}

const started = Date.now();
function say(message: string): void {
	process.stdout.write(
		`[bench +${String(Math.round((Date.now() - started) / 1000)).padStart(4)}s] ${message}\n`,
	);
}

function markdown(
	results: ScenarioResult[],
	rows: BenchResult[],
	ctx: SuiteContext,
	machine: string,
): string[] {
	const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');
	const lines = [
		'| Scenario | Ours: median (min–max) | Baseline: median (min–max) | Ours / baseline | API requests ours / baseline | n8n CPU ours / baseline |',
		'| --- | --- | --- | --- | --- | --- |',
	];
	const pairs: Array<[string, ScenarioResult, string, string, string]> = [];
	for (const r of results) {
		if (r.id === 'returnAll') pairs.push([r.title, r, 'ours', 'baseline', 'time']);
		if (r.id === 'upsert') {
			pairs.push(['Create or Update 500 new', r, 'ours:new', 'baseline:new', 'new']);
			pairs.push([
				'Create or Update the same 500 (updates)¹',
				r,
				'ours:update',
				'baseline:update',
				'update',
			]);
			pairs.push([
				'Create or Update the same 500, 10% HTTP 429²',
				r,
				'ours:rateLimited',
				'baseline:rateLimited',
				'rateLimited',
			]);
		}
		if (r.id === 'notes') pairs.push(['Note create 500', r, 'ours', 'baseline', 'time']);
		if (r.id === 'burst') {
			pairs.push(['Webhook burst 200³', r, 'ours:200', 'baseline:200', '200']);
			pairs.push(['Webhook burst 1,000³', r, 'ours:1000', 'baseline:1000', '1000']);
		}
	}
	for (const [label, r, a, b, key] of pairs) {
		const va = r.variants[a];
		const vb = r.variants[b];
		if (!va || !vb) continue;
		const cell = (v: typeof va) =>
			`${s(v.executionMs.median)} (${s(v.executionMs.min)}–${s(v.executionMs.max)})`;
		const req = (v: typeof va) =>
			Number.isFinite(v.requests.median) ? String(v.requests.median) : '–';
		const cpu = (v: typeof va) =>
			v.n8nCpuMs && Number.isFinite(v.n8nCpuMs.median) ? s(v.n8nCpuMs.median) : '–';
		const rt = r.ratios[key];
		lines.push(
			`| ${label} | ${cell(va)} | ${cell(vb)} | ${Number.isFinite(rt) ? `${rt.toFixed(2)}×` : 'n/a'} | ${req(va)} / ${req(vb)} | ${cpu(va)} / ${cpu(vb)} |`,
		);
	}
	const returnAll = results.find((r) => r.id === 'returnAll');
	if (returnAll) {
		const floor = Number((returnAll.extra as { floorMs?: number } | undefined)?.floorMs);
		const mb = (v?: { median: number }) =>
			v && Number.isFinite(v.median) ? `+${v.median} MB` : 'n/a';
		lines.push(
			`| Return All at 0 ms latency (for the floor) | ${s(returnAll.variants['ours-0ms']?.executionMs.median ?? NaN)} | | floor ${s(floor)}; ours / floor ${Number.isFinite(returnAll.ratios.floor) ? returnAll.ratios.floor.toFixed(2) : 'n/a'}× | | |`,
			`| Return All: n8n peak RSS growth | ${mb(returnAll.variants.ours.rssGrowthMb)} | ${mb(returnAll.variants.baseline.rssGrowthMb)} | ${Number.isFinite(returnAll.ratios.rssGrowth) ? returnAll.ratios.rssGrowth.toFixed(2) : 'n/a'}× | | |`,
		);
	}
	const migration = results.find((r) => r.id === 'migration');
	if (migration) {
		const rate = (migration.extra as { recordsPerSecond?: Record<string, number> } | undefined)
			?.recordsPerSecond;
		const time = (variant: string) =>
			s(migration.runs.find((run) => run.variant === variant)?.executionMs ?? NaN);
		lines.push(
			`| ${migration.title}⁴ | first run ${time('ours:first')} (${rate?.first ?? 'n/a'} records/s); again ${time('ours:again')} (${rate?.again ?? 'n/a'} records/s) | – | – | ${migration.runs.map((run) => run.requests ?? '–').join(' / ')} / – | |`,
		);
	}
	const { settings } = ctx;
	lines.push(
		'',
		'¹ webcontact never updates an existing contact (it answers "Use \'updateContact\' request to update contacts"), so this baseline does less and changes nothing; ours updated all 500 (checked in the sandbox).',
		`² ${Math.round(settings.rateLimitShare * 100)}% of data-API requests answered HTTP 429 (Retry-After: ${settings.retryAfterSeconds}). The HTTP Request node fails the run on the first 429; ours waits them out and applies all 500 updates without a duplicate (checked).`,
		'³ Time from the last create to the last ClientID emitted (collector in the benchmark); n/a when some contacts were never emitted.',
		'⁴ The template as shipped (its Parallel Requests, Lofty fake on 127.0.0.1), run from its Manual Trigger; records = contacts + notes. Run again, it finds every contact and note and copies none (checked). No baseline: n8n has no Lofty node.',
		'',
		'| Target | Result | Status |',
		'| --- | --- | --- |',
	);
	for (const row of rows.filter((r) => r.target !== undefined)) {
		const ok = row.better === 'higher' ? row.value >= row.target! : row.value <= row.target!;
		const value = Number.isFinite(row.value)
			? `${row.unit === '×' ? row.value.toFixed(2) : row.value} ${row.unit}`
			: 'n/a';
		lines.push(
			`| ${row.name} ${row.better === 'higher' ? '≥' : '≤'} ${row.target} ${row.unit} | ${value} | ${ok ? 'met' : '**missed**'} |`,
		);
	}
	lines.push(
		'',
		`Machine: ${machine}. ${settings.reps} runs per variant, interleaved (A B A B); ${settings.latencyMs} ms sandbox latency per API request; Parallel Requests ${settings.parallelRequests} where the node offers it; times from n8n's execution record (startedAt → stoppedAt).`,
	);
	return lines;
}

export const benchmark: Benchmark = {
	name: 'n8n',
	async run(bench: BenchContext): Promise<BenchResult[]> {
		const argv = bench.argv;
		const onlyIndex = argv.indexOf('--only');
		const only =
			onlyIndex >= 0
				? (argv[onlyIndex + 1] ?? '')
						.split(',')
						.map((s) => s.trim())
						.filter(Boolean)
				: [];
		const settings: SuiteSettings = {
			reps: numberFromEnv('BENCH_REPS', 3, (n) => Number.isInteger(n) && n >= 1 && n <= 20),
			latencyMs: numberFromEnv('BENCH_LATENCY_MS', 50, (n) => n >= 0 && n <= 2_000),
			parallelRequests: numberFromEnv(
				'BENCH_PARALLEL_REQUESTS',
				20,
				(n) => Number.isInteger(n) && n >= 1 && n <= 100,
			),
			rateLimitShare: numberFromEnv('BENCH_429_SHARE', 0.1, (n) => n > 0 && n < 1),
			retryAfterSeconds: numberFromEnv('BENCH_429_RETRY_AFTER', 1, (n) => n >= 0 && n <= 60),
			contacts: 10_000,
			seed: 1,
		};
		if (only.length > 0 || settings.reps < 3) bench.partial = true;
		const maxMs = numberFromEnv('BENCH_MAX_MINUTES', 35, (n) => n > 0 && n <= 240) * 60_000;
		const n8nPort = numberFromEnv(
			'BENCH_N8N_PORT',
			5700,
			(n) => Number.isInteger(n) && n > 1024 && n < 65535,
		);
		const sandboxPort = numberFromEnv(
			'BENCH_SANDBOX_PORT',
			4030,
			(n) => Number.isInteger(n) && n > 1024 && n < 65535,
		);

		// A busy machine (a build, a test run) makes every figure noisy: wait a little for it to calm down.
		const quietWaitMs =
			numberFromEnv('BENCH_QUIET_WAIT_S', 300, (n) => n >= 0 && n <= 3_600) * 1000;
		const quietLoad = os.cpus().length * 0.5;
		for (
			const waitStarted = Date.now();
			os.loadavg()[0] > quietLoad && Date.now() - waitStarted < quietWaitMs;
		) {
			say(
				`load average ${os.loadavg()[0].toFixed(2)} > ${quietLoad}: waiting for a quieter machine (at most ${quietWaitMs / 1000} s more: BENCH_QUIET_WAIT_S)`,
			);
			await new Promise((resolve) => setTimeout(resolve, 15_000));
		}
		const runtime = await ensureRuntime(say);
		if (argv.includes('--skip-build')) say('skipping npm run build (--skip-build)');
		else {
			say('building the package (npm run build)');
			await run('npm', ['run', '--silent', 'build'], { cwd: ROOT_DIR, stdio: 'pipe' });
		}
		const pageConcurrency = readPageConcurrency();
		const pageSize = readPageSize();
		const machine = machineInfo(runtime);
		bench.machine = machine;
		say(`machine: ${describeMachine(machine)}`);

		let sandbox: Sandbox | undefined;
		let stack: Stack | undefined;
		const stopAll = async () => {
			if (stack) await stack.stop().catch(() => undefined);
			stack = undefined;
			await stopAllServices().catch(() => undefined);
			if (sandbox) await sandbox.stop().catch(() => undefined);
			sandbox = undefined;
		};
		onShutdownSignal(async (signal) => {
			say(`${signal}: stopping n8n and the sandbox`);
			await stopAll();
		});

		const results: ScenarioResult[] = [];
		const rows: BenchResult[] = [];
		const crashes: Record<string, string> = {};
		const userFolder = path.join(ROOT_DIR, '.n8n-e2e-bench');
		const forceGcWanted = process.env.BENCH_FORCE_GC !== '0';
		let gcActive = false;
		try {
			sandbox = await startSandbox({
				port: sandboxPort,
				seed: settings.seed,
				contacts: settings.contacts,
				strict: true,
				autoApprove: true,
			});
			say(
				`sandbox: ${sandbox.baseUrl} (${sandbox.store.data.contacts.size} contacts, strict mode)`,
			);
			// A start that fails (n8n not up in time, a port still held) is tried again, bounded.
			for (let attempt = 1; ; attempt++) {
				try {
					stack = await startStack({
						n8nPort,
						userFolder,
						sandboxPort,
						sandboxUrl: sandbox.baseUrl,
						owner: {
							email: 'bench-owner@wiseagent.test',
							password: 'Bench-Owner-Pass-1',
							firstName: 'Bench',
							lastName: 'Owner',
						},
						// no demo workflows: their trigger would subscribe to the same events as the burst
						workflowsDir: path.join(userFolder, 'no-workflows'),
						n8nLogFile: path.join(userFolder, 'n8n.log'),
						echoN8n: false,
						n8nEnv: forceGcWanted ? { NODE_OPTIONS: INSPECT_NODE_OPTIONS } : undefined,
						runtime,
						log: say,
					});
					break;
				} catch (error) {
					if (attempt >= 3) throw error;
					say(
						`starting n8n failed (${(error as Error).message.split('\n')[0]}); trying again (${attempt + 1}/3)`,
					);
					await new Promise((resolve) => setTimeout(resolve, 5_000));
				}
			}
			const pid = stack.n8n.child.pid;
			if (pid === undefined) throw new Error('n8n has no pid');
			const types = await stack.client.nodeTypes();
			const wiseAgent = types
				.filter((type) => type.name === `${stack!.package.name}.wiseAgent`)
				.pop();
			if (!wiseAgent) throw new Error('n8n did not load the Wise Agent node');
			const gc = forceGcWanted
				? await ForcedGc.attach(runtime.node, path.join(userFolder, 'n8n.log'))
				: undefined;
			if (forceGcWanted && !gc)
				say(
					"warning: could not find n8n's inspector URL in its log; runs start without a forced GC",
				);
			if (gc && !(await gc.collect())) say('warning: the forced GC request to n8n failed');
			gcActive = Boolean(gc);
			const profileDir = process.env.BENCH_CPU_PROFILE_DIR
				? path.resolve(process.env.BENCH_CPU_PROFILE_DIR)
				: undefined;
			if (profileDir) {
				mkdirSync(profileDir, { recursive: true });
				say(
					`CPU profiles of n8n per measured run in ${profileDir} (they cost a little CPU: figures are not for results)`,
				);
				bench.partial = true;
			}
			const liveSandbox = sandbox;
			let latencyFault: string | undefined;
			const setLatency = (ms: number) => {
				if (latencyFault) liveSandbox.faults.remove(latencyFault);
				latencyFault =
					ms > 0
						? liveSandbox.faults.add({ kind: 'latency', latencyMs: ms, target: 'api' })
						: undefined;
			};
			let injector = 0;
			const ctx: SuiteContext = {
				client: stack.client,
				n8nUrl: stack.n8nUrl,
				n8nPid: pid,
				sandbox: liveSandbox,
				packageName: stack.package.name,
				nodeProperties: (wiseAgent.properties ?? []) as SuiteContext['nodeProperties'],
				settings,
				pageConcurrency,
				pageSize,
				log: say,
				timeLeft: () => maxMs - (Date.now() - started),
				setLatency,
				forceGc: gc ? () => gc.collect() : undefined,
				cpuProfile:
					gc && profileDir
						? (label) =>
								gc.profile(path.join(profileDir, `${label.replace(/\W+/g, '-')}.cpuprofile`))
						: undefined,
				reseed: () => {
					liveSandbox.reset(settings.seed, settings.contacts);
					latencyFault = undefined;
					setLatency(settings.latencyMs);
				},
				injectRateLimits: (share, retryAfter) =>
					installRateLimits(liveSandbox, share, retryAfter, 1000 + ++injector),
			};
			say(
				`n8n ${machine.n8nVersion} (pid ${pid}) up; Return All page concurrency ${pageConcurrency.value} (${pageConcurrency.source}), page size ${pageSize}`,
			);
			for (const scenario of SCENARIOS) {
				if (only.length > 0 && !only.includes(scenario.id)) continue;
				if (ctx.timeLeft() <= 0) {
					crashes[scenario.id] = 'skipped: BENCH_MAX_MINUTES reached';
					bench.partial = true;
					continue;
				}
				say(`--- scenario ${scenario.id}`);
				try {
					const result = await scenario.run(ctx);
					results.push(result);
					rows.push(...result.targets);
					bench.chart.push(...result.chart);
					for (const check of result.checks)
						say(
							`  ${check.ok ? 'ok  ' : check.informational ? 'info' : 'FAIL'} ${check.name}: ${check.detail}`,
						);
					for (const [key, variant] of Object.entries(result.variants)) {
						say(
							`  ${key.padEnd(22)} median ${seconds(variant.executionMs.median)} (min ${seconds(variant.executionMs.min)}, max ${seconds(variant.executionMs.max)}; wall ${seconds(variant.wallMs.median)}), ${variant.requests.median} requests, n=${variant.runs}`,
						);
					}
				} catch (error) {
					const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
					say(`scenario ${scenario.id} crashed: ${message}`);
					crashes[scenario.id] = message;
					bench.partial = true;
					rows.push({
						name: `${scenario.id}: crashed (${String(error).slice(0, 120)})`,
						value: 1,
						unit: '',
						target: 0,
						better: 'lower',
					});
				}
			}
			if (results.some((r) => r.runs.some((run) => !run.warmup && run.rep > settings.reps)))
				bench.partial = true;
			bench.markdown.push(...markdown(results, rows, ctx, describeMachine(machine)));
		} finally {
			say('stopping n8n and the sandbox');
			await stopAll();
		}
		bench.details.n8n = {
			settings,
			pageConcurrency,
			pageSize,
			forcedGcBeforeEachRun: gcActive,
			n8nLog: path.relative(ROOT_DIR, path.join(userFolder, 'n8n.log')),
			scenarios: results,
			crashes,
		};
		return rows;
	},
};
