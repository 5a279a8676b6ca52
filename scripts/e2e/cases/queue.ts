/**
 * (f) n8n queue mode ("scale-out"): Redis + PostgreSQL (Debian's packages), an n8n main process and
 * one `n8n worker`, each with its own user folder and its own community-package install of this
 * package, the same N8N_ENCRYPTION_KEY. Own ports, folder `.n8n-e2e-queue/`, after the main stack.
 *
 * Proves: the Wise Agent Trigger registers exactly one sandbox webhook, from the main process (the
 * worker, also after a restart, registers none); a contact created in the sandbox leads to exactly
 * one execution, which the worker ran (main log "Enqueued execution <id>", worker log "Worker
 * started/finished execution <id>"); with the worker stopped a new contact's execution waits in the
 * queue (status "new") and runs once the worker is back; a Wise Agent action workflow (Webhook ->
 * Contact get) runs on the worker too; deactivation removes the webhook.
 */
import { randomBytes, randomUUID } from 'crypto';
import { mkdirSync, readFileSync, rmSync } from 'fs';
import * as path from 'path';

import { sleep } from '../../lib/http';
import { installPackageIntoUserFolder, startN8n } from '../../lib/n8n';
import type { Service } from '../../lib/proc';
import { startPostgres, startRedis, type Postgres } from '../../lib/queue-infra';
import { ensureRuntime, ROOT_DIR, type RuntimePaths } from '../../lib/runtime';
import { startStack, type Stack } from '../../lib/stack';
import {
	callWebhook,
	chain,
	check,
	createActiveWorkflow,
	equal,
	eventually,
	execution,
	executionsOf,
	nodeOutput,
	webhookNode,
	webhookTriggerWorkflow,
	wiseAgentNode,
	SandboxAdmin,
	type E2eContext,
	type Json,
} from '../harness';

export const QUEUE_CASE_NAME =
	'queue mode (main + worker, Redis, PostgreSQL): one webhook from main, a new contact -> one execution run by the worker (waits while the worker is down), an action workflow on the worker, deactivation removes the webhook';

export const QUEUE_DIR = path.join(ROOT_DIR, '.n8n-e2e-queue');

export interface QueueOptions {
	/** main's port (its task broker +1, the worker's task broker +2) */
	n8nPort: number;
	sandboxPort: number;
	redisPort: number;
	postgresPort: number;
	runtime?: RuntimePaths;
	log: (message: string) => void;
}

/** The worker, with the execution ids of its "Worker started/finished execution <id>" log lines. */
interface Worker {
	service: Service;
	started: Set<string>;
	finished: Set<string>;
}

export async function runQueueCase(options: QueueOptions): Promise<void> {
	const { log } = options;
	const runtime = options.runtime ?? (await ensureRuntime(log));
	rmSync(QUEUE_DIR, { recursive: true, force: true });
	mkdirSync(QUEUE_DIR, { recursive: true });
	const mainFolder = path.join(QUEUE_DIR, 'main');
	const workerFolder = path.join(QUEUE_DIR, 'worker');
	const workerLog = path.join(workerFolder, 'n8n-worker.log');

	let redis: Service | undefined;
	let postgres: Postgres | undefined;
	let stack: Stack | undefined;
	let worker: Worker | undefined;
	const stopWorker = async () => {
		if (worker && !worker.service.hasExited) {
			log('queue: stopping the worker ...');
			await worker.service.stop();
		}
	};
	try {
		// 1. Redis + PostgreSQL (127.0.0.1 only, data in .n8n-e2e-queue/)
		let begin = Date.now();
		redis = await startRedis({
			port: options.redisPort,
			dir: path.join(QUEUE_DIR, 'redis'),
			logFile: path.join(QUEUE_DIR, 'redis.log'),
		});
		const dbPassword = randomBytes(12).toString('hex');
		postgres = await startPostgres({
			port: options.postgresPort,
			dir: path.join(QUEUE_DIR, 'postgres'),
			logFile: path.join(QUEUE_DIR, 'postgres.log'),
			database: 'n8n',
			user: 'n8n',
			password: dbPassword,
		});
		log(
			`queue: redis :${options.redisPort} and postgres :${options.postgresPort} (${path.basename(path.dirname(postgres.binDir))}) up in ${Date.now() - begin} ms`,
		);

		// 2. the same environment for main, worker and the CLI (credential import)
		const queueEnv: Record<string, string> = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(options.redisPort),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(options.postgresPort),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: dbPassword,
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			N8N_RUNNERS_BROKER_PORT: String(options.n8nPort + 1),
			// n8n's recommendation for queue mode (editor runs go to workers too; silences its deprecation notice)
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		};

		// 3. main: the usual stack (package in main/.n8n/nodes, credential, owner), queue-mode env
		begin = Date.now();
		stack = await startStack({
			n8nPort: options.n8nPort,
			userFolder: mainFolder,
			sandboxPort: options.sandboxPort,
			sandboxStrict: true,
			owner: {
				email: 'e2e-owner@wiseagent.test',
				password: 'E2e-Owner-Pass-1',
				firstName: 'E2E',
				lastName: 'Owner',
			},
			n8nLogFile: path.join(mainFolder, 'n8n.log'),
			echoN8n: false,
			runtime,
			workflowsDir: path.join(mainFolder, 'no-demo-workflows'),
			n8nEnv: queueEnv,
			log: (message) => log(`queue: ${message}`),
		});
		log(`queue: main up in ${Date.now() - begin} ms`);

		// 4. the worker: its own user folder with its own install of the package
		const installed = await installPackageIntoUserFolder(ROOT_DIR, workerFolder, runtime);
		check(installed.name === stack.package.name, 'worker and main got different packages');
		const startWorker = async (): Promise<Worker> => {
			const started = new Set<string>();
			const finished = new Set<string>();
			let ready = false;
			const service = startN8n({
				command: 'worker',
				args: ['--concurrency=5'],
				userFolder: workerFolder,
				port: options.n8nPort,
				runtime,
				env: { ...queueEnv, N8N_RUNNERS_BROKER_PORT: String(options.n8nPort + 2) },
				logFile: workerLog,
				echo: false,
				onLine: (line) => {
					if (/n8n worker is now ready/.test(line)) ready = true;
					const match = /Worker (started|finished) execution (\d+)/.exec(line);
					if (match) (match[1] === 'started' ? started : finished).add(match[2]);
				},
			});
			const workerBegin = Date.now();
			await eventually(
				'the worker to be ready ("n8n worker is now ready")',
				async () => {
					if (service.hasExited) throw new Error(`the worker exited:\n${service.recentOutput(30)}`);
					return ready ? true : undefined;
				},
				120_000,
				250,
			).catch((error: Error) => {
				throw new Error(`${error.message}\n${service.recentOutput(30)}`);
			});
			const loaded = service.recentOutput(200);
			check(
				!/Failed to load|Skipping package/i.test(loaded),
				`the worker did not load the package cleanly:\n${loaded}`,
			);
			log(
				`queue: worker ready in ${Date.now() - workerBegin} ms (log ${path.relative(ROOT_DIR, workerLog)})`,
			);
			return { service, started, finished };
		};
		worker = await startWorker();

		const ctx: E2eContext = {
			stack,
			client: stack.client,
			n8nUrl: stack.n8nUrl,
			sandbox: new SandboxAdmin(stack.sandbox.baseUrl),
			packageName: stack.package.name,
			owner: stack.owner,
			exportCredential: () => Promise.reject(new Error('not available in the queue case')),
			log,
		};
		const mainLog = path.join(mainFolder, 'n8n.log');
		const enqueued = async (id: string) =>
			await eventually(`main's "Enqueued execution ${id}"`, async () =>
				new RegExp(`Enqueued execution ${id} \\(job`).test(readFileSync(mainLog, 'utf8'))
					? true
					: undefined,
			);
		/** main enqueued it, the worker started and finished it */
		const ranOnWorker = async (id: string, w: Worker) => {
			await eventually(`the worker's "Worker finished execution ${id}"`, async () =>
				w.finished.has(id) ? true : undefined,
			);
			check(w.started.has(id), `the worker did not log "Worker started execution ${id}"`);
			await enqueued(id);
		};

		// 5. the trigger: activation registers ONE webhook, by main
		const { webhookId, workflow: triggerWorkflow } = webhookTriggerWorkflow(
			ctx,
			'e2e queue: new contact trigger',
			{ events: ['contactCreate'], includeRecord: true, options: {} },
		);
		const workflow = await createActiveWorkflow(ctx, triggerWorkflow);
		const mine = async () =>
			(await ctx.sandbox.state()).webhooks.filter((hook) =>
				hook.Url.includes(`/webhook/${webhookId}/`),
			);
		const expectOneWebhook = async (when: string) => {
			const hooks = await mine();
			equal(hooks.length, 1, `sandbox webhooks for the workflow ${when}`);
			equal(hooks[0].EventType, 'contactCreate', 'EventType');
			check(
				hooks[0].Url.startsWith(`${ctx.n8nUrl}/webhook/${webhookId}/webhook?token=`),
				`the webhook points at ${hooks[0].Url}, not at main (${ctx.n8nUrl})`,
			);
		};
		await expectOneWebhook('after activation');
		// what the trigger registered is in the workflow's static data, in PostgreSQL (workers read it there)
		const [hook] = await mine();
		const staticData = JSON.stringify((await ctx.client.workflow(workflow.id)).staticData ?? null);
		check(
			staticData.includes(`"${hook.WebhookID}"`) &&
				staticData.includes(new URL(hook.Url).searchParams.get('token') ?? '?'),
			`the workflow's static data does not hold webhook ${hook.WebhookID} and its token: ${staticData}`,
		);

		// 6. a contact created in the sandbox -> exactly one execution, run by the worker
		const createContact = async (first: string) => {
			const created = await ctx.sandbox.simulate({
				event: 'contactCreate',
				fields: {
					CFirst: first,
					CLast: 'Queue',
					CEmail: `${first.toLowerCase()}.${Date.now()}@example.com`,
				},
			});
			return created.id;
		};
		/** executions of the trigger workflow whose trigger item is this contact (finished ones only) */
		const executionsForContact = async (contactId: number) => {
			const found: Array<{ id: string; status: string; items: Json[] }> = [];
			for (const summary of await executionsOf(ctx, workflow.id)) {
				if (summary.status !== 'success' && summary.status !== 'error') continue;
				const detail = await execution(ctx, summary.id);
				const items = nodeOutput(detail, 'Wise Agent Trigger').filter(
					(item) => Number(item.resourceId) === contactId,
				);
				if (items.length > 0) found.push({ id: summary.id, status: summary.status, items });
			}
			return found;
		};
		const firstContact = await createContact('Quinn');
		await eventually('an execution for the new contact', async () => {
			const found = await executionsForContact(firstContact);
			return found.length > 0 ? found : undefined;
		});
		await sleep(2_500); // a duplicate would show up by now
		const firstRuns = await executionsForContact(firstContact);
		equal(firstRuns.length, 1, 'executions for one new contact');
		equal(firstRuns[0].status, 'success', 'execution status');
		equal(firstRuns[0].items.length, 1, 'items in that execution');
		equal(firstRuns[0].items[0].event, 'contactCreate', 'item.event');
		equal((firstRuns[0].items[0].record as Json | null)?.CFirst, 'Quinn', 'item.record.CFirst');
		await ranOnWorker(firstRuns[0].id, worker);
		equal(
			(await executionsOf(ctx, workflow.id)).length,
			1,
			'executions of the trigger workflow (one contact created)',
		);
		log(`queue: contact ${firstContact} -> execution ${firstRuns[0].id}, run by the worker`);

		// 7. an action workflow (Webhook -> Wise Agent Contact get), answered by main, run by the worker
		const contactId = 1003;
		const expected = (await ctx.sandbox.state()).contacts.find((c) => c.ClientID === contactId);
		check(expected, `sandbox contact ${contactId} missing`);
		const actionPath = `e2e-queue-${randomUUID().slice(0, 8)}`;
		const actionNodes = [
			webhookNode(actionPath),
			wiseAgentNode(
				ctx.packageName,
				{
					resource: 'contact',
					operation: 'get',
					contactId: { __rl: true, mode: 'id', value: String(contactId) },
				},
				{ name: 'Get Contact' },
			),
		];
		const action = await createActiveWorkflow(ctx, {
			name: 'e2e queue: contact get',
			nodes: actionNodes,
			connections: chain(actionNodes),
		});
		const answer = await callWebhook(ctx, actionPath, {});
		equal(answer.status, 200, `action webhook status (${answer.text.slice(0, 300)})`);
		const items = answer.body as Json[];
		check(
			Array.isArray(items) && items.length === 1,
			`expected one item, got ${answer.text.slice(0, 300)}`,
		);
		equal(Number(items[0].id), contactId, 'Contact get: id');
		equal(items[0].email, expected.CEmail, 'Contact get: email');
		const actionRuns = await executionsOf(ctx, action.id);
		equal(actionRuns.length, 1, 'executions of the action workflow');
		await ranOnWorker(String(actionRuns[0].id), worker);
		log(`queue: action workflow -> execution ${actionRuns[0].id}, run by the worker`);

		// 8. the worker is down: the next contact's execution waits in the queue; back up: it runs there
		await stopWorker();
		const secondContact = await createContact('Wanda');
		const waiting = await eventually('the queued execution for the second contact', async () => {
			const all = await executionsOf(ctx, workflow.id);
			return all.length === 2 ? all.find((summary) => summary.id !== firstRuns[0].id) : undefined;
		});
		await sleep(3_000);
		const stillWaiting = (await executionsOf(ctx, workflow.id)).find((s) => s.id === waiting.id);
		check(
			stillWaiting?.status === 'new',
			`with no worker, execution ${waiting.id} should wait in the queue, but is "${stillWaiting?.status}"`,
		);
		await enqueued(String(waiting.id));
		log(
			`queue: worker down: execution ${waiting.id} is "${stillWaiting.status}" after 3 s; restarting the worker`,
		);
		worker = await startWorker();
		await ranOnWorker(String(waiting.id), worker);
		const secondRuns = await eventually('the second contact execution to finish', async () => {
			const found = await executionsForContact(secondContact);
			return found.length > 0 ? found : undefined;
		});
		equal(secondRuns.length, 1, 'executions for the second contact');
		equal(secondRuns[0].id, waiting.id, 'the queued execution is the one that ran');
		equal(secondRuns[0].status, 'success', 'second execution status');
		await expectOneWebhook('after the worker restart');

		// 9. deactivation removes the webhook
		await ctx.client.deactivateWorkflow(workflow.id);
		await ctx.client.deactivateWorkflow(action.id);
		await eventually('the webhook to be removed from the sandbox', async () =>
			(await mine()).length === 0 ? true : undefined,
		);
	} finally {
		// 10. everything stops: worker, main (+ sandbox), postgres, redis
		await stopWorker().catch(() => undefined);
		if (stack) await stack.stop().catch(() => undefined);
		if (postgres) {
			log('queue: stopping postgres ...');
			await postgres.stop().catch(() => undefined);
		}
		if (redis) {
			log('queue: stopping redis ...');
			await redis.stop().catch(() => undefined);
		}
	}
}
