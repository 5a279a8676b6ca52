/**
 * Scenario 3: Note → Create for 500 items (one note for each of 500 existing contacts). Ours: Wise
 * Agent node (with "Parallel Requests" when the node offers it for notes). Baseline: HTTP Request
 * POST addContactNote per item, every request at once (Batching 500 / 0 ms). Checked: exactly one
 * new note per contact, 500 in all, in every run.
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

export async function notesScenario(ctx: SuiteContext): Promise<ScenarioResult> {
	const { settings } = ctx;
	ctx.reseed();
	const runId = randomUUID().slice(0, 6);
	const clientIds = [...ctx.sandbox.store.data.contacts.keys()].slice(0, ITEMS);
	if (clientIds.length < ITEMS)
		throw new Error(`the account has only ${clientIds.length} contacts`);
	const parallel = findParameter(ctx.nodeProperties as never, 'parallelRequests', {
		resource: 'note',
		operation: 'create',
	});
	const oursParameters: Json = {
		resource: 'note',
		operation: 'create',
		contactId: { __rl: true, mode: 'id', value: '={{ String($json.clientId) }}' },
		subject: '={{ $json.subject }}',
		note: '={{ $json.note }}',
		additionalFields: {},
	};
	if (parallel) setParameter(oursParameters, parallel.path, settings.parallelRequests);
	const parallelNote = parallel
		? `Parallel Requests = ${settings.parallelRequests} (parameter ${parallel.path})`
		: 'Parallel Requests: not offered by this build of the node for Note → Create (ran with its built-in behaviour)';
	ctx.log(`Note create: ${parallelNote}`);

	const ours = await createWorkflow(ctx.client, 'bench: note create (ours)', [
		webhookNode(`bench-notes-ours-${runId}`),
		splitItemsNode(),
		n8nNode(MEASURED, `${ctx.packageName}.wiseAgent`, 1, oursParameters, {
			credentials: WISE_AGENT_CREDENTIALS,
		}),
	]);
	const baseline = await createWorkflow(ctx.client, 'bench: note create (HTTP Request baseline)', [
		webhookNode(`bench-notes-http-${runId}`),
		splitItemsNode(),
		httpFormPostNode(
			MEASURED,
			ctx.sandbox.baseUrl,
			'addContactNote',
			[
				{ name: 'clientids', value: '={{ String($json.clientId) }}' },
				{ name: 'subject', value: '={{ $json.subject }}' },
				{ name: 'note', value: '={{ $json.note }}' },
			],
			ITEMS,
		),
	]);
	await activate(ctx.client, ours);
	await activate(ctx.client, baseline);

	const runs: RunSummary[] = [];
	const problems: string[] = [];
	const one = async (side: 'ours' | 'baseline', rep: number) => {
		const subject = `bench ${side} ${rep} ${runId}`;
		const body = {
			items: clientIds.map((clientId, i) => ({
				clientId,
				subject,
				note: `Benchmark note ${i} (${subject})`,
			})),
		};
		const { summary, record } = await measuredRun(
			ctx,
			side === 'ours' ? ours : baseline,
			body,
			MEASURED,
			{ variant: side, rep },
		);
		const perClient = new Map<number, number>();
		for (const note of ctx.sandbox.store.data.notes.values()) {
			if (note.Subject === subject)
				perClient.set(note.ownerId, (perClient.get(note.ownerId) ?? 0) + 1);
		}
		const total = [...perClient.values()].reduce((a, b) => a + b, 0);
		const twice = [...perClient.values()].filter((n) => n > 1).length;
		const missing = clientIds.filter((id) => !perClient.has(id)).length;
		const outcomeOk = record.ok && total === ITEMS && twice === 0 && missing === 0;
		Object.assign(summary, {
			notesCreated: total,
			contactsWithTwoNotes: twice,
			contactsWithoutNote: missing,
			outcomeOk,
		});
		if (!outcomeOk)
			problems.push(
				`${side} #${rep}: ${record.ok ? 'ok' : record.problem}; ${total} notes, ${missing} contacts without, ${twice} with two`,
			);
		runs.push(summary);
	};
	try {
		for (let rep = 1; rep <= settings.reps; rep++) {
			if (rep > 1 && ctx.timeLeft() <= 0) break;
			await one('ours', rep);
			await one('baseline', rep);
		}
	} finally {
		await deactivate(ctx.client, ours).catch(() => undefined);
		await deactivate(ctx.client, baseline).catch(() => undefined);
	}
	const variants = {
		ours: summarizeVariant(
			'ours',
			`Wise Agent node, Note → Create, one contact per item; ${parallelNote}`,
			runs,
		),
		baseline: summarizeVariant(
			'baseline',
			`HTTP Request node, POST addContactNote per item, Batching ${ITEMS} / 0 ms (all at once)`,
			runs,
		),
	};
	const ratios = {
		time: ratio(variants.ours.executionMs.median, variants.baseline.executionMs.median),
	};
	const checks: Check[] = [
		{
			name: 'every run (ours and baseline) added exactly one note to each of the 500 contacts',
			ok: problems.length === 0 && runs.length > 0,
			detail: problems.join('; ') || `${runs.length} run(s) ok`,
		},
	];
	const targets: BenchResult[] = [
		{
			name: 'Note create 500: time ours / baseline (informational)',
			value: ratios.time,
			unit: '×',
			better: 'lower',
		},
		{
			name: 'Note create 500: runs with a wrong result (ours and baseline)',
			value: problems.length,
			unit: 'runs',
			target: 0,
			better: 'lower',
		},
	];
	return {
		id: 'notes',
		title: 'Note create 500',
		setup: [
			`${ITEMS} input items (Webhook body → Split Out), one existing contact each`,
			parallelNote,
			`baseline: HTTP Request POST addContactNote per item, Batching ${ITEMS} / 0 ms`,
		],
		variants,
		ratios,
		extra: {
			parallelRequests: parallel
				? { path: parallel.path, value: settings.parallelRequests }
				: 'not offered by the node',
		},
		checks,
		runs,
		targets,
		chart: [
			{
				label: 'Note create: 500 items',
				oursMs: variants.ours.executionMs.median,
				baselineMs: variants.baseline.executionMs.median,
				note: parallel
					? `Parallel Requests ${settings.parallelRequests}; baseline all at once`
					: 'Parallel Requests not offered; baseline all at once',
			},
		],
	};
}
