/**
 * (e) The package in another n8n than the main runtime's: the last n8n 1.x on the system Node 20
 * (`.n8n-runtime-v1/`) and n8n 2.40.7 on Node 24 (`.n8n-runtime-v2.40/`), each installed on demand
 * by scripts/install-n8n-runtime.sh --spec scripts/n8n-runtime-<v>, with its own sandbox, user
 * folder and ports. The package loads, and one workflow (Webhook -> Wise Agent contact upsert ->
 * Wise Agent contact get) runs against the sandbox.
 */
import * as path from 'path';

import { sleep } from '../../lib/http';
import { N8nApiError } from '../../lib/n8n-api';
import {
	ROOT_DIR,
	ensureRuntimeV1,
	ensureRuntimeV2_40,
	runtimeNodeVersion,
	type RuntimePaths,
} from '../../lib/runtime';
import { startStack, type Stack } from '../../lib/stack';
import {
	chain,
	check,
	equal,
	webhookNode,
	wiseAgentNode,
	SandboxAdmin,
	type E2eContext,
	type Json,
} from '../harness';

export interface V1Options {
	n8nPort: number;
	sandboxPort: number;
	log: (message: string) => void;
}

/** `POST /rest/workflows/:id/activate` (n8n 1.123 has it too); older 1.x: `PATCH` with `active: true`. */
async function activateAnyVersion(stack: Stack, id: string, versionId: string): Promise<void> {
	try {
		await stack.client.activateWorkflow(id, versionId);
	} catch (error) {
		if (!(error instanceof N8nApiError) || error.status !== 404) throw error;
		await stack.client.request('PATCH', `/rest/workflows/${id}`, { active: true, versionId });
	}
}

/** The last n8n 1.x on Node 20. */
export async function runV1Case(options: V1Options): Promise<void> {
	await runVersionCase(options, {
		label: 'n8n 1.x',
		versionPrefix: '1.',
		ensure: ensureRuntimeV1,
		userFolder: path.join(ROOT_DIR, '.n8n-e2e-v1'),
		webhookPath: 'e2e-v1',
		// n8n 1.123 also defaults to the isolated-vm expression engine; its native module is not built
		// for Node 20 here (nativeModules: sqlite3 only), so the 1.x default of earlier releases is used.
		n8nEnv: { N8N_EXPRESSION_ENGINE: 'legacy' },
		// n8n 1.x needs "active" in the body (NOT NULL column, no default); N8nClient.createWorkflow drops it
		activeInBody: true,
	});
}

/** n8n 2.40.7 on Node 24 (the main runtime is the newer 2.x). */
export async function runV2_40Case(options: V1Options): Promise<void> {
	await runVersionCase(options, {
		label: 'n8n 2.40',
		versionPrefix: '2.40.',
		ensure: ensureRuntimeV2_40,
		userFolder: path.join(ROOT_DIR, '.n8n-e2e-v2.40'),
		webhookPath: 'e2e-v2-40',
		n8nEnv: {},
		activeInBody: false,
	});
}

interface VersionSpec {
	label: string;
	/** what n8n's `versionCli` must start with */
	versionPrefix: string;
	ensure: (log: (message: string) => void) => Promise<RuntimePaths>;
	userFolder: string;
	webhookPath: string;
	n8nEnv: Record<string, string>;
	activeInBody: boolean;
}

async function runVersionCase(options: V1Options, spec: VersionSpec): Promise<void> {
	const runtime = await spec.ensure(options.log);
	const { userFolder, label, webhookPath } = spec;
	let stack: Stack | undefined;
	try {
		stack = await startStack({
			n8nPort: options.n8nPort,
			userFolder,
			sandboxPort: options.sandboxPort,
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
			workflowsDir: path.join(userFolder, 'no-demo-workflows'),
			n8nEnv: { WEBHOOK_URL: `http://127.0.0.1:${options.n8nPort}/`, ...spec.n8nEnv },
			log: options.log,
		});
		const version = (await stack.client.settings()) as { versionCli?: string };
		options.log(
			`n8n ${version.versionCli ?? '?'} on Node ${runtimeNodeVersion(runtime)} loaded ${stack.loadedNodeTypes.join(', ')}`,
		);
		check(
			String(version.versionCli ?? '').startsWith(spec.versionPrefix),
			`expected ${label}, got ${version.versionCli}`,
		);
		for (const type of ['wiseAgent', 'wiseAgentTrigger', 'wiseAgentPollTrigger']) {
			check(
				stack.loadedNodeTypes.includes(`${stack.package.name}.${type}`),
				`${label} did not load ${type}`,
			);
		}

		const ctx = { packageName: stack.package.name } as E2eContext;
		const sandbox = new SandboxAdmin(stack.sandbox.baseUrl);
		const email = `${webhookPath}.${Date.now()}@example.com`;
		const nodes = [
			webhookNode(webhookPath),
			wiseAgentNode(
				ctx.packageName,
				{
					resource: 'contact',
					operation: 'upsert',
					firstName: 'Vera',
					lastName: 'Version',
					source: 'Website',
					email,
					additionalFields: {},
					simplify: false,
				},
				{ name: 'Upsert' },
			),
			{
				...wiseAgentNode(
					ctx.packageName,
					{
						resource: 'contact',
						operation: 'get',
						contactId: { __rl: true, mode: 'id', value: '={{ $json.contact.ClientID }}' },
						simplify: false,
					},
					{ name: 'Get' },
				),
				position: [480, 0],
			},
		];
		const workflow = {
			name: `e2e: ${label}`,
			nodes,
			connections: chain(nodes),
			settings: { executionOrder: 'v1' },
		};
		const created = spec.activeInBody
			? await stack.client.request<{ id: string; versionId?: string }>('POST', '/rest/workflows', {
					...workflow,
					active: false,
				})
			: await stack.client.createWorkflow(workflow);
		await activateAnyVersion(stack, created.id, created.versionId ?? '');
		let answer: Response | undefined;
		for (let attempt = 0; attempt < 20; attempt++) {
			answer = await fetch(`${stack.n8nUrl}/webhook/${webhookPath}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}',
			});
			if (answer.status !== 404) break;
			await sleep(500);
		}
		check(answer, 'no answer');
		const text = await answer.text();
		equal(answer.status, 200, `${label} webhook status (${text.slice(0, 300)})`);
		const items = JSON.parse(text) as Json[];
		equal(items.length, 1, 'items');
		equal(items[0].CEmail, email, 'contact get after upsert: CEmail');
		const contact = (await sandbox.state()).contacts.find((c) => c.CEmail === email);
		check(
			contact && Number(items[0].ClientID) === contact.ClientID,
			'the contact is not in the sandbox with the returned ClientID',
		);
	} finally {
		if (stack) await stack.stop();
	}
}
