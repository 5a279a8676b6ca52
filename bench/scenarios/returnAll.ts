/**
 * Scenario 1: Return All 10,000 contacts. Ours: Wise Agent → Contact → Get Many, Return All (raw
 * records: Simplify off, like the baseline). Baseline: HTTP Request GET getContacts with n8n's
 * pagination (page = $pageCount + 1, page_size 100, complete on a short or empty page) and the same
 * OAuth2 credential. Ours also runs with 0 ms latency for the floor:
 *   floor = (0 ms run) + ceil(pages / page concurrency) × latency.
 * Peak RSS of the n8n process (growth over the idle RSS just before the run) for ours vs baseline.
 */
import { randomUUID } from 'node:crypto';

import type { BenchResult } from '../run';
import type { Check, RunSummary, ScenarioResult, SuiteContext } from '../lib/context';
import { summarizeVariant } from '../lib/context';
import { measuredRun } from '../lib/measure';
import {
	activate,
	createWorkflow,
	deactivate,
	n8nNode,
	webhookNode,
	WISE_AGENT_CREDENTIALS,
	type Json,
} from '../lib/n8n';
import { ratio, round } from '../lib/stats';

const OURS = 'ours';
const BASELINE = 'baseline';
const OURS_FLOOR = 'ours-0ms';
const MEASURED = 'Read';

function checkItems(
	items: Json[],
	expected: Set<number>,
): { ok: boolean; detail: string; distinct: number } {
	const ids = items.map((item) => Number(item.ClientID));
	const distinct = new Set(ids);
	const unknown = [...distinct].filter((id) => !expected.has(id)).length;
	const ok = items.length === expected.size && distinct.size === expected.size && unknown === 0;
	return {
		ok,
		distinct: distinct.size,
		detail: `${items.length} items, ${distinct.size} distinct ClientIDs, ${unknown} not in the account (expected ${expected.size})`,
	};
}

export async function returnAllScenario(ctx: SuiteContext): Promise<ScenarioResult> {
	const { settings } = ctx;
	ctx.reseed();
	const contacts = ctx.sandbox.store.data.contacts;
	const expected = new Set([...contacts.keys()]);
	const pages = Math.ceil(expected.size / ctx.pageSize);
	const base = ctx.sandbox.baseUrl;

	const ours = await createWorkflow(ctx.client, `bench: return all (ours)`, [
		webhookNode(`bench-return-all-ours-${randomUUID().slice(0, 8)}`),
		n8nNode(
			MEASURED,
			`${ctx.packageName}.wiseAgent`,
			1,
			{ resource: 'contact', operation: 'getAll', returnAll: true, simplify: false },
			{ credentials: WISE_AGENT_CREDENTIALS },
		),
	]);
	const baseline = await createWorkflow(ctx.client, `bench: return all (HTTP Request baseline)`, [
		webhookNode(`bench-return-all-http-${randomUUID().slice(0, 8)}`),
		n8nNode(
			MEASURED,
			'n8n-nodes-base.httpRequest',
			4.2,
			{
				method: 'GET',
				url: `${base}/http/webconnect.asp`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'wiseAgentOAuth2Api',
				sendQuery: true,
				specifyQuery: 'keypair',
				queryParameters: {
					parameters: [
						{ name: 'requestType', value: 'getContacts' },
						{ name: 'page_size', value: String(ctx.pageSize) },
					],
				},
				options: {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: {
								parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }],
							},
							paginationCompleteWhen: 'other',
							completeExpression: `={{ !Array.isArray($response.body) || $response.body.length < ${ctx.pageSize} }}`,
							limitPagesFetched: true,
							maxRequests: 1000,
						},
					},
					response: { response: { responseFormat: 'json' } },
				},
			},
			{ credentials: WISE_AGENT_CREDENTIALS },
		),
	]);
	await activate(ctx.client, ours);
	await activate(ctx.client, baseline);

	const runs: RunSummary[] = [];
	const checks: Check[] = [];
	const bad: Record<string, string[]> = { [OURS]: [], [BASELINE]: [], [OURS_FLOOR]: [] };
	const one = async (variant: string, rep: number, warmup = false) => {
		const workflow = variant === BASELINE ? baseline : ours;
		ctx.setLatency(variant === OURS_FLOOR ? 0 : settings.latencyMs);
		const { summary, record } = await measuredRun(ctx, workflow, {}, MEASURED, {
			variant,
			rep,
			warmup,
			idleMs: 2_500,
		});
		const items = checkItems(record.items, expected);
		summary.items = record.items.length;
		summary.distinctIds = items.distinct;
		summary.outcomeOk = record.ok && items.ok;
		if (!warmup && !summary.outcomeOk)
			bad[variant].push(`#${rep}: ${record.problem ?? items.detail}`);
		runs.push(summary);
	};
	try {
		ctx.log(
			`Return All ${expected.size.toLocaleString('en-US')} contacts: ${pages} pages of ${ctx.pageSize}, page concurrency ${ctx.pageConcurrency.value} (${ctx.pageConcurrency.source})`,
		);
		await one(OURS, 0, true);
		await one(BASELINE, 0, true);
		for (let rep = 1; rep <= settings.reps && ctx.timeLeft() > 0; rep++) {
			await one(OURS, rep);
			await one(BASELINE, rep);
			await one(OURS_FLOOR, rep);
		}
	} finally {
		ctx.setLatency(settings.latencyMs);
		await deactivate(ctx.client, ours).catch(() => undefined);
		await deactivate(ctx.client, baseline).catch(() => undefined);
	}

	const variants: ScenarioResult['variants'] = {
		[OURS]: summarizeVariant(
			OURS,
			`Wise Agent node, Contact → Get Many, Return All, Simplify off; ${settings.latencyMs} ms API latency`,
			runs,
		),
		[BASELINE]: summarizeVariant(
			BASELINE,
			`HTTP Request node, GET getContacts, n8n pagination (page = $pageCount + 1, page_size ${ctx.pageSize}, complete on a page shorter than ${ctx.pageSize}); ${settings.latencyMs} ms API latency`,
			runs,
		),
		[OURS_FLOOR]: summarizeVariant(
			OURS_FLOOR,
			'Wise Agent node as "ours", 0 ms API latency (for the floor)',
			runs,
		),
	};
	const oursMs = variants[OURS].executionMs.median;
	const baselineMs = variants[BASELINE].executionMs.median;
	const floorMs =
		variants[OURS_FLOOR].executionMs.median +
		Math.ceil(pages / ctx.pageConcurrency.value) * settings.latencyMs;
	const rssOurs = variants[OURS].rssGrowthMb?.median ?? NaN;
	const rssBaseline = variants[BASELINE].rssGrowthMb?.median ?? NaN;
	const ratios = {
		time: ratio(oursMs, baselineMs),
		floor: ratio(oursMs, floorMs),
		rssGrowth: ratio(rssOurs, rssBaseline),
	};

	for (const variant of [OURS, BASELINE, OURS_FLOOR]) {
		checks.push({
			name: `${variant}: every run returned exactly the ${expected.size.toLocaleString('en-US')} contacts (no duplicates, none missing)`,
			ok: bad[variant].length === 0 && variants[variant].runs > 0,
			detail: bad[variant].length ? bad[variant].join('; ') : `${variants[variant].runs} run(s) ok`,
		});
	}
	const label = `Return All ${expected.size.toLocaleString('en-US')} contacts`;
	const failedRuns = Object.values(bad).reduce((n, list) => n + list.length, 0);
	const targets: BenchResult[] = [
		{
			name: `${label}: time ours / baseline`,
			value: ratios.time,
			unit: '×',
			target: 0.25,
			better: 'lower',
		},
		{
			name: `${label}: time ours / floor (${round(floorMs)} ms)`,
			value: ratios.floor,
			unit: '×',
			target: 1.3,
			better: 'lower',
		},
		{
			name: `${label}: peak RSS growth ours / baseline (${rssOurs} MB / ${rssBaseline} MB)`,
			value: ratios.rssGrowth,
			unit: '×',
			target: 1.1,
			better: 'lower',
		},
		{
			name: `${label}: runs with a wrong result (all variants)`,
			value: failedRuns,
			unit: 'runs',
			target: 0,
			better: 'lower',
		},
	];
	return {
		id: 'returnAll',
		title: label,
		setup: [
			`${expected.size} seeded contacts, ${pages} pages of ${ctx.pageSize}`,
			`page concurrency ${ctx.pageConcurrency.value} (${ctx.pageConcurrency.source})`,
			`floor = median(ours at 0 ms) + ceil(${pages} / ${ctx.pageConcurrency.value}) × ${settings.latencyMs} ms = ${round(floorMs)} ms`,
			'time = n8n execution record (stoppedAt - startedAt); RSS = n8n main process, VmRSS sampled every 50 ms and VmHWM, growth over the idle RSS before the run',
		],
		variants,
		ratios,
		extra: { pages, floorMs: round(floorMs), pageConcurrency: ctx.pageConcurrency },
		checks,
		runs,
		targets,
		chart: [
			{
				label,
				oursMs,
				baselineMs,
				note: `floor ${(floorMs / 1000).toFixed(2)} s · RSS +${rssOurs} MB vs +${rssBaseline} MB`,
			},
		],
	};
}
