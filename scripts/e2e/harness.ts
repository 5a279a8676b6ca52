/**
 * The e2e suite's tiny runner and the helpers every case uses: a running stack (sandbox + n8n),
 * the sandbox's admin endpoints, and n8n workflows built and run through n8n's REST API.
 */
import { randomUUID } from 'crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Locator, Page } from 'playwright-core';

import { sleep } from '../lib/http';
import type { N8nClient, N8nWorkflow } from '../lib/n8n-api';
import {
	SANDBOX_CREDENTIAL_ID,
	SANDBOX_CREDENTIAL_NAME,
	waitForPublication,
	type Stack,
} from '../lib/stack';

export type Json = Record<string, unknown>;

export interface E2eContext {
	stack: Stack;
	client: N8nClient;
	n8nUrl: string;
	sandbox: SandboxAdmin;
	packageName: string;
	owner: { email: string; password: string };
	/** the credential's decrypted data as n8n stores it (`n8n export:credentials --decrypted`; the REST API only says `oauthTokenData: true`) */
	exportCredential(id: string): Promise<Json>;
	log(message: string): void;
	/** where the suite writes its logs (the main stack's user folder, `.n8n-e2e/`); screenshots go to `screenshots/` in it */
	outputDir?: string;
}

export interface E2eCase {
	name: string;
	run(ctx: E2eContext): Promise<void>;
	/** started right after the stack is up, awaited (and reported) at its place in the list */
	background?: boolean;
	/** ms; default 120 s */
	timeoutMs?: number;
}

/** `assert`-style checks with readable messages (node:assert's diffs are too noisy for a one-line report). */
export function check(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}

export function equal<T>(actual: T, expected: T, what: string): void {
	if (actual !== expected) {
		throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
	}
}

/** Polls `probe` until it returns something other than undefined (or throws on timeout). */
export async function eventually<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	timeoutMs = 20_000,
	intervalMs = 300,
): Promise<T> {
	const started = Date.now();
	let lastError: Error | undefined;
	for (;;) {
		try {
			const value = await probe();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error as Error;
		}
		if (Date.now() - started > timeoutMs) {
			throw new Error(
				`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${lastError ? ` (${lastError.message})` : ''}`,
			);
		}
		await sleep(intervalMs);
	}
}

// ---------------------------------------------------------------------------------------------
// the sandbox, through its admin endpoints (works for an in-process and an attached sandbox)

export interface SandboxState {
	contacts: Array<Json & { ClientID: number; CEmail: string; categories: Array<string | number> }>;
	notes: Array<Json & { NoteID: number; ownerId: number; Note: string; Subject: string }>;
	tasks: Array<
		Json & { TaskID: number; Description: string; ContactID: string; completed: boolean }
	>;
	calls: Array<Json & { CallId: number; ClientId: string }>;
	properties: Array<Json & { PropertyID: number; fields: Json }>;
	categories: Array<{ id: number; name: string }>;
	webhooks: Array<{ WebhookID: number; EventType: string; Status: string; Url: string }>;
	[key: string]: unknown;
}

export class SandboxAdmin {
	constructor(readonly baseUrl: string) {}

	async request<T>(method: string, route: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}${route}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(30_000),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(
				`sandbox ${method} ${route} -> HTTP ${response.status}: ${text.slice(0, 300)}`,
			);
		return (text ? JSON.parse(text) : undefined) as T;
	}

	state(): Promise<SandboxState> {
		return this.request('GET', '/__sandbox/state');
	}

	simulate(change: Json): Promise<{ ok: boolean; id: number }> {
		return this.request('POST', '/__sandbox/simulate', change);
	}

	expireTokens(): Promise<unknown> {
		return this.request('POST', '/__sandbox/expire-tokens', {});
	}

	counters(): Promise<{
		total: number;
		byKey: Record<string, number>;
		byRequestType: Record<string, number>;
	}> {
		return this.request('GET', '/__sandbox/counters');
	}

	settings(change: Json): Promise<unknown> {
		return this.request('POST', '/__sandbox/settings', change);
	}

	registerClient(client: Json): Promise<unknown> {
		return this.request('POST', '/__sandbox/clients', client);
	}

	deliveries(): Promise<Array<Json & { url: string; eventType: string; statusCode?: number }>> {
		return this.request('GET', '/__sandbox/deliveries');
	}
}

// ---------------------------------------------------------------------------------------------
// n8n workflows

let workflowCounter = 0;

export function wiseAgentNode(
	packageName: string,
	parameters: Json,
	options: {
		name?: string;
		credentialId?: string;
		credentialName?: string;
		position?: [number, number];
	} = {},
): Json {
	return {
		id: randomUUID(),
		name: options.name ?? 'Wise Agent',
		type: `${packageName}.wiseAgent`,
		typeVersion: 1,
		position: options.position ?? [240, 0],
		parameters,
		credentials: {
			wiseAgentOAuth2Api: {
				id: options.credentialId ?? SANDBOX_CREDENTIAL_ID,
				name: options.credentialName ?? SANDBOX_CREDENTIAL_NAME,
			},
		},
	};
}

export function webhookNode(path: string, name = 'Webhook'): Json {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		},
	};
}

/** Connections of a straight line of nodes. */
export function chain(nodes: Json[]): Json {
	const connections: Json = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[String(nodes[i].name)] = {
			main: [[{ node: String(nodes[i + 1].name), type: 'main', index: 0 }]],
		};
	}
	return connections;
}

/** A NoOp node (the end of a trigger workflow). */
export function noOpNode(name = 'Done'): Json {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [240, 0],
		parameters: {},
	};
}

/** "Wise Agent Trigger → Done" with the sandbox credential; `webhookId` is the trigger's path. */
export function webhookTriggerWorkflow(
	ctx: E2eContext,
	name: string,
	parameters: Json,
): { webhookId: string; workflow: Json } {
	const webhookId = randomUUID();
	const trigger = {
		id: randomUUID(),
		name: 'Wise Agent Trigger',
		type: `${ctx.packageName}.wiseAgentTrigger`,
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		parameters,
		credentials: {
			wiseAgentOAuth2Api: { id: SANDBOX_CREDENTIAL_ID, name: SANDBOX_CREDENTIAL_NAME },
		},
	};
	const nodes = [trigger, noOpNode()];
	return { webhookId, workflow: { name, nodes, connections: chain(nodes) } };
}

/** Creates, activates and waits until the triggers are live. */
export async function createActiveWorkflow(ctx: E2eContext, workflow: Json): Promise<N8nWorkflow> {
	const created = await ctx.client.createWorkflow({
		settings: { executionOrder: 'v1' },
		...workflow,
	});
	await ctx.client.activateWorkflow(created.id, created.versionId ?? '');
	const status = await waitForPublication(ctx.client, created.id);
	const failed = status.triggers.filter((trigger) => trigger.status === 'failed');
	if (status.status !== 'published' || failed.length > 0) {
		throw new Error(
			`activating "${String(workflow.name)}": ${status.status} ${failed.map((trigger) => trigger.errorMessage ?? '').join('; ')}`,
		);
	}
	return created;
}

/** POSTs to a production webhook (retrying 404 while n8n registers it); returns status + parsed body. */
export async function callWebhook(
	ctx: E2eContext,
	path: string,
	body: unknown = {},
): Promise<{ status: number; body: unknown; text: string }> {
	const started = Date.now();
	for (;;) {
		const response = await fetch(`${ctx.n8nUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(90_000),
		});
		const text = await response.text();
		if (response.status === 404 && Date.now() - started < 10_000) {
			await sleep(300);
			continue;
		}
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// not JSON
		}
		return { status: response.status, body: parsed, text };
	}
}

export interface NodeRunOptions {
	credentialId?: string;
	credentialName?: string;
	/** webhook body (the node sees it as `$json.body`) */
	input?: unknown;
}

/**
 * Runs one Wise Agent node in a real workflow: Webhook (respond with all items of the last node)
 * -> Wise Agent. Returns the node's output items (json). Throws with n8n's answer on failure.
 */
export async function runWiseAgentNode(
	ctx: E2eContext,
	label: string,
	parameters: Json,
	options: NodeRunOptions = {},
): Promise<Json[]> {
	const path = `e2e-${++workflowCounter}-${randomUUID().slice(0, 8)}`;
	const nodes = [
		webhookNode(path),
		wiseAgentNode(ctx.packageName, parameters, {
			credentialId: options.credentialId,
			credentialName: options.credentialName,
		}),
	];
	const workflow = await createActiveWorkflow(ctx, {
		name: `e2e: ${label}`,
		nodes,
		connections: chain(nodes),
	});
	try {
		const answer = await callWebhook(ctx, path, options.input ?? {});
		if (answer.status !== 200)
			throw new Error(
				`${label}: webhook answered HTTP ${answer.status}: ${answer.text.slice(0, 500)}`,
			);
		if (!Array.isArray(answer.body))
			throw new Error(`${label}: expected the node's items, got ${answer.text.slice(0, 300)}`);
		return answer.body as Json[];
	} finally {
		await ctx.client.deactivateWorkflow(workflow.id).catch(() => undefined);
	}
}

// ---------------------------------------------------------------------------------------------
// executions

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
}

export async function executionsOf(
	ctx: E2eContext,
	workflowId: string,
): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const data = await ctx.client.request<{ results: ExecutionSummary[] }>(
		'GET',
		`/rest/executions?filter=${filter}&limit=100`,
	);
	return data.results.filter((execution) => String(execution.workflowId) === String(workflowId));
}

export interface ExecutionDetail {
	id: string;
	status: string;
	/** runData: node name -> runs */
	runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Json }> | null> } }>>;
}

export async function execution(ctx: E2eContext, id: string): Promise<ExecutionDetail> {
	const data = await ctx.client.request<{ id: string; status: string; data: string }>(
		'GET',
		`/rest/executions/${id}`,
	);
	const parsed = unflatten(data.data) as { resultData?: { runData?: ExecutionDetail['runData'] } };
	return { id: data.id, status: data.status, runData: parsed.resultData?.runData ?? {} };
}

/**
 * What the editor's "Execute workflow" does (`POST /rest/workflows/:id/run`, n8n 2.40's ManualRunDto:
 * the saved workflow, started from `triggerName`): a Manual Trigger runs at once (`executionId`);
 * a webhook-based trigger makes n8n listen on its test URL instead (`waitingForWebhook`).
 */
export async function runManually(
	ctx: E2eContext,
	workflowId: string,
	triggerName: string,
): Promise<{ executionId?: string; waitingForWebhook?: boolean }> {
	return await ctx.client.request('POST', `/rest/workflows/${encodeURIComponent(workflowId)}/run`, {
		triggerToStartFrom: { name: triggerName },
	});
}

/** Waits until an execution has finished (any status but new/running/waiting) and returns it. */
export async function finishedExecution(
	ctx: E2eContext,
	id: string,
	timeoutMs = 60_000,
): Promise<ExecutionDetail> {
	return await eventually(
		`execution ${id} to finish`,
		async () => {
			const detail = await execution(ctx, id);
			return ['new', 'running', 'waiting', 'unknown'].includes(detail.status) ? undefined : detail;
		},
		timeoutMs,
	);
}

/** Output items (json) of a node in an execution (first run, first output). */
export function nodeOutput(detail: ExecutionDetail, nodeName: string): Json[] {
	const run = detail.runData[nodeName]?.[0];
	return (run?.data?.main?.[0] ?? []).map((item) => item.json);
}

/** n8n stores execution data with `flatted` (objects and strings by index into one array). */
export function unflatten(text: string): unknown {
	const input = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		const value = input[index];
		if (typeof value !== 'object' || value === null) return value;
		if (revived.has(index)) return revived.get(index);
		const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
		revived.set(index, out);
		for (const [key, entry] of Object.entries(value)) {
			(out as Record<string, unknown>)[key] =
				typeof entry === 'string' ? revive(Number(entry)) : entry;
		}
		return out;
	};
	return revive(0);
}

// ---------------------------------------------------------------------------------------------
// credentials

export interface CredentialWithData {
	id: string;
	name: string;
	type: string;
	data?: Json & { oauthTokenData?: unknown };
}

export async function credentialWithData(ctx: E2eContext, id: string): Promise<CredentialWithData> {
	return await ctx.client.request<CredentialWithData>(
		'GET',
		`/rest/credentials/${encodeURIComponent(id)}?includeData=true`,
	);
}

// ---------------------------------------------------------------------------------------------
// the runner

export interface CaseResult {
	name: string;
	ok: boolean;
	ms: number;
	error?: string;
}

export function formatMs(ms: number): string {
	return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([
			promise,
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error(`${what}: timed out after ${formatMs(ms)}`)), ms);
			}),
		]);
	} finally {
		if (timer) clearTimeout(timer);
	}
}

/** Runs the cases in order (background ones start at once) and prints ✓/✕ lines with timings. */
export async function runCases(
	ctx: E2eContext,
	cases: E2eCase[],
	print: (line: string) => void,
): Promise<CaseResult[]> {
	const started = new Map<E2eCase, Promise<CaseResult>>();
	const start = (testCase: E2eCase): Promise<CaseResult> => {
		const begin = Date.now();
		const promise = withTimeout(
			testCase.run(ctx),
			testCase.timeoutMs ?? 120_000,
			testCase.name,
		).then(
			() => ({ name: testCase.name, ok: true, ms: Date.now() - begin }),
			(error: Error) => ({
				name: testCase.name,
				ok: false,
				ms: Date.now() - begin,
				error: error.stack ?? error.message,
			}),
		);
		started.set(testCase, promise);
		return promise;
	};
	for (const testCase of cases) if (testCase.background) void start(testCase);
	const results: CaseResult[] = [];
	for (const testCase of cases) {
		const result = await (started.get(testCase) ?? start(testCase));
		results.push(result);
		if (result.ok) print(`✓ ${result.name} (${formatMs(result.ms)})`);
		else {
			print(`✕ ${result.name} (${formatMs(result.ms)})`);
			const lines = (result.error ?? '').split('\n');
			const message = lines.filter((line) => !/^\s+at /.test(line)).join('\n');
			const where = lines.find((line) => /scripts\/e2e/.test(line));
			print(`    ${message.replace(/\n/g, '\n    ')}${where ? `\n    ${where.trim()}` : ''}`);
		}
	}
	return results;
}

// ---------------------------------------------------------------------------------------------
// the n8n editor in headless Chromium (Debian's chromium, driven by playwright-core)

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface EditorSession {
	page: Page;
	/** the PNGs written so far (absolute paths) */
	screenshots: string[];
	/** a full-window PNG `<outputDir>/screenshots/<prefix>-NN-<name>.png`; returns its path */
	shot(name: string): Promise<string>;
	/**
	 * Runs one bounded step of the case (`timeoutMs`, default 15 s). On failure or timeout: a
	 * screenshot, and the error names the step, the screenshot and what the page showed.
	 */
	step<T>(what: string, action: () => Promise<T>, timeoutMs?: number): Promise<T>;
	/** `step` waiting until `locator` is visible */
	waitFor(what: string, locator: Locator, timeoutMs?: number): Promise<Locator>;
	close(): Promise<void>;
}

/** `<outputDir>/screenshots` (created); outputDir defaults to `.n8n-e2e/` of the repository. */
export function screenshotDir(ctx: E2eContext): string {
	const dir = path.join(
		ctx.outputDir ?? path.resolve(__dirname, '..', '..', '.n8n-e2e'),
		'screenshots',
	);
	mkdirSync(dir, { recursive: true });
	return dir;
}

/**
 * What the page shows, for a failure message: open toasts / notices, then the node details view
 * if it is open, else the whole page (visible text, blank lines squeezed, at most `max` chars).
 */
export async function visibleText(page: Page, max = 1500): Promise<string> {
	const squeeze = (text: string) =>
		text
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean)
			.join(' | ');
	const parts: string[] = [];
	try {
		const toasts = await page
			.locator('.el-notification:visible, [role="alert"]:visible')
			.allInnerTexts();
		if (toasts.length > 0) parts.push(`toasts: ${toasts.map(squeeze).join(' || ')}`);
		const ndv = page.locator('[data-test-id="ndv"]');
		const scope = (await ndv.isVisible()) ? ndv : page.locator('body');
		parts.push(
			`${(await ndv.isVisible()) ? 'node details' : 'page'} (${page.url()}): ${squeeze(await scope.innerText({ timeout: 2_000 }))}`,
		);
	} catch (error) {
		parts.push(`(could not read the page: ${(error as Error).message.split('\n')[0]})`);
	}
	const text = parts.join('\n');
	return text.length > max ? `${text.slice(0, max)} …` : text;
}

/**
 * Starts headless Chromium (own profile), signs in on n8n's sign-in page as the e2e owner and
 * returns a session whose steps are bounded and explain themselves when they fail.
 */
export async function openEditor(ctx: E2eContext, prefix: string): Promise<EditorSession> {
	// required here, not imported: only the editor cases need playwright-core at run time
	// eslint-disable-next-line @typescript-eslint/no-var-requires
	const { chromium } = require('playwright-core') as typeof import('playwright-core');
	const dir = screenshotDir(ctx);
	const profile = mkdtempSync(path.join(os.tmpdir(), 'e2e-editor-'));
	const context: BrowserContext = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-quic'],
		viewport: { width: 1600, height: 1000 },
		timeout: 30_000,
	});
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(10_000);
	page.setDefaultNavigationTimeout(30_000);
	const screenshots: string[] = [];
	let counter = 0;
	const shot = async (name: string) => {
		const file = path.join(
			dir,
			`${prefix}-${String(++counter).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-')}.png`,
		);
		await page.screenshot({ path: file, timeout: 10_000 });
		screenshots.push(file);
		ctx.log(`screenshot ${path.relative(process.cwd(), file)}`);
		return file;
	};
	const step = async <T>(what: string, action: () => Promise<T>, timeoutMs = 15_000) => {
		let timer: NodeJS.Timeout | undefined;
		try {
			return await Promise.race([
				action(),
				new Promise<never>((_, reject) => {
					timer = setTimeout(
						() => reject(new Error(`timed out after ${formatMs(timeoutMs)}`)),
						timeoutMs,
					);
				}),
			]);
		} catch (error) {
			const file = await shot(`failed-${what}`).catch(() => '(no screenshot)');
			throw new Error(
				`editor: ${what}: ${(error as Error).message.split('\n')[0]}\n  screenshot: ${file}\n  ${await visibleText(page)}`,
			);
		} finally {
			if (timer) clearTimeout(timer);
		}
	};
	const waitFor = async (what: string, locator: Locator, timeoutMs = 15_000) =>
		await step(
			what,
			async () => {
				await locator.first().waitFor({ state: 'visible', timeout: timeoutMs });
				return locator;
			},
			timeoutMs + 1_000,
		);
	const close = async () => {
		await context.close().catch(() => undefined);
		rmSync(profile, { recursive: true, force: true });
	};
	try {
		await step(
			'sign in as the e2e owner',
			async () => {
				await page.goto(`${ctx.n8nUrl}/signin`, { waitUntil: 'domcontentloaded' });
				await page.locator('input[name="emailOrLdapLoginId"]').fill(ctx.owner.email);
				await page.locator('input[name="password"]').fill(ctx.owner.password);
				await page.locator('[data-test-id="form-submit-button"]').click();
				await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 20_000 });
			},
			30_000,
		);
	} catch (error) {
		await close();
		throw error;
	}
	return { page, screenshots, shot, step, waitFor, close };
}
