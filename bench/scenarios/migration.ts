/**
 * Scenario 5: the Lofty → Wise Agent migration template (templates/lofty-to-wise-agent.json) as a
 * user runs it, at the sandbox's 50 ms latency: a Lofty fake (peers/lofty) seeded with 2,000 leads
 * with 3 notes each (BENCH_MIGRATION_LEADS), the template imported as it is (its Settings pointed
 * at the fake, its Parallel Requests as shipped), run from its Manual Trigger twice: the first run
 * migrates everything, the second (a resumed or repeated migration) finds every contact and note
 * already there. Reports records (contacts + notes) per second for both; checks each lead arrived
 * once with its mapped fields and notes (the e2e case's check). No baseline: n8n has no Lofty node.
 */
import type { BenchResult } from '../run';
import type { Check, RunSummary, ScenarioResult, SuiteContext } from '../lib/context';
import { executionDetail, executionsOf, FINISHED } from '../lib/n8n';
import { pause } from '../lib/context';
import { round } from '../lib/stats';
import * as lofty from '../../peers/lofty';
import { checkLoftyMigration } from '../../scripts/e2e/cases/templatesLoftyWealthbox';
import { SandboxAdmin } from '../../scripts/e2e/harness';
import { loftyMigrationWorkflow } from '../../scripts/e2e/templateKit';

const TRIGGER = 'Start migration';

function leadsFromEnv(): number {
	const raw = process.env.BENCH_MIGRATION_LEADS;
	const value = raw ? Number(raw) : 2_000;
	if (!Number.isInteger(value) || value < 10 || value > 20_000)
		throw new Error(`BENCH_MIGRATION_LEADS=${raw} is not a whole number from 10 to 20,000`);
	return value;
}

/** Runs the workflow from its Manual Trigger and waits (bounded) for the execution to end. */
async function runToEnd(ctx: SuiteContext, workflowId: string, timeoutMs: number) {
	const started = Date.now();
	const { executionId } = await ctx.client.request<{ executionId?: string }>(
		'POST',
		`/rest/workflows/${encodeURIComponent(workflowId)}/run`,
		{ triggerToStartFrom: { name: TRIGGER } },
	);
	if (!executionId) throw new Error(`"${TRIGGER}" did not start an execution`);
	while (Date.now() - started < timeoutMs) {
		await pause(1_000);
		const { rows } = await executionsOf(ctx.client, workflowId, 5);
		const row = rows.find((entry) => String(entry.id) === String(executionId));
		if (row && FINISHED.includes(row.status)) {
			const detail = await executionDetail(ctx.client, executionId);
			const ms =
				detail.startedAt && detail.stoppedAt
					? Date.parse(detail.stoppedAt) - Date.parse(detail.startedAt)
					: Date.now() - started;
			return { executionId, status: detail.status, ms, error: detail.error };
		}
	}
	throw new Error(`execution ${executionId} did not end within ${timeoutMs / 60_000} min`);
}

export async function migrationScenario(ctx: SuiteContext): Promise<ScenarioResult> {
	const leads = leadsFromEnv();
	ctx.reseed();
	const fake = await lofty.start({
		port: Number(process.env.BENCH_LOFTY_PORT || 4731),
		host: '127.0.0.1',
		seed: { leads, notesPerLead: 3, systemNotesPerLead: 1 },
	});
	const runs: RunSummary[] = [];
	const problems: string[] = [];
	const perSecond: Record<string, number> = {};
	let workflowId: string | undefined;
	try {
		const workflow = await loftyMigrationWorkflow(ctx, fake, `bench: Lofty fake ${Date.now()}`);
		const created = await ctx.client.createWorkflow({
			...workflow,
			name: `bench: ${String(workflow.name)}`,
		});
		workflowId = created.id;
		const sandboxAdmin = new SandboxAdmin(ctx.sandbox.baseUrl);
		for (const phase of ['first', 'again'] as const) {
			ctx.sandbox.resetCounters();
			const run = await runToEnd(ctx, created.id, 30 * 60_000);
			const requests = ctx.sandbox.counters().total;
			let records = 0;
			let outcomeOk = run.status === 'success';
			let detail = `${phase} run: ${run.status}${run.error ? ` (${run.error})` : ''}`;
			try {
				const { contacts, notes } = checkLoftyMigration(
					fake,
					await sandboxAdmin.state(),
					`${phase} run`,
				);
				records = contacts + notes;
				detail += `; ${contacts} contacts and ${notes} notes, each once`;
			} catch (error) {
				outcomeOk = false;
				detail += `; ${(error as Error).message.slice(0, 600)}`;
			}
			perSecond[phase] = round(records / (run.ms / 1000), 1);
			ctx.log(
				`  migration ${phase}: ${(run.ms / 1000).toFixed(1)} s, ${requests} Wise Agent requests, ${perSecond[phase]} records/s — ${detail}`,
			);
			if (!outcomeOk) problems.push(detail);
			runs.push({
				variant: `ours:${phase}`,
				rep: 1,
				ok: run.status === 'success',
				wallMs: run.ms,
				executionMs: run.ms,
				executionId: run.executionId,
				requests,
				outcomeOk,
				detail,
			} as RunSummary);
		}
	} finally {
		if (workflowId)
			await ctx.client.request('DELETE', `/rest/workflows/${workflowId}`).catch(() => undefined);
		await fake.stop();
	}
	const records = leads * 4;
	const checks: Check[] = [
		{
			name: `both runs: every Lofty lead once in Wise Agent, with its mapped fields and its 3 notes once`,
			ok: problems.length === 0 && runs.length === 2,
			detail: problems.join('; ') || runs.map((run) => String(run.detail)).join('; '),
		},
	];
	const targets: BenchResult[] = [
		{
			name: `Lofty migration, ${leads.toLocaleString('en-US')} leads + ${(leads * 3).toLocaleString('en-US')} notes, first run (informational)`,
			value: perSecond.first ?? NaN,
			unit: 'records/s',
			better: 'higher',
		},
		{
			name: 'Lofty migration, run again: every record found, nothing copied (informational)',
			value: perSecond.again ?? NaN,
			unit: 'records/s',
			better: 'higher',
		},
		{
			name: 'Lofty migration: runs with a missing, doubled or wrong record',
			value: problems.length,
			unit: 'runs',
			target: 0,
			better: 'lower',
		},
	];
	return {
		id: 'migration',
		title: `Lofty → Wise Agent migration template, ${leads} leads × 3 notes`,
		setup: [
			`templates/lofty-to-wise-agent.json imported as it is; Lofty fake (peers/lofty) with ${leads} leads, 3 notes and 1 system note each`,
			`${ctx.settings.latencyMs} ms per Wise Agent request; the template's own Parallel Requests`,
			`about ${records} records (contacts + notes); run twice`,
		],
		variants: {},
		ratios: {},
		extra: { leads, recordsPerSecond: perSecond },
		checks,
		runs,
		targets,
		chart: [],
	};
}
