/**
 * (d') The webhook trigger under a burst, in real n8n 2.x with its default settings: 200 contacts
 * created through the sandbox API within about 2 s (20 at a time) must each come out of the
 * trigger exactly once (no contact missing, none twice), all within 60 s of the last create.
 *
 * Second case: the same burst with the sandbox's webhook delivery timeout lowered to 1 s, so some
 * deliveries are certainly lost at the sandbox. The trigger is expected to recover them by
 * "catch-up" (on each delivery it also reads the contacts changed since its high-water mark), so
 * 5 s after the burst one more contact is created with the normal timeout (another one 5 s later
 * while its delivery fails, at most 3): a delivery n8n reads after the burst (even one the sender
 * gave up on meanwhile) has to bring the lost ones along.
 *
 * Bounded throughout: creates 20 at a time, every wait has a limit, polling stops 90 s after the
 * last create at the latest (earlier once every contact was seen, or nothing happened for 15 s).
 *
 * Figures (executions, emitted, missing, duplicates, failed deliveries and their error text, times)
 * go to the log and, on failure, into the message.
 *
 *   npm run test:e2e -- --only "trigger burst"
 */
import { randomUUID } from 'crypto';

import { sleep } from '../../lib/http';
import {
	createActiveWorkflow,
	webhookTriggerWorkflow,
	execution,
	formatMs,
	nodeOutput,
	type E2eCase,
	type E2eContext,
	type Json,
} from '../harness';
import { mapWithConcurrency } from '../../../nodes/WiseAgent/transport/concurrency';

/** contacts per burst (E2E_BURST_CONTACTS=1000 for the larger measurement) */
const BURST = Number(process.env.E2E_BURST_CONTACTS ?? 200);
const CONCURRENCY = 20;
/** every created contact has to be emitted within this long after the last create */
const EMIT_WITHIN_MS = 60_000;
/** the polling loop gives up this long after the last create */
const POLL_LIMIT_MS = 90_000;
/** ... or once nothing happened (no delivery in flight, no execution running, none new) for this long */
const QUIET_MS = 15_000;
/** after every expected contact was seen, keep looking this long for duplicates */
const SETTLE_MS = 3_000;
const LOST_TIMEOUT_MS = 1_000;
/** the contacts after the burst are created 5 s, 10 s, 15 s after it */
const AFTER_BURST_MS = 5_000;
const TAIL_ATTEMPTS = 3;
const TRIGGER_NAME = 'Wise Agent Trigger';
const DATA_PATH = '/http/webconnect.asp';
const FINISHED_STATUSES = ['success', 'error', 'crashed', 'canceled'];

interface Delivery {
	id: number;
	url: string;
	eventType: string;
	body: { EventType: string; EventCreated: string; ResourceIds: Array<number | string> };
	statusCode: number | null;
	error: string | null;
	queuedAt: string;
	finishedAt: string | null;
	durationMs: number | null;
}

interface ExecutionRow {
	id: string;
	workflowId: string;
	status: string;
	startedAt: string | null;
	stoppedAt?: string | null;
}

interface Created {
	clientId: number;
	at: number;
}

/** Creates one contact through the data API (`POST webcontact`, form-encoded, documented names). */
async function createContact(ctx: E2eContext, token: string, label: string): Promise<Created> {
	const form = new URLSearchParams({
		CFirst: 'Burst',
		CLast: label,
		CEmail: `burst.${label}.${randomUUID().slice(0, 8)}@example.com`,
		Source: 'E2E burst',
	});
	const response = await fetch(`${ctx.sandbox.baseUrl}${DATA_PATH}?requestType=webcontact`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${token}`,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'application/json',
		},
		body: form.toString(),
		signal: AbortSignal.timeout(30_000),
	});
	const text = await response.text();
	let body: unknown = JSON.parse(text);
	if (typeof body === 'string') body = JSON.parse(body);
	const clientId = Number((body as { data?: { ClientID?: unknown } }).data?.ClientID);
	if (!response.ok || !Number.isInteger(clientId))
		throw new Error(`webcontact ${label}: HTTP ${response.status} ${text.slice(0, 300)}`);
	return { clientId, at: Date.now() };
}

async function burst(ctx: E2eContext, token: string, tag: string): Promise<Created[]> {
	return await mapWithConcurrency(
		Array.from({ length: BURST }, (_, i) => i),
		CONCURRENCY,
		(i) => createContact(ctx, token, `${tag}-${i}`),
	);
}

async function deliveriesFor(ctx: E2eContext, webhookId: string): Promise<Delivery[]> {
	const { deliveries } = await ctx.sandbox.request<{ deliveries: Delivery[] }>(
		'GET',
		'/__sandbox/deliveries',
	);
	return deliveries.filter((d) => d.url.includes(`/webhook/${webhookId}/`));
}

/** Every finished execution of the workflow (n8n pages by 100, newest first; bounded). */
async function finishedExecutions(ctx: E2eContext, workflowId: string): Promise<ExecutionRow[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status: FINISHED_STATUSES }));
	const all: ExecutionRow[] = [];
	let lastId: string | undefined;
	for (let page = 0; page < 30; page++) {
		const data = await ctx.client.request<{ results: ExecutionRow[] }>(
			'GET',
			`/rest/executions?filter=${filter}&limit=100${lastId ? `&lastId=${lastId}` : ''}`,
		);
		const rows = data.results.filter((row) => String(row.workflowId) === String(workflowId));
		all.push(...rows);
		if (data.results.length < 100) break;
		lastId = data.results[data.results.length - 1].id;
	}
	return all;
}

async function unfinishedCount(ctx: E2eContext, workflowId: string): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status: ['new', 'running'] }));
	const data = await ctx.client.request<{ results: ExecutionRow[]; count?: number }>(
		'GET',
		`/rest/executions?filter=${filter}&limit=100`,
	);
	return data.results.filter((row) => String(row.workflowId) === String(workflowId)).length;
}

interface Emission {
	resourceId: number;
	executionId: string;
	at: number;
	item: Json;
}

interface Observation {
	executions: ExecutionRow[];
	emissions: Emission[];
	/** deliveries to this workflow's webhook */
	deliveries: Delivery[];
	/** deliveries to other webhooks (other workflows) queued since the case started */
	otherDeliveries: Delivery[];
	/** n8n REST calls of the polling loop that failed (n8n under load answers 503 at times) */
	pollErrors: string[];
	stoppedBecause: string;
}

async function allDeliveries(ctx: E2eContext): Promise<Delivery[]> {
	return (await ctx.sandbox.request<{ deliveries: Delivery[] }>('GET', '/__sandbox/deliveries'))
		.deliveries;
}

/** Polls n8n's executions (bounded) and collects the trigger's output items. */
async function observe(
	ctx: E2eContext,
	workflowId: string,
	webhookId: string,
	expected: Set<number>,
	caseStartedAt: number,
	lastCreateAt: number,
): Promise<Observation> {
	const processed = new Map<string, ExecutionRow>();
	const emissions: Emission[] = [];
	const pollErrors: string[] = [];
	let lastChange = Date.now();
	let finishedDeliveries = -1;
	let allSeenAt: number | undefined;
	let deliveries: Delivery[] = [];
	let otherDeliveries: Delivery[] = [];
	const result = (stoppedBecause: string): Observation => ({
		executions: [...processed.values()],
		emissions,
		deliveries,
		otherDeliveries,
		pollErrors,
		stoppedBecause,
	});
	for (let round = 0; round < 300; round++) {
		let fresh: ExecutionRow[] = [];
		let running = 1;
		try {
			const rows = await finishedExecutions(ctx, workflowId);
			fresh = rows.filter((row) => !processed.has(row.id));
			await mapWithConcurrency(fresh, 8, async (row) => {
				const detail = await execution(ctx, row.id);
				const at = Date.parse(row.startedAt ?? '') || Date.now();
				for (const item of nodeOutput(detail, TRIGGER_NAME)) {
					emissions.push({ resourceId: Number(item.resourceId), executionId: row.id, at, item });
				}
				processed.set(row.id, row);
			});
			running = await unfinishedCount(ctx, workflowId);
		} catch (error) {
			pollErrors.push((error as Error).message);
		}
		const everything = await allDeliveries(ctx);
		deliveries = everything.filter((d) => d.url.includes(`/webhook/${webhookId}/`));
		otherDeliveries = everything.filter(
			(d) => !d.url.includes(`/webhook/${webhookId}/`) && Date.parse(d.queuedAt) >= caseStartedAt,
		);
		const done = deliveries.filter((d) => d.finishedAt !== null).length;
		const now = Date.now();
		if (fresh.length > 0 || done !== finishedDeliveries || running > 0) lastChange = now;
		finishedDeliveries = done;
		const idle = running === 0 && done === deliveries.length;
		const seen = new Set(emissions.map((e) => e.resourceId));
		if (allSeenAt === undefined && [...expected].every((id) => seen.has(id))) allSeenAt = now;
		if (allSeenAt !== undefined && idle && now - Math.max(allSeenAt, lastChange) >= SETTLE_MS)
			return result('all seen');
		if (idle && now - lastChange >= QUIET_MS) return result(`quiet for ${formatMs(QUIET_MS)}`);
		if (now - lastCreateAt >= POLL_LIMIT_MS)
			return result(`poll limit (${formatMs(POLL_LIMIT_MS)} after the last create)`);
		await sleep(1_000);
	}
	return result('round limit');
}

const sample = (values: Array<number | string>, n = 10) =>
	values.length <= n
		? values.join(', ')
		: `${values.slice(0, n).join(', ')}, ... (+${values.length - n})`;

/** Groups failed deliveries by their error (or status) text. */
function failures(deliveries: Delivery[]): { count: number; text: string } {
	const failed = deliveries.filter(
		(d) => d.error !== null || d.statusCode === null || d.statusCode < 200 || d.statusCode >= 300,
	);
	const byReason = new Map<string, number>();
	for (const d of failed) {
		const reason = d.error ?? `HTTP ${d.statusCode}`;
		byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
	}
	return {
		count: failed.length,
		text: [...byReason].map(([reason, n]) => `${n}× "${reason}"`).join(', ') || 'none',
	};
}

/** Checks exactly-once + timing; logs the figures; throws with them on failure. */
function judge(
	ctx: E2eContext,
	label: string,
	created: Created[],
	firstCreateAt: number,
	burstEndAt: number,
	seen: Observation,
	extraProblems: string[] = [],
): void {
	const expected = new Set(created.map((c) => c.clientId));
	const lastCreateAt = Math.max(...created.map((c) => c.at));
	const counts = new Map<number, number>();
	const firstAt = new Map<number, number>();
	for (const e of seen.emissions) {
		counts.set(e.resourceId, (counts.get(e.resourceId) ?? 0) + 1);
		firstAt.set(e.resourceId, Math.min(firstAt.get(e.resourceId) ?? Infinity, e.at));
	}
	const missing = [...expected].filter((id) => !counts.has(id));
	const duplicates = [...counts].filter(([id, n]) => expected.has(id) && n > 1);
	const others = [...counts.keys()].filter((id) => !expected.has(id));
	const ours = seen.emissions.filter((e) => expected.has(e.resourceId));
	const lastEmission = ours.length ? Math.max(...ours.map((e) => e.at)) : undefined;
	const late = [...expected].filter(
		(id) => firstAt.has(id) && firstAt.get(id)! - lastCreateAt > EMIT_WITHIN_MS,
	);
	const withRecordError = ours.filter((e) => e.item.record === null || e.item.recordError).length;
	const byStatus = new Map<string, number>();
	for (const row of seen.executions) byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1);
	const failed = failures(seen.deliveries);
	const otherFailed = failures(seen.otherDeliveries);
	const maxDelivery = Math.max(0, ...seen.deliveries.map((d) => d.durationMs ?? 0));
	const figures = [
		`${label}: ${created.length} contacts created in ${formatMs(burstEndAt - firstCreateAt)} (burst), last create at +${formatMs(lastCreateAt - firstCreateAt)}`,
		`deliveries: ${seen.deliveries.length} sent, ${failed.count} failed at the sandbox (${failed.text}), slowest ${formatMs(maxDelivery)}`,
		`executions: ${seen.executions.length} (${[...byStatus].map(([s, n]) => `${s} ${n}`).join(', ') || 'none'}), trigger items ${seen.emissions.length} (${ours.length} for the created contacts, ${withRecordError} without record, ${others.length} other ids)`,
		`emitted ${expected.size - missing.length}/${expected.size}, missing ${missing.length}${missing.length ? ` [${sample(missing)}]` : ''}, duplicates ${duplicates.length}${duplicates.length ? ` [${sample(duplicates.map(([id, n]) => `${id}×${n}`))}]` : ''}, late (> ${formatMs(EMIT_WITHIN_MS)}) ${late.length}`,
		`time to last emission: ${lastEmission === undefined ? 'n/a' : `${formatMs(lastEmission - lastCreateAt)} after the last create`}; polling stopped: ${seen.stoppedBecause}`,
		`meanwhile: ${seen.otherDeliveries.length} deliveries to other workflows' webhooks (${otherFailed.count} failed: ${otherFailed.text}); ${seen.pollErrors.length} failed n8n REST call(s) while polling${seen.pollErrors.length ? ` (first: ${seen.pollErrors[0].slice(0, 160)})` : ''}`,
	];
	for (const line of figures) ctx.log(line);
	const problems = [...extraProblems];
	if (missing.length) problems.push(`${missing.length} contact(s) never emitted`);
	if (duplicates.length) problems.push(`${duplicates.length} contact(s) emitted more than once`);
	if (late.length)
		problems.push(`${late.length} contact(s) emitted later than ${formatMs(EMIT_WITHIN_MS)}`);
	if (problems.length) throw new Error(`${problems.join('; ')}\n${figures.join('\n')}`);
}

function triggerWorkflow(ctx: E2eContext, label: string) {
	return webhookTriggerWorkflow(ctx, `e2e: ${label}`, {
		events: ['contactCreate'],
		includeRecord: true,
		options: {},
	});
}

async function sandboxToken(ctx: E2eContext): Promise<string> {
	return (await ctx.stack.sandbox.issueToken()).accessToken;
}

const succeeded = (d: Delivery | undefined): boolean =>
	d !== undefined &&
	d.error === null &&
	d.statusCode !== null &&
	d.statusCode >= 200 &&
	d.statusCode < 300;

/** Waits (bounded) until at least `atLeast` deliveries went to this webhook and all of them finished. */
async function deliveriesSettled(
	ctx: E2eContext,
	webhookId: string,
	atLeast: number,
	timeoutMs: number,
): Promise<Delivery[]> {
	const started = Date.now();
	for (;;) {
		const list = await deliveriesFor(ctx, webhookId);
		const done = list.filter((d) => d.finishedAt !== null);
		if ((list.length >= atLeast && done.length === list.length) || Date.now() - started > timeoutMs)
			return list;
		await sleep(250);
	}
}

export const triggerBurstCases: E2eCase[] = [
	{
		name: `trigger burst: ${BURST} contactCreate webhooks in ~2 s -> every contact emitted exactly once within 60 s`,
		timeoutMs: 170_000,
		async run(ctx) {
			const caseStartedAt = Date.now();
			const { webhookId, workflow } = triggerWorkflow(ctx, 'trigger burst');
			const created = await createActiveWorkflow(ctx, workflow);
			try {
				const token = await sandboxToken(ctx);
				const firstCreateAt = Date.now();
				const contacts = await burst(ctx, token, 'a');
				const burstEndAt = Date.now();
				const seen = await observe(
					ctx,
					created.id,
					webhookId,
					new Set(contacts.map((c) => c.clientId)),
					caseStartedAt,
					burstEndAt,
				);
				judge(ctx, 'burst', contacts, firstCreateAt, burstEndAt, seen);
			} finally {
				await ctx.client.deactivateWorkflow(created.id).catch(() => undefined);
			}
		},
	},
	{
		name: `trigger burst with lost deliveries (webhookTimeoutMs ${LOST_TIMEOUT_MS}): catch-up on the next delivery emits every contact exactly once`,
		timeoutMs: 170_000,
		async run(ctx) {
			const caseStartedAt = Date.now();
			const { webhookId, workflow } = triggerWorkflow(ctx, 'trigger burst, lost deliveries');
			const before = await ctx.sandbox.request<{ webhookTimeoutMs: number }>(
				'GET',
				'/__sandbox/settings',
			);
			const created = await createActiveWorkflow(ctx, workflow);
			try {
				const token = await sandboxToken(ctx);
				await ctx.sandbox.settings({ webhookTimeoutMs: LOST_TIMEOUT_MS });
				const firstCreateAt = Date.now();
				const contacts = await burst(ctx, token, 'b');
				const burstEndAt = Date.now();
				const burstDeliveries = await deliveriesSettled(ctx, webhookId, BURST, 30_000);
				const lost = failures(burstDeliveries);
				ctx.log(
					`lost deliveries: ${burstDeliveries.length} sent for the burst, ${lost.count} failed (${lost.text})`,
				);
				const problems: string[] = [];
				if (lost.count === 0)
					problems.push(
						`no burst delivery failed with webhookTimeoutMs ${LOST_TIMEOUT_MS}: this run did not exercise catch-up`,
					);
				// After the burst, with the normal timeout again: more contacts, one at a time, until one
				// delivery succeeds (at most TAIL_ATTEMPTS). Catch-up runs on deliveries, so it needs one.
				await ctx.sandbox.settings({ webhookTimeoutMs: before.webhookTimeoutMs });
				const tail: Created[] = [];
				let tailOk = false;
				let sent = burstDeliveries.length;
				for (let attempt = 1; attempt <= TAIL_ATTEMPTS && !tailOk; attempt++) {
					await sleep(Math.max(0, burstEndAt + AFTER_BURST_MS * attempt - Date.now()));
					const next = await createContact(ctx, token, `b-after-${attempt}`);
					tail.push(next);
					const list = await deliveriesSettled(
						ctx,
						webhookId,
						++sent,
						before.webhookTimeoutMs + 5_000,
					);
					const delivery = list.find((d) => d.body.ResourceIds.map(Number).includes(next.clientId));
					tailOk = succeeded(delivery);
					ctx.log(
						`delivery after the burst #${attempt} (contact ${next.clientId}, +${formatMs(next.at - burstEndAt)}): ${delivery ? (delivery.error ?? `HTTP ${delivery.statusCode}`) : 'not sent'} in ${formatMs(delivery?.durationMs ?? 0)}`,
					);
				}
				// A delivery the sender gave up on may still be read by n8n (late) and catch up: what
				// counts is that every contact comes out once, judged below.
				if (!tailOk) {
					ctx.log(
						`none of the ${tail.length} deliveries after the burst succeeded at the sender (n8n may still have read them)`,
					);
				}
				const all = [...contacts, ...tail];
				const seen = await observe(
					ctx,
					created.id,
					webhookId,
					new Set(all.map((c) => c.clientId)),
					caseStartedAt,
					tail[tail.length - 1].at,
				);
				judge(ctx, 'burst with lost deliveries', all, firstCreateAt, burstEndAt, seen, problems);
			} finally {
				await ctx.sandbox
					.settings({ webhookTimeoutMs: before.webhookTimeoutMs })
					.catch(() => undefined);
				await ctx.client.deactivateWorkflow(created.id).catch(() => undefined);
			}
		},
	},
];
