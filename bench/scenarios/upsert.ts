/**
 * Scenario 2: Contact → Create or Update for 500 items, three times per contact set:
 *   new          500 new emails                       → 500 contacts created
 *   update       the same 500 again, new Company      → all 500 updated, every contact has the new value
 *   rate-limited the same 500, ~10% of API requests answered 429 → still exactly 500 contacts, all with
 *                the newest value, no duplicate email
 * Ours: Wise Agent node (Match By Email) with "Parallel Requests" when the node offers it. Baseline:
 * HTTP Request POST webcontact per item, every request at once (Batching: 500 items per batch, 0 ms).
 * webcontact never updates an existing contact, so the baseline's update runs are reported, not judged.
 */
import { randomUUID } from 'node:crypto';

import type { BenchResult } from '../run';
import type { Check, RunSummary, ScenarioResult, SuiteContext } from '../lib/context';
import { contactsByEmail, summarizeVariant } from '../lib/context';
import { measuredRun } from '../lib/measure';
import {
	activate,
	createWorkflow,
	deactivate,
	findParameter,
	httpFormPostNode,
	type Json,
	n8nNode,
	setParameter,
	splitItemsNode,
	webhookNode,
	WISE_AGENT_CREDENTIALS,
} from '../lib/n8n';
import { ratio } from '../lib/stats';

const ITEMS = 500;
const MEASURED = 'Write';

interface Phase {
	id: 'new' | 'update' | 'rateLimited';
	title: string;
	company: string;
	rateLimited: boolean;
	expectedAction: 'created' | 'updated';
}

const PHASES: Phase[] = [
	{
		id: 'new',
		title: '500 new contacts',
		company: 'Bench new',
		rateLimited: false,
		expectedAction: 'created',
	},
	{
		id: 'update',
		title: 'the same 500 again (all exist)',
		company: 'Bench update',
		rateLimited: false,
		expectedAction: 'updated',
	},
	{
		id: 'rateLimited',
		title: 'the same 500 again, 10% HTTP 429',
		company: 'Bench 429',
		rateLimited: true,
		expectedAction: 'updated',
	},
];

function emailsFor(set: string): string[] {
	return Array.from({ length: ITEMS }, (_, i) => `bench.${set}.${i}@example.com`);
}

function verify(ctx: SuiteContext, emails: string[], company: string) {
	const index = contactsByEmail(ctx.sandbox);
	let present = 0;
	let duplicates = 0;
	let withValue = 0;
	for (const email of emails) {
		const found = index.get(email) ?? [];
		if (found.length > 0) present++;
		if (found.length > 1) duplicates++;
		if (found.length === 1 && found[0].Company === company) withValue++;
	}
	return { present, duplicates, withValue, expected: emails.length };
}

export async function upsertScenario(ctx: SuiteContext): Promise<ScenarioResult> {
	const { settings } = ctx;
	ctx.reseed();
	const runId = randomUUID().slice(0, 6);
	const parallel = findParameter(ctx.nodeProperties as never, 'parallelRequests', {
		resource: 'contact',
		operation: 'upsert',
	});
	const oursParameters: Json = {
		resource: 'contact',
		operation: 'upsert',
		matchBy: 'email',
		firstName: '={{ $json.firstName }}',
		lastName: '={{ $json.lastName }}',
		source: 'Benchmark',
		email: '={{ $json.email }}',
		additionalFields: { company: '={{ $json.company }}' },
	};
	if (parallel) setParameter(oursParameters, parallel.path, settings.parallelRequests);
	const parallelNote = parallel
		? `Parallel Requests = ${settings.parallelRequests} (parameter ${parallel.path}, node default ${JSON.stringify(parallel.default)})`
		: `Parallel Requests: NOT offered by this build of the node for Contact → Create or Update (n8n would drop an undeclared parameter), so ours ran with the node's built-in behaviour`;
	ctx.log(`Create or Update: ${parallelNote}`);

	const ours = await createWorkflow(ctx.client, 'bench: create or update (ours)', [
		webhookNode(`bench-upsert-ours-${runId}`),
		splitItemsNode(),
		n8nNode(MEASURED, `${ctx.packageName}.wiseAgent`, 1, oursParameters, {
			credentials: WISE_AGENT_CREDENTIALS,
		}),
	]);
	const baseline = await createWorkflow(
		ctx.client,
		'bench: create or update (HTTP Request baseline)',
		[
			webhookNode(`bench-upsert-http-${runId}`),
			splitItemsNode(),
			httpFormPostNode(
				MEASURED,
				ctx.sandbox.baseUrl,
				'webcontact',
				[
					{ name: 'CFirst', value: '={{ $json.firstName }}' },
					{ name: 'CLast', value: '={{ $json.lastName }}' },
					{ name: 'CEmail', value: '={{ $json.email }}' },
					{ name: 'Source', value: 'Benchmark' },
					{ name: 'Company', value: '={{ $json.company }}' },
				],
				ITEMS,
			),
		],
	);
	await activate(ctx.client, ours);
	await activate(ctx.client, baseline);

	const runs: RunSummary[] = [];
	const oursProblems: string[] = [];
	const baselineNewProblems: string[] = [];
	const sets = new Map<string, string[]>();
	const one = async (phase: Phase, side: 'ours' | 'baseline', rep: number) => {
		const set = `${side === 'ours' ? 'o' : 'b'}${rep}-${runId}`;
		const emails = sets.get(set) ?? emailsFor(set);
		sets.set(set, emails);
		const body = {
			items: emails.map((email, i) => ({
				firstName: 'Bench',
				lastName: `${set}-${i}`,
				email,
				company: phase.company,
			})),
		};
		const stop = phase.rateLimited
			? ctx.injectRateLimits(settings.rateLimitShare, settings.retryAfterSeconds)
			: undefined;
		let injected: { requests: number; injected: number } | undefined;
		try {
			const variant = `${side}:${phase.id}`;
			const { summary, record } = await measuredRun(
				ctx,
				side === 'ours' ? ours : baseline,
				body,
				MEASURED,
				{
					variant,
					rep,
					timeoutMs: 900_000,
				},
			);
			injected = stop?.();
			const state = verify(ctx, emails, phase.company);
			const actions: Record<string, number> = {};
			for (const item of record.items) {
				const action = String(item.action ?? (item.error ? 'error' : 'none'));
				actions[action] = (actions[action] ?? 0) + 1;
			}
			Object.assign(summary, {
				phase: phase.id,
				contactsPresent: state.present,
				duplicateEmails: state.duplicates,
				contactsWithNewValue: state.withValue,
				outputItems: record.items.length,
				actions: side === 'ours' ? actions : undefined,
				injected429: injected?.injected,
				apiRequestsSeenByInjector: injected?.requests,
			});
			const outcomeOk =
				record.ok &&
				state.present === ITEMS &&
				state.duplicates === 0 &&
				state.withValue === ITEMS &&
				(side === 'baseline' || actions[phase.expectedAction] === ITEMS);
			summary.outcomeOk = outcomeOk;
			const detail = `#${rep} ${phase.id}: ${record.ok ? 'ok' : record.problem}; ${state.present}/${ITEMS} contacts, ${state.duplicates} duplicate emails, ${state.withValue}/${ITEMS} with "${phase.company}"${side === 'ours' ? `, actions ${JSON.stringify(actions)}` : ''}${injected ? `, ${injected.injected} × 429 injected` : ''}`;
			if (side === 'ours' && !outcomeOk) oursProblems.push(detail);
			if (side === 'baseline' && phase.id === 'new' && !outcomeOk) baselineNewProblems.push(detail);
			summary.detail = detail;
			runs.push(summary);
		} finally {
			if (!injected) stop?.();
		}
	};
	try {
		for (const phase of PHASES) {
			ctx.log(`Create or Update, ${phase.title}:`);
			for (let rep = 1; rep <= settings.reps; rep++) {
				// the later phases need the contact sets of the first one
				if (phase.id === 'new' && rep > 1 && ctx.timeLeft() <= 0) break;
				if (phase.id !== 'new' && !sets.has(`o${rep}-${runId}`)) break;
				await one(phase, 'ours', rep);
				await one(phase, 'baseline', rep);
			}
		}
	} finally {
		await deactivate(ctx.client, ours).catch(() => undefined);
		await deactivate(ctx.client, baseline).catch(() => undefined);
	}

	const variants: ScenarioResult['variants'] = {};
	for (const phase of PHASES) {
		variants[`ours:${phase.id}`] = summarizeVariant(
			`ours:${phase.id}`,
			`Wise Agent node, Contact → Create or Update (Match By Email), ${phase.title}; ${parallelNote}`,
			runs,
		);
		variants[`baseline:${phase.id}`] = summarizeVariant(
			`baseline:${phase.id}`,
			`HTTP Request node, POST webcontact per item, Batching ${ITEMS} items per batch / 0 ms (all at once), ${phase.title}`,
			runs,
		);
	}
	const ratios: Record<string, number> = {};
	for (const phase of PHASES) {
		ratios[phase.id] = ratio(
			variants[`ours:${phase.id}`].executionMs.median,
			variants[`baseline:${phase.id}`].executionMs.median,
		);
	}
	const oursRuns = (phase: Phase['id']) => runs.filter((run) => run.variant === `ours:${phase}`);
	const minUpdated = Math.min(
		...oursRuns('update').map((run) => Number(run.contactsWithNewValue ?? 0)),
	);
	const oursDuplicates = runs
		.filter((run) => run.variant.startsWith('ours:'))
		.reduce((n, run) => n + Number(run.duplicateEmails ?? 0), 0);
	const rateLimitedBad = oursRuns('rateLimited').filter((run) => !run.outcomeOk).length;
	const baselineUpdated = runs
		.filter((run) => run.variant === 'baseline:update')
		.map((run) => Number(run.contactsWithNewValue ?? 0));

	const baselineVerdict = (phase: Phase['id']): string | undefined => {
		const list = runs.filter((run) => run.variant === `baseline:${phase}`);
		const median = variants[`baseline:${phase}`].executionMs.median;
		const time = Number.isFinite(median) ? `${(median / 1000).toFixed(2)} s` : 'n/a';
		if (phase === 'update')
			return `${time}, updated ${Math.max(0, ...list.map((r) => Number(r.contactsWithNewValue ?? 0)))} of ${ITEMS}`;
		if (phase === 'rateLimited') {
			const failed = list.filter((r) => !r.ok).length;
			return failed ? `${time}, failed (${failed}/${list.length} runs: HTTP 429)` : time;
		}
		return undefined;
	};
	const checks: Check[] = [
		{
			name: 'ours: every run created / updated all 500, each contact once, with the new value',
			ok: oursProblems.length === 0 && oursRuns('new').length > 0,
			detail:
				oursProblems.join('; ') ||
				`${runs.filter((r) => r.variant.startsWith('ours:')).length} run(s) ok`,
		},
		{
			name: 'baseline (new): 500 contacts created in every run',
			ok: baselineNewProblems.length === 0,
			detail: baselineNewProblems.join('; ') || 'ok',
		},
		{
			name: 'baseline (update): webcontact does not update existing contacts',
			ok: baselineUpdated.every((n) => n === ITEMS),
			informational: true,
			detail: `contacts with the new value per run: ${baselineUpdated.join(', ') || 'n/a'} of ${ITEMS}`,
		},
		{
			name: 'baseline (10% 429): HTTP Request has no retry for a 429 inside one run',
			ok: runs.filter((r) => r.variant === 'baseline:rateLimited').every((r) => r.outcomeOk),
			informational: true,
			detail:
				runs
					.filter((r) => r.variant === 'baseline:rateLimited')
					.map((r) => String(r.detail))
					.join('; ') || 'n/a',
		},
	];
	const targets: BenchResult[] = [
		{
			name: 'Create or Update 500 new: time ours / baseline',
			value: ratios.new,
			unit: '×',
			target: 0.8,
			better: 'lower',
		},
		{
			name: 'Create or Update, 2nd run: contacts updated with the new value (ours, worst run)',
			value: Number.isFinite(minUpdated) ? minUpdated : 0,
			unit: 'contacts',
			target: ITEMS,
			better: 'higher',
		},
		{
			name: 'Create or Update: duplicate emails (ours, every run incl. 10% 429)',
			value: oursDuplicates,
			unit: 'emails',
			target: 0,
			better: 'lower',
		},
		{
			name: 'Create or Update with 10% 429: runs without exactly 500 up-to-date contacts (ours)',
			value: oursRuns('rateLimited').length === 0 ? NaN : rateLimitedBad,
			unit: 'runs',
			target: 0,
			better: 'lower',
		},
		{
			name: 'Create or Update: runs with a wrong result (ours, all phases; baseline new)',
			value: oursProblems.length + baselineNewProblems.length,
			unit: 'runs',
			target: 0,
			better: 'lower',
		},
	];
	return {
		id: 'upsert',
		title: 'Create or Update 500 contacts',
		setup: [
			`${ITEMS} input items (Webhook body → Split Out), Match By Email, Company set per phase`,
			parallelNote,
			`baseline: HTTP Request POST webcontact per item, Options → Batching: ${ITEMS} items per batch, 0 ms interval = every request at once (n8n's default without Batching too)`,
			`rate-limited phase: ${Math.round(settings.rateLimitShare * 100)}% of data-API requests answered HTTP 429 with Retry-After: ${settings.retryAfterSeconds} (seeded random)`,
		],
		variants,
		ratios,
		extra: {
			parallelRequests: parallel
				? { path: parallel.path, value: settings.parallelRequests, nodeDefault: parallel.default }
				: 'not offered by the node',
		},
		checks,
		runs,
		targets,
		chart: PHASES.map((phase) => ({
			label: `Create or Update: ${phase.title}`,
			oursMs: variants[`ours:${phase.id}`].executionMs.median,
			baselineMs: variants[`baseline:${phase.id}`].executionMs.median,
			note:
				phase.id === 'new'
					? parallel
						? `Parallel Requests ${settings.parallelRequests}; baseline: webcontact, all at once`
						: 'Parallel Requests not offered; baseline: webcontact, all at once'
					: phase.id === 'update'
						? 'webcontact never updates an existing contact: baseline for reference only'
						: `${Math.round(settings.rateLimitShare * 100)}% of requests answered 429 (Retry-After ${settings.retryAfterSeconds} s); baseline for reference only`,
			baselineText: baselineVerdict(phase.id),
		})),
	};
}
