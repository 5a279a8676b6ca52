/**
 * (e) The package in the last n8n 1.x, on the system Node 20: its own runtime (`.n8n-runtime-v1/`,
 * installed on demand by scripts/install-n8n-runtime.sh --spec scripts/n8n-runtime-v1), its own
 * sandbox, user folder and ports. The package loads, and one workflow (Webhook -> Wise Agent
 * contact create -> Wise Agent contact get) runs against the sandbox.
 */
import * as path from 'path';

import { sleep } from '../../lib/http';
import { N8nApiError } from '../../lib/n8n-api';
import { ROOT_DIR, ensureRuntimeV1, runtimeNodeVersion } from '../../lib/runtime';
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

export async function runV1Case(options: V1Options): Promise<void> {
	const runtime = await ensureRuntimeV1(options.log);
	const userFolder = path.join(ROOT_DIR, '.n8n-e2e-v1');
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
			// n8n 1.123 also defaults to the isolated-vm expression engine; its native module is not built
			// for Node 20 here (nativeModules: sqlite3 only), so the 1.x default of earlier releases is used.
			n8nEnv: {
				WEBHOOK_URL: `http://127.0.0.1:${options.n8nPort}/`,
				N8N_EXPRESSION_ENGINE: 'legacy',
			},
			log: options.log,
		});
		const version = (await stack.client.settings()) as { versionCli?: string };
		options.log(
			`n8n ${version.versionCli ?? '?'} on Node ${runtimeNodeVersion(runtime)} loaded ${stack.loadedNodeTypes.join(', ')}`,
		);
		check(
			String(version.versionCli ?? '').startsWith('1.'),
			`expected an n8n 1.x, got ${version.versionCli}`,
		);
		for (const type of ['wiseAgent', 'wiseAgentTrigger', 'wiseAgentPollTrigger']) {
			check(
				stack.loadedNodeTypes.includes(`${stack.package.name}.${type}`),
				`n8n 1.x did not load ${type}`,
			);
		}

		const ctx = { packageName: stack.package.name } as E2eContext;
		const sandbox = new SandboxAdmin(stack.sandbox.baseUrl);
		const email = `v1.${Date.now()}@example.com`;
		const nodes = [
			webhookNode('e2e-v1'),
			wiseAgentNode(
				ctx.packageName,
				{
					resource: 'contact',
					operation: 'upsert',
					firstName: 'Vera',
					lastName: 'Version',
					source: 'Website',
					additionalFields: { email },
				},
				{ name: 'Upsert' },
			),
			{
				...wiseAgentNode(
					ctx.packageName,
					{
						resource: 'contact',
						operation: 'get',
						contactId: { __rl: true, mode: 'id', value: '={{ $json.ClientID }}' },
					},
					{ name: 'Get' },
				),
				position: [480, 0],
			},
		];
		// n8n 1.x needs "active" in the body (NOT NULL column, no default); N8nClient.createWorkflow drops it
		const created = await stack.client.request<{ id: string; versionId?: string }>(
			'POST',
			'/rest/workflows',
			{
				name: 'e2e: n8n 1.x',
				nodes,
				connections: chain(nodes),
				settings: { executionOrder: 'v1' },
				active: false,
			},
		);
		await activateAnyVersion(stack, created.id, created.versionId ?? '');
		let answer: Response | undefined;
		for (let attempt = 0; attempt < 20; attempt++) {
			answer = await fetch(`${stack.n8nUrl}/webhook/e2e-v1`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}',
			});
			if (answer.status !== 404) break;
			await sleep(500);
		}
		check(answer, 'no answer');
		const text = await answer.text();
		equal(answer.status, 200, `n8n 1.x webhook status (${text.slice(0, 300)})`);
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
