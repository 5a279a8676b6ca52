/**
 * `npm run test:e2e`: the end-to-end suite in a real n8n (2.41.1 on Node 24, `.n8n-runtime/`) with this
 * package loaded as a community package and the Wise Agent sandbox. Starts the stack once
 * (own ports and user folder, so it can run next to `npm start`), runs the cases, stops everything,
 * prints one ✓/✕ line per case and ends with exactly one line `N passed, N failed`.
 *
 *   npm run test:e2e [-- --only <text>] [-- --skip-build]
 *
 * Env: E2E_N8N_PORT (5690; its task broker uses +1), E2E_SANDBOX_PORT (4020), E2E_SKIP (comma-separated
 * case-name fragments to skip), E2E_V2_40_*, E2E_V1_*, E2E_QUEUE_* and E2E_START_* (ports of the cases with a
 * stack of their own), plus what scripts/README.md lists for the runtime.
 */
import { readFileSync, rmSync } from 'fs';
import * as path from 'path';

import { runN8nCli } from './lib/n8n';
import { onShutdownSignal, run, stopAllServices } from './lib/proc';
import { ensureRuntime, ROOT_DIR } from './lib/runtime';
import { startStack, type Stack } from './lib/stack';
import { actionCases } from './e2e/cases/actions';
import { demoCases } from './e2e/cases/demos';
import { editorCases } from './e2e/cases/editor';
import { oauthCases } from './e2e/cases/oauth';
import { runV1Case, runV2_40Case } from './e2e/cases/n8n-v1';
import { QUEUE_CASE_NAME, runQueueCase } from './e2e/cases/queue';
import { refreshCases } from './e2e/cases/refresh';
import { runStartStopCase, START_STOP_CASE_NAME } from './e2e/cases/startStop';
import { triggerCases } from './e2e/cases/triggers';
import { triggerBurstCases } from './e2e/cases/triggerBurst';
import { templateFlexmlsHighLevelCases } from './e2e/cases/templatesFlexmlsHighLevel';
import { templateLoftyWealthboxCases } from './e2e/cases/templatesLoftyWealthbox';
import {
	formatMs,
	runCases,
	SandboxAdmin,
	type CaseResult,
	type E2eCase,
	type E2eContext,
} from './e2e/harness';

const started = Date.now();
function say(message: string): void {
	process.stdout.write(
		`[e2e +${String(Math.round((Date.now() - started) / 1000)).padStart(3)}s] ${message}\n`,
	);
}

function intFromEnv(name: string, fallback: number): number {
	const value = Number(process.env[name] || fallback);
	if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
	return value;
}

function selectCases(all: E2eCase[], args: string[]): E2eCase[] {
	const onlyIndex = args.indexOf('--only');
	const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
	const skip = (process.env.E2E_SKIP ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
	return all.filter(
		(testCase) =>
			(!only || testCase.name.toLowerCase().includes(only.toLowerCase())) &&
			!skip.some((part) => testCase.name.toLowerCase().includes(part.toLowerCase())),
	);
}

async function main(): Promise<number> {
	const args = process.argv.slice(2);
	// background cases (the poll trigger: minutes of waiting) start first and are reported last
	const all: E2eCase[] = [
		...demoCases,
		...actionCases,
		...refreshCases,
		...oauthCases,
		...triggerCases,
		...triggerBurstCases,
		...templateFlexmlsHighLevelCases,
		...templateLoftyWealthboxCases,
		...editorCases,
	];
	const cases = selectCases(all, args);
	const results: CaseResult[] = [];
	let stack: Stack | undefined;
	onShutdownSignal(async (signal) => {
		say(`${signal}: stopping`);
		if (stack) await stack.stop();
		// also what the cases with a stack of their own started (n8n 1.x, queue mode: worker, PostgreSQL, Redis)
		await stopAllServices();
	});

	const print = (line: string) => process.stdout.write(`${line}\n`);
	if (cases.length > 0)
		try {
			const runtime = await ensureRuntime(say);
			if (args.includes('--skip-build')) say('skipping npm run build (--skip-build)');
			else {
				say('building the package (npm run build)');
				await run('npm', ['run', '--silent', 'build'], { cwd: ROOT_DIR, stdio: 'pipe' });
			}
			const userFolder = path.join(ROOT_DIR, '.n8n-e2e');
			const stackStarted = Date.now();
			const n8nPort = intFromEnv('E2E_N8N_PORT', 5690);
			stack = await startStack({
				n8nPort,
				userFolder,
				sandboxPort: intFromEnv('E2E_SANDBOX_PORT', 4020),
				sandboxStateFile: undefined,
				sandboxStrict: true,
				owner: {
					email: 'e2e-owner@wiseagent.test',
					password: 'E2e-Owner-Pass-1',
					firstName: 'E2E',
					lastName: 'Owner',
				},
				n8nLogFile: path.join(userFolder, 'n8n.log'),
				echoN8n: false,
				runtime,
				log: say,
			});
			say(
				`stack up in ${formatMs(Date.now() - stackStarted)}: n8n ${stack.n8nUrl}, sandbox ${stack.sandbox.baseUrl}; running ${cases.length} case(s)`,
			);
			const ctx: E2eContext = {
				stack,
				client: stack.client,
				n8nUrl: stack.n8nUrl,
				sandbox: new SandboxAdmin(stack.sandbox.baseUrl),
				packageName: stack.package.name,
				owner: stack.owner,
				exportCredential: async (id) => {
					const file = path.join(userFolder, `credential-export-${Date.now()}.json`);
					try {
						await runN8nCli({ userFolder, port: n8nPort, runtime }, [
							'export:credentials',
							`--id=${id}`,
							'--decrypted',
							`--output=${file}`,
						]);
						const exported = JSON.parse(readFileSync(file, 'utf8')) as Array<{
							data: Record<string, unknown>;
						}>;
						return exported[0].data;
					} finally {
						rmSync(file, { force: true });
					}
				},
				log: say,
				outputDir: userFolder,
			};
			results.push(...(await runCases(ctx, cases, print)));
		} catch (error) {
			print(`✕ e2e setup (${formatMs(Date.now() - started)})`);
			print(`    ${(error as Error).message.replace(/\n/g, '\n    ')}`);
			results.push({
				name: 'e2e setup',
				ok: false,
				ms: Date.now() - started,
				error: (error as Error).message,
			});
			if (stack)
				print(
					`    n8n log: ${path.relative(ROOT_DIR, path.join(ROOT_DIR, '.n8n-e2e', 'n8n.log'))}`,
				);
		} finally {
			if (stack) await stack.stop().catch(() => undefined);
			await stopAllServices().catch(() => undefined);
		}

	// cases with a stack of their own, run one after the other once the main stack is gone:
	// (e) n8n 2.40.7 and the last n8n 1.x on Node 20, (f) queue mode (main + worker, Redis, PostgreSQL)
	const standalone: Array<{ name: string; logs: string; run: () => Promise<void> }> = [
		{
			name: 'n8n 2.40.7: the package loads and a workflow (webhook -> upsert -> get) runs',
			logs: 'n8n log: .n8n-e2e-v2.40/n8n.log',
			run: () =>
				runV2_40Case({
					n8nPort: intFromEnv('E2E_V2_40_N8N_PORT', 5704),
					sandboxPort: intFromEnv('E2E_V2_40_SANDBOX_PORT', 4024),
					log: say,
				}),
		},
		{
			name: 'n8n 1.x on Node 20: the package loads and a workflow (webhook -> upsert -> get) runs',
			logs: 'n8n log: .n8n-e2e-v1/n8n.log',
			run: () =>
				runV1Case({
					n8nPort: intFromEnv('E2E_V1_N8N_PORT', 5694),
					sandboxPort: intFromEnv('E2E_V1_SANDBOX_PORT', 4021),
					log: say,
				}),
		},
		{
			name: QUEUE_CASE_NAME,
			logs: 'logs: .n8n-e2e-queue/main/n8n.log, .n8n-e2e-queue/worker/n8n-worker.log, .n8n-e2e-queue/{postgres,redis}.log',
			run: () =>
				runQueueCase({
					n8nPort: intFromEnv('E2E_QUEUE_N8N_PORT', 5696),
					sandboxPort: intFromEnv('E2E_QUEUE_SANDBOX_PORT', 4022),
					redisPort: intFromEnv('E2E_QUEUE_REDIS_PORT', 6390),
					postgresPort: intFromEnv('E2E_QUEUE_POSTGRES_PORT', 5440),
					log: say,
				}),
		},
		{
			name: START_STOP_CASE_NAME,
			logs: 'npm start output: in the message above',
			run: () =>
				runStartStopCase({
					n8nPort: intFromEnv('E2E_START_N8N_PORT', 5702),
					sandboxPort: intFromEnv('E2E_START_SANDBOX_PORT', 4023),
					log: say,
				}),
		},
	];
	for (const testCase of selectCases(
		standalone.map((entry) => ({ ...entry, run: async () => undefined })),
		args,
	)) {
		const entry = standalone.find((candidate) => candidate.name === testCase.name);
		if (!entry) continue;
		const begin = Date.now();
		try {
			await entry.run();
			results.push({ name: entry.name, ok: true, ms: Date.now() - begin });
			print(`✓ ${entry.name} (${formatMs(Date.now() - begin)})`);
		} catch (error) {
			results.push({
				name: entry.name,
				ok: false,
				ms: Date.now() - begin,
				error: (error as Error).message,
			});
			print(
				`✕ ${entry.name} (${formatMs(Date.now() - begin)})\n    ${(error as Error).message.replace(/\n/g, '\n    ')}\n    ${entry.logs}`,
			);
		} finally {
			await stopAllServices().catch(() => undefined);
		}
	}

	const passed = results.filter((result) => result.ok).length;
	const failed = results.length - passed;
	say(`finished in ${formatMs(Date.now() - started)} (n8n log: .n8n-e2e/n8n.log)`);
	print(`${passed} passed, ${failed} failed`);
	return failed > 0 || passed === 0 ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		process.stdout.write(`e2e crashed: ${error.stack ?? error.message}\n0 passed, 1 failed\n`);
		process.exit(1);
	},
);
