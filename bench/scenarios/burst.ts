/**
 * Scenario 4: webhook burst. 200 and 1,000 contacts are created through the sandbox API within
 * about 2 s while one workflow is active:
 *   ours      Wise Agent Trigger (contactCreate, Include Full Record on = the default) → Report
 *   baseline  a plain n8n Webhook node, subscribed the same way (a contactCreate webhook registered
 *             at the sandbox pointing at it) → Report
 * "Report" is an HTTP Request node (Execute Once) that posts the emitted ClientIDs to a collector in
 * this process, so emissions are timed as they happen. Measured: executions, every ClientID emitted
 * exactly once (ours: judged; baseline: counted), time from the last create to the last emission.
 * Same logic as scripts/e2e/cases/triggerBurst.ts (bounded waits, 20+ creates at a time).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';

import type { BenchResult } from '../run';
import type { Check, RunSummary, ScenarioResult, SuiteContext } from '../lib/context';
import { pause } from '../lib/context';
import { Collector } from '../lib/collector';
import {
	activate,
	createWorkflow,
	deactivate,
	executionsOf,
	n8nNode,
	webhookNode,
	WISE_AGENT_CREDENTIALS,
	restRetries,
	type BenchWorkflow,
} from '../lib/n8n';
import { ratio, summarize } from '../lib/stats';
import { mapWithConcurrency } from '../../nodes/WiseAgent/transport/concurrency';

const SIZES = [200, 1000];
/** the polling loop gives up this long after the last create */
const LIMIT_AFTER_LAST_CREATE_MS = 180_000;
/** ... or when nothing arrived and no delivery was in flight for this long */
const QUIET_MS = 20_000;
/** after every contact was seen, keep listening this long for duplicates */
const SETTLE_MS = 3_000;
const DATA_PATH = '/http/webconnect.asp';

interface Created {
	clientId: number;
	at: number;
}

async function dataApi(
	ctx: SuiteContext,
	method: string,
	requestType: string,
	form: Record<string, string>,
	token: string,
): Promise<unknown> {
	const isGet = method === 'GET' || method === 'DELETE';
	const query = new URLSearchParams({ requestType, ...(isGet ? form : {}) });
	const response = await fetch(`${ctx.sandbox.baseUrl}${DATA_PATH}?${query}`, {
		method,
		headers: {
			authorization: `Bearer ${token}`,
			accept: 'application/json',
			...(isGet ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
		},
		body: isGet ? undefined : new URLSearchParams(form).toString(),
		signal: AbortSignal.timeout(30_000),
	});
	const text = await response.text();
	let body: unknown = JSON.parse(text);
	if (typeof body === 'string') body = JSON.parse(body);
	if (!response.ok)
		throw new Error(`${method} ${requestType}: HTTP ${response.status} ${text.slice(0, 200)}`);
	return body;
}

async function createContact(ctx: SuiteContext, token: string, label: string): Promise<Created> {
	const body = (await dataApi(
		ctx,
		'POST',
		'webcontact',
		{
			CFirst: 'Burst',
			CLast: label,
			CEmail: `burst.${label}@example.com`,
			Source: 'Benchmark burst',
		},
		token,
	)) as { data?: { ClientID?: unknown } };
	const clientId = Number(body.data?.ClientID);
	if (!Number.isInteger(clientId))
		throw new Error(`webcontact ${label}: ${JSON.stringify(body).slice(0, 200)}`);
	return { clientId, at: Date.now() };
}

function reportNode(url: string, idsExpression: string): Record<string, unknown> {
	return n8nNode(
		'Report',
		'n8n-nodes-base.httpRequest',
		4.2,
		{
			method: 'POST',
			url,
			sendBody: true,
			contentType: 'json',
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ ids: ${idsExpression}, executionId: $execution.id }) }}`,
			options: {},
		},
		{ executeOnce: true },
	);
}

export async function burstScenario(ctx: SuiteContext): Promise<ScenarioResult> {
	const { settings } = ctx;
	ctx.reseed();
	const runId = randomUUID().slice(0, 6);
	const collector = new Collector();
	await collector.start();
	const triggerPath = randomUUID();
	const baselinePath = `bench-burst-http-${runId}`;
	const ours = await createWorkflow(ctx.client, 'bench: webhook burst (Wise Agent Trigger)', [
		n8nNode(
			'Wise Agent Trigger',
			`${ctx.packageName}.wiseAgentTrigger`,
			1,
			{ events: ['contactCreate'], includeRecord: true, options: {} },
			{ webhookId: triggerPath, credentials: WISE_AGENT_CREDENTIALS },
		),
		reportNode(collector.url('ours'), '$input.all().map((item) => item.json.resourceId)'),
	]);
	const baseline = await createWorkflow(
		ctx.client,
		'bench: webhook burst (Webhook node baseline)',
		[
			webhookNode(baselinePath, 'onReceived'),
			reportNode(collector.url('baseline'), '$json.body.ResourceIds'),
		],
	);
	const runs: RunSummary[] = [];
	const problems: string[] = [];

	const one = async (side: 'ours' | 'baseline', size: number, rep: number) => {
		const workflow: BenchWorkflow = side === 'ours' ? ours : baseline;
		const tag = side;
		const token = ctx.sandbox.issueToken().accessToken;
		const executionsBefore = (await executionsOf(ctx.client, workflow.id, 1)).count ?? 0;
		const retriesBefore = restRetries.count;
		const emittedBefore = collector.of(tag).length;
		await activate(ctx.client, workflow);
		let webhookId: string | undefined;
		try {
			if (side === 'baseline') {
				const answer = (await dataApi(
					ctx,
					'POST',
					'webhooks',
					{
						EventType: 'contactCreate',
						Url: `${ctx.n8nUrl}/webhook/${baselinePath}`,
						Status: 'Active',
					},
					token,
				)) as { WebhookID?: unknown };
				webhookId = String(answer.WebhookID ?? '');
				if (!webhookId)
					throw new Error(`registering the baseline webhook: ${JSON.stringify(answer)}`);
			}
			const urlPart = side === 'ours' ? `/webhook/${triggerPath}/` : `/webhook/${baselinePath}`;
			const subscribed = [...ctx.sandbox.store.data.webhooks.values()].filter(
				(w) => w.Url.includes(urlPart) && w.Status === 'Active' && w.EventType === 'contactCreate',
			);
			if (subscribed.length !== 1)
				throw new Error(`${subscribed.length} active contactCreate webhooks point at ${urlPart}`);
			const deliveriesBefore = ctx.sandbox.deliveries().length;
			await pause(1_000);

			const concurrency = size > 200 ? 50 : 20;
			const firstCreateAt = Date.now();
			const created = await mapWithConcurrency(
				Array.from({ length: size }, (_, i) => i),
				concurrency,
				(i) => createContact(ctx, token, `${side}-${size}-${rep}-${runId}-${i}`),
			);
			const lastCreateAt = Math.max(...created.map((c) => c.at));
			const expected = new Set(created.map((c) => c.clientId));
			const mine = () => collector.of(tag).slice(emittedBefore);
			let stoppedBecause = 'round limit';
			let allSeenAt: number | undefined;
			for (let round = 0; round < 2_000; round++) {
				await pause(250);
				const now = Date.now();
				const emitted = mine();
				const seen = new Set(emitted.map((e) => e.id));
				const deliveries = ctx.sandbox
					.deliveries()
					.slice(deliveriesBefore)
					.filter((d) => d.url.includes(urlPart));
				const inFlight = deliveries.some((d) => d.finishedAt === null);
				if (allSeenAt === undefined && [...expected].every((id) => seen.has(id))) allSeenAt = now;
				if (allSeenAt !== undefined && now - allSeenAt >= SETTLE_MS) {
					stoppedBecause = 'all seen';
					break;
				}
				const last = Math.max(collector.lastArrival(tag) ?? 0, lastCreateAt);
				if (!inFlight && now - last >= QUIET_MS) {
					// quiet at the collector: done unless n8n is still running executions of this workflow
					const running = (await executionsOf(ctx.client, workflow.id, 100, ['new', 'running']))
						.rows.length;
					if (running === 0) {
						stoppedBecause = `nothing new for ${QUIET_MS / 1000} s`;
						break;
					}
				}
				if (now - lastCreateAt >= LIMIT_AFTER_LAST_CREATE_MS) {
					stoppedBecause = `limit (${LIMIT_AFTER_LAST_CREATE_MS / 1000} s after the last create)`;
					break;
				}
			}
			// executions still running are counted once they have finished (bounded)
			let executions = 0;
			let running = 0;
			for (let i = 0; i < 240; i++) {
				executions =
					((await executionsOf(ctx.client, workflow.id, 1)).count ?? 0) - executionsBefore;
				running = (await executionsOf(ctx.client, workflow.id, 100, ['new', 'running'])).rows
					.length;
				if (running === 0) break;
				await pause(500);
			}
			const failedExecutions = (
				await executionsOf(ctx.client, workflow.id, 100, ['error', 'crashed'])
			).rows.filter((row) => Number(row.id) > 0).length;
			const emitted = mine();
			const counts = new Map<number, number>();
			const firstAt = new Map<number, number>();
			for (const e of emitted) {
				counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
				if (!firstAt.has(e.id)) firstAt.set(e.id, e.at);
			}
			const missing = [...expected].filter((id) => !counts.has(id)).length;
			const duplicates = [...counts].filter(([id, n]) => expected.has(id) && n > 1).length;
			const otherList = [...counts.keys()].filter((id) => !expected.has(id)).sort((a, b) => a - b);
			const others = otherList.length;
			const createdIds = [...expected].sort((a, b) => a - b);
			const lastSeen = Math.max(...emitted.filter((e) => expected.has(e.id)).map((e) => e.at));
			const lastEmission = Math.max(...[...expected].map((id) => firstAt.get(id) ?? -Infinity));
			const deliveries = ctx.sandbox
				.deliveries()
				.slice(deliveriesBefore)
				.filter((d) => d.url.includes(urlPart));
			const failedDeliveries = deliveries.filter(
				(d) =>
					d.error !== null || d.statusCode === null || d.statusCode < 200 || d.statusCode >= 300,
			).length;
			const timeToLastMs =
				Number.isFinite(lastEmission) && missing === 0 ? lastEmission - lastCreateAt : NaN;
			const outcomeOk = missing === 0 && duplicates === 0;
			const summary: RunSummary = {
				variant: `${side}:${size}`,
				rep,
				ok: outcomeOk,
				wallMs: Number.isFinite(timeToLastMs) ? timeToLastMs : NaN,
				size,
				burstMs: lastCreateAt - firstCreateAt,
				executions,
				failedExecutionsTotal: failedExecutions,
				emittedIds: emitted.length,
				distinctExpectedEmitted: expected.size - missing,
				missing,
				duplicates,
				otherIds: others,
				otherIdsSample: otherList.length
					? `${otherList[0]}…${otherList[otherList.length - 1]} (${otherList.length})`
					: undefined,
				createdIds: `${createdIds[0]}…${createdIds[createdIds.length - 1]}`,
				lastEmittedAfterMs: Number.isFinite(lastSeen) ? lastSeen - lastCreateAt : null,
				deliveries: deliveries.length,
				failedDeliveries,
				timeToLastEmissionMs: Number.isFinite(timeToLastMs) ? timeToLastMs : null,
				stoppedBecause,
				outcomeOk,
				n8nRestRetries: restRetries.count - retriesBefore,
				load1: Math.round(os.loadavg()[0] * 100) / 100,
			};
			runs.push(summary);
			const line = `  ${side} ${size} #${rep}: ${size} created in ${((lastCreateAt - firstCreateAt) / 1000).toFixed(2)} s; ${deliveries.length} deliveries (${failedDeliveries} failed), ${executions} executions, emitted ${expected.size - missing}/${size}, ${duplicates} twice, ${missing} missing, ${others} other ids; last emission ${Number.isFinite(timeToLastMs) ? `${(timeToLastMs / 1000).toFixed(2)} s` : 'n/a'} after the last create (${stoppedBecause})`;
			ctx.log(line);
			if (side === 'ours' && !outcomeOk) problems.push(line.trim());
		} finally {
			await deactivate(ctx.client, workflow).catch(() => undefined);
			if (webhookId)
				await dataApi(ctx, 'DELETE', 'webhooks', { WebhookID: webhookId }, token).catch(
					() => undefined,
				);
		}
		await pause(2_000);
	};
	try {
		for (const size of SIZES) {
			ctx.log(`Webhook burst, ${size} contacts:`);
			for (let rep = 1; rep <= settings.reps; rep++) {
				if (rep > 1 && ctx.timeLeft() <= 0) break;
				await one('ours', size, rep);
				await one('baseline', size, rep);
			}
		}
	} finally {
		await collector.stop();
	}

	const variants: ScenarioResult['variants'] = {};
	const ratios: Record<string, number> = {};
	const chart: ScenarioResult['chart'] = [];
	const extra: Record<string, unknown> = {};
	/** "n/a: 7% emitted" when some runs did not emit every contact (no time to the last emission then) */
	const emittedText = (side: string, size: number): string | undefined => {
		const list = runs.filter((run) => run.variant === `${side}:${size}`);
		const incomplete = list.filter((run) => Number(run.missing) > 0);
		if (incomplete.length === 0) return undefined;
		const share =
			list.reduce((n, run) => n + Number(run.distinctExpectedEmitted), 0) / (size * list.length);
		const median = variants[`${side}:${size}`].executionMs.median;
		return `${Number.isFinite(median) ? `${(median / 1000).toFixed(1)} s; ` : 'n/a: '}only ${Math.round(share * 100)}% emitted (${incomplete.length}/${list.length} runs incomplete)`;
	};
	for (const size of SIZES) {
		for (const side of ['ours', 'baseline'] as const) {
			const list = runs.filter((run) => run.variant === `${side}:${size}`);
			const t = summarize(list.map((run) => Number(run.timeToLastEmissionMs ?? NaN)));
			variants[`${side}:${size}`] = {
				label: `${side}:${size}`,
				description:
					side === 'ours'
						? `Wise Agent Trigger (contactCreate, Include Full Record), ${size} creates`
						: `n8n Webhook node subscribed to contactCreate, ${size} creates`,
				runs: list.length,
				executionMs: t,
				wallMs: t,
				nodeMs: summarize([]),
				requests: summarize([]),
			};
			extra[`${side}:${size}`] = {
				executions: summarize(list.map((run) => Number(run.executions))),
				missing: list.reduce((n, run) => n + Number(run.missing), 0),
				duplicates: list.reduce((n, run) => n + Number(run.duplicates), 0),
				failedDeliveries: list.reduce((n, run) => n + Number(run.failedDeliveries), 0),
				burstMs: summarize(list.map((run) => Number(run.burstMs))),
			};
		}
		ratios[String(size)] = ratio(
			variants[`ours:${size}`].executionMs.median,
			variants[`baseline:${size}`].executionMs.median,
		);
		chart.push({
			label: `Webhook burst ${size.toLocaleString('en-US')}: last emission after last create`,
			oursMs: variants[`ours:${size}`].executionMs.median,
			baselineMs: variants[`baseline:${size}`].executionMs.median,
			note: 'ours: Wise Agent Trigger (reads each record); baseline: Webhook node',
			oursText: emittedText('ours', size),
			baselineText: emittedText('baseline', size),
		});
	}
	const baselineLost = runs
		.filter((r) => r.variant.startsWith('baseline:'))
		.reduce((n, r) => n + Number(r.missing) + Number(r.duplicates), 0);
	const checks: Check[] = [
		{
			name: 'ours: every created ClientID emitted exactly once, in every burst',
			ok: problems.length === 0 && runs.some((r) => r.variant.startsWith('ours:')),
			detail: problems.join('; ') || 'ok',
		},
		{
			name: 'baseline: every delivery received once (counted)',
			ok: baselineLost === 0,
			informational: true,
			detail: `${baselineLost} ids missing or twice over all baseline bursts`,
		},
	];
	const targets: BenchResult[] = [
		{
			name: 'Webhook burst 200 / 1,000: bursts with a contact missing or emitted twice (ours)',
			value: problems.length,
			unit: 'runs',
			target: 0,
			better: 'lower',
		},
	];
	for (const size of SIZES) {
		targets.push({
			name: `Webhook burst ${size.toLocaleString('en-US')}: last emission after last create, ours / baseline (informational)`,
			value: ratios[String(size)],
			unit: '×',
			better: 'lower',
		});
	}
	return {
		id: 'burst',
		title: 'Webhook burst',
		setup: [
			`${SIZES.join(' and ')} contacts created with POST webcontact, 20 (200) / 50 (1,000) at a time, ${settings.latencyMs} ms API latency`,
			'ours: Wise Agent Trigger, contactCreate, Include Full Record on (default); baseline: Webhook node + a contactCreate webhook registered at the sandbox',
			'both end with an HTTP Request node (Execute Once) posting the emitted ClientIDs to a collector in the benchmark process; time = collector arrival of the last new ClientID - last create',
		],
		variants,
		ratios,
		extra,
		checks,
		runs,
		targets,
		chart,
	};
}
