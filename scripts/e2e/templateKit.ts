/**
 * What the template cases share: a template from templates/ set up the way a user does it (its
 * Settings node's fields filled in, the Wise Agent credential and the peer's Header Auth
 * credential chosen), and that peer credential created through n8n's REST API.
 */
import { readFileSync } from 'fs';
import * as path from 'path';

import { ROOT_DIR } from '../lib/runtime';
import { SANDBOX_CREDENTIAL_ID, SANDBOX_CREDENTIAL_NAME } from '../lib/stack';
import { check, type E2eContext, type Json } from './harness';

export type TemplateWorkflow = Json & {
	nodes: Array<Json & { name: string; type: string; parameters: Json; credentials?: Json }>;
};

export function templateWorkflow(
	ctx: Pick<E2eContext, 'packageName'>,
	file: string,
	settings: Record<string, string | number>,
	peerCredential: { id: string; name: string },
): TemplateWorkflow {
	const workflow = JSON.parse(
		readFileSync(path.join(ROOT_DIR, 'templates', file), 'utf8'),
	) as TemplateWorkflow;
	const settingsNode = workflow.nodes.find((node) => node.name === 'Settings');
	check(settingsNode, `${file}: no Settings node`);
	const assignments = (settingsNode.parameters.assignments as { assignments: Json[] }).assignments;
	for (const [name, value] of Object.entries(settings)) {
		const entry = assignments.find((assignment) => assignment.name === name);
		check(entry, `${file}: Settings has no field ${name}`);
		entry.value = value;
	}
	for (const node of workflow.nodes) {
		if (node.type.startsWith('n8n-nodes-wiseagent.'))
			node.type = node.type.replace('n8n-nodes-wiseagent.', `${ctx.packageName}.`);
		if (!node.credentials) continue;
		for (const type of Object.keys(node.credentials)) {
			node.credentials[type] =
				type === 'wiseAgentOAuth2Api'
					? { id: SANDBOX_CREDENTIAL_ID, name: SANDBOX_CREDENTIAL_NAME }
					: peerCredential;
		}
	}
	return workflow;
}

/** A peer fake's port from the environment, or the case's default. */
export function portFromEnv(name: string, fallback: number): number {
	const value = Number(process.env[name] || fallback);
	if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a port number`);
	return value;
}

/** A Header Auth credential (`header: value`) made through n8n's REST API. */
export async function headerCredential(
	ctx: Pick<E2eContext, 'client'>,
	name: string,
	header: string,
	value: string,
): Promise<{ id: string; name: string }> {
	const created = await ctx.client.request<{ id: string }>('POST', '/rest/credentials', {
		name,
		type: 'httpHeaderAuth',
		data: { name: header, value },
	});
	return { id: created.id, name };
}

/**
 * The Lofty migration template (templates/lofty-to-wise-agent.json) pointed at a Lofty fake: its
 * Settings filled in (requests to Lofty throttled lightly) and a Header Auth credential with the
 * fake's token. Used by the e2e migration cases and the benchmark.
 */
export async function loftyMigrationWorkflow(
	ctx: Pick<E2eContext, 'client' | 'packageName'>,
	fake: { url: string; token: string },
	credentialName: string,
): Promise<TemplateWorkflow> {
	const credential = await headerCredential(
		ctx,
		credentialName,
		'Authorization',
		`Bearer ${fake.token}`,
	);
	return templateWorkflow(
		ctx,
		'lofty-to-wise-agent.json',
		{ baseUrl: fake.url, requestsPerBatch: 50, batchIntervalMs: 10 },
		credential,
	);
}
