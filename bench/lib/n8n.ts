/**
 * Workflows for the benchmark, built and run through n8n's REST API (the same client as the e2e
 * suite), and one timed execution: a production Webhook call answered by the last node, timed by
 * the wall clock AND from n8n's execution record (startedAt → stoppedAt, plus the measured node's
 * own executionTime from the run data).
 */
import { randomUUID } from 'node:crypto';

import { chain, unflatten } from '../../scripts/e2e/harness';
import { sleep } from '../../scripts/lib/http';
import type { N8nClient } from '../../scripts/lib/n8n-api';
import {
	SANDBOX_CREDENTIAL_ID,
	SANDBOX_CREDENTIAL_NAME,
	waitForPublication,
} from '../../scripts/lib/stack';

export type Json = Record<string, unknown>;

export const WISE_AGENT_CREDENTIALS = {
	wiseAgentOAuth2Api: { id: SANDBOX_CREDENTIAL_ID, name: SANDBOX_CREDENTIAL_NAME },
};

export function n8nNode(
	name: string,
	type: string,
	typeVersion: number,
	parameters: Json,
	extra: Json = {},
): Json {
	return { id: randomUUID(), name, type, typeVersion, position: [0, 0], parameters, ...extra };
}

/**
 * The HTTP Request baseline that writes: one form POST of `requestType` per item, every item at
 * once (one batch of `items`), through the Wise Agent credential, as an n8n user would build it.
 */
export function httpFormPostNode(
	name: string,
	baseUrl: string,
	requestType: string,
	fields: Array<{ name: string; value: string }>,
	items: number,
): Json {
	return n8nNode(
		name,
		'n8n-nodes-base.httpRequest',
		4.2,
		{
			method: 'POST',
			url: `${baseUrl}/http/webconnect.asp`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'wiseAgentOAuth2Api',
			sendQuery: true,
			specifyQuery: 'keypair',
			queryParameters: { parameters: [{ name: 'requestType', value: requestType }] },
			sendBody: true,
			contentType: 'form-urlencoded',
			specifyBody: 'keypair',
			bodyParameters: { parameters: fields },
			options: {
				batching: { batch: { batchSize: items, batchInterval: 0 } },
				response: { response: { responseFormat: 'json' } },
			},
		},
		{ credentials: WISE_AGENT_CREDENTIALS },
	);
}

/** Production webhook that answers with the last node's first item once the workflow has finished. */
export function webhookNode(
	path: string,
	responseMode: 'lastNode' | 'onReceived' = 'lastNode',
): Json {
	return n8nNode(
		'Webhook',
		'n8n-nodes-base.webhook',
		2,
		{
			httpMethod: 'POST',
			path,
			responseMode,
			...(responseMode === 'lastNode' ? { responseData: 'firstEntryJson' } : {}),
			options: {},
		},
		{ webhookId: randomUUID() },
	);
}

/** Split Out `body.items` of the webhook call into one item per element (a native node: no task runner). */
export function splitItemsNode(): Json {
	return n8nNode('Items', 'n8n-nodes-base.splitOut', 1, {
		fieldToSplitOut: 'body.items',
		include: 'noOtherFields',
		options: {},
	});
}

/** The e2e harness's: each node's main output to the next node. */
export { chain };

export interface BenchWorkflow {
	id: string;
	name: string;
	/** production webhook path, when the first node is a Webhook node */
	path?: string;
	active: boolean;
}

export async function createWorkflow(
	client: N8nClient,
	name: string,
	nodes: Json[],
): Promise<BenchWorkflow> {
	const created = await client.createWorkflow({
		name,
		nodes,
		connections: chain(nodes),
		settings: { executionOrder: 'v1' },
	});
	const first = nodes[0];
	const path =
		first.type === 'n8n-nodes-base.webhook' ? String((first.parameters as Json).path) : undefined;
	return { id: created.id, name: created.name, path, active: false };
}

export async function activate(client: N8nClient, workflow: BenchWorkflow): Promise<void> {
	const full = await retrying('read workflow', () => client.workflow(workflow.id));
	await retrying('activate', () => client.activateWorkflow(workflow.id, full.versionId ?? ''), 10);
	const status = await retrying(
		'publication status',
		() => waitForPublication(client, workflow.id),
		5,
	);
	const failed = status.triggers.filter((trigger) => trigger.status === 'failed');
	if (status.status !== 'published' || failed.length > 0) {
		throw new Error(
			`activating "${workflow.name}": ${status.status} ${failed.map((t) => t.errorMessage ?? '').join('; ')}`,
		);
	}
	workflow.active = true;
}

export async function deactivate(client: N8nClient, workflow: BenchWorkflow): Promise<void> {
	if (!workflow.active) return;
	await retrying('deactivate', () => client.deactivateWorkflow(workflow.id), 20);
	workflow.active = false;
}

// ------------------------------------------------------------------------------------ executions

export interface ExecutionRow {
	id: string;
	workflowId: string;
	status: string;
	startedAt: string | null;
	stoppedAt?: string | null;
}

export const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/**
 * n8n under a burst answers its REST API with 503 ("Database is not ready!") or not at all for a
 * while: reads are retried, bounded (about a minute), and every retry is counted.
 */
export const restRetries = { count: 0, last: '' };
export async function retrying<T>(what: string, work: () => Promise<T>, attempts = 30): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await work();
		} catch (error) {
			const status = (error as { status?: number }).status;
			const retryable = status === undefined || status >= 500 || status === 429;
			if (!retryable || attempt >= attempts) throw error;
			restRetries.count++;
			restRetries.last = `${what}: ${(error as Error).message.slice(0, 200)}`;
			await sleep(Math.min(2_000, 250 * attempt));
		}
	}
}

export async function executionsOf(
	client: N8nClient,
	workflowId: string,
	limit = 20,
	status?: string[],
): Promise<{ rows: ExecutionRow[]; count?: number }> {
	const filter = encodeURIComponent(
		JSON.stringify(status ? { workflowId, status } : { workflowId }),
	);
	const data = await retrying('list executions', () =>
		client.request<{ results: ExecutionRow[]; count?: number }>(
			'GET',
			`/rest/executions?filter=${filter}&limit=${limit}`,
		),
	);
	return {
		rows: data.results.filter((row) => String(row.workflowId) === String(workflowId)),
		count: data.count,
	};
}

/** The highest execution id of a workflow so far (0 when none). */
export async function lastExecutionId(client: N8nClient, workflowId: string): Promise<number> {
	const { rows } = await executionsOf(client, workflowId, 5);
	return Math.max(0, ...rows.map((row) => Number(row.id)));
}

type RunData = Record<
	string,
	Array<{
		startTime?: number;
		executionTime?: number;
		executionStatus?: string;
		error?: { message?: string; description?: string };
		data?: { main?: Array<Array<{ json: Json }> | null> };
	}>
>;

export interface ExecutionDetail {
	id: string;
	status: string;
	startedAt: string | null;
	stoppedAt: string | null;
	runData: RunData;
	error?: string;
}

export async function executionDetail(client: N8nClient, id: string): Promise<ExecutionDetail> {
	const data = await retrying('read execution', () =>
		client.request<{
			id: string;
			status: string;
			startedAt: string | null;
			stoppedAt: string | null;
			data: string;
		}>('GET', `/rest/executions/${id}`),
	);
	const parsed = unflatten(data.data) as {
		resultData?: { runData?: RunData; error?: { message?: string; description?: string } };
	};
	const error = parsed.resultData?.error;
	return {
		id: String(data.id),
		status: data.status,
		startedAt: data.startedAt,
		stoppedAt: data.stoppedAt,
		runData: parsed.resultData?.runData ?? {},
		error: error ? [error.message, error.description].filter(Boolean).join(' — ') : undefined,
	};
}

export interface RunRecord {
	/** the webhook answered 2xx and the execution finished with status success */
	ok: boolean;
	problem?: string;
	httpStatus: number;
	/** webhook POST → response, ms */
	wallMs: number;
	executionId?: string;
	status?: string;
	/** execution record: stoppedAt - startedAt, ms */
	executionMs?: number;
	/** the measured node's executionTime from the run data, ms */
	nodeMs?: number;
	/** output items (json) of the measured node */
	items: Json[];
}

/**
 * One timed run: POST the workflow's production webhook (retrying 404 while n8n registers it),
 * then read the new execution's record (bounded waits throughout).
 */
export async function runWebhookWorkflow(
	client: N8nClient,
	n8nUrl: string,
	workflow: BenchWorkflow,
	body: unknown,
	measuredNode: string,
	options: { timeoutMs?: number; keepItems?: boolean; onAnswered?: () => void } = {},
): Promise<RunRecord> {
	if (!workflow.path) throw new Error(`${workflow.name} has no webhook`);
	const timeoutMs = options.timeoutMs ?? 600_000;
	const before = await lastExecutionId(client, workflow.id);
	const payload = JSON.stringify(body);
	let httpStatus = 0;
	let text = '';
	let wallMs = NaN;
	for (let attempt = 0; attempt < 40; attempt++) {
		const started = performance.now();
		const response = await fetch(`${n8nUrl}/webhook/${workflow.path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: payload,
			signal: AbortSignal.timeout(timeoutMs),
		});
		text = await response.text();
		wallMs = performance.now() - started;
		httpStatus = response.status;
		if (response.status !== 404) break;
		await sleep(250);
	}
	options.onAnswered?.();
	// The execution row is written when the run ends; wait for it (bounded).
	let row: ExecutionRow | undefined;
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		const { rows } = await executionsOf(client, workflow.id, 10);
		row = rows
			.filter((r) => Number(r.id) > before && FINISHED.includes(r.status))
			.sort((a, b) => Number(a.id) - Number(b.id))[0];
		if (row) break;
		await sleep(200);
	}
	if (!row) {
		return {
			ok: false,
			problem: `no finished execution (webhook HTTP ${httpStatus}: ${text.slice(0, 300)})`,
			httpStatus,
			wallMs,
			items: [],
		};
	}
	const detail = await executionDetail(client, row.id);
	const run = detail.runData[measuredNode]?.[0];
	const items = (run?.data?.main?.[0] ?? []).map((item) => item.json);
	const executionMs =
		detail.startedAt && detail.stoppedAt
			? Date.parse(detail.stoppedAt) - Date.parse(detail.startedAt)
			: undefined;
	const nodeError = run?.error
		? [run.error.message, run.error.description].filter(Boolean).join(' — ')
		: undefined;
	const ok = httpStatus >= 200 && httpStatus < 300 && detail.status === 'success';
	return {
		ok,
		problem: ok
			? undefined
			: `execution ${detail.id} ${detail.status}, webhook HTTP ${httpStatus}: ${(nodeError ?? detail.error ?? text).slice(0, 400)}`,
		httpStatus,
		wallMs,
		executionId: detail.id,
		status: detail.status,
		executionMs,
		nodeMs: run?.executionTime,
		items: options.keepItems === false ? [] : items,
	};
}

// ------------------------------------------------------------------- the node's own description

interface PropertyLike {
	name: string;
	type?: string;
	default?: unknown;
	displayOptions?: { show?: Record<string, unknown[]>; hide?: Record<string, unknown[]> };
	options?: unknown[];
}

export interface ParameterLocation {
	/** 'parallelRequests' (top level) or e.g. 'options.parallelRequests' (inside a collection) */
	path: string;
	default?: unknown;
}

function shownFor(property: PropertyLike, values: Record<string, string>): boolean {
	const show = property.displayOptions?.show ?? {};
	const hide = property.displayOptions?.hide ?? {};
	for (const [key, allowed] of Object.entries(show)) {
		if (key in values && Array.isArray(allowed) && !allowed.includes(values[key])) return false;
	}
	for (const [key, hidden] of Object.entries(hide)) {
		if (key in values && Array.isArray(hidden) && hidden.includes(values[key])) return false;
	}
	return true;
}

/**
 * Where (if anywhere) the node offers a parameter for a resource + operation: at the top level or
 * inside a collection / fixed collection shown for that operation. n8n drops parameters a node
 * does not declare, so an undeclared one would be silently ignored: the benchmark checks first.
 */
export function findParameter(
	properties: PropertyLike[],
	name: string,
	values: Record<string, string>,
): ParameterLocation | undefined {
	for (const property of properties) {
		if (!shownFor(property, values)) continue;
		if (property.name === name) return { path: name, default: property.default };
		if (
			(property.type === 'collection' || property.type === 'fixedCollection') &&
			Array.isArray(property.options)
		) {
			for (const option of property.options as PropertyLike[]) {
				if (option?.name === name)
					return { path: `${property.name}.${name}`, default: option.default };
			}
		}
	}
	return undefined;
}

/** Sets `value` at a dotted path in a parameters object (creating collections on the way). */
export function setParameter(parameters: Json, path: string, value: unknown): Json {
	const parts = path.split('.');
	let target = parameters;
	for (const part of parts.slice(0, -1)) {
		if (typeof target[part] !== 'object' || target[part] === null) target[part] = {};
		target = target[part] as Json;
	}
	target[parts[parts.length - 1]] = value;
	return parameters;
}
