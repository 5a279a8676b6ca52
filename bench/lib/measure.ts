/** One measured run of a webhook workflow: idle pause, RSS sampling, sandbox request counts, timings. */
import os from 'node:os';

import type { BenchWorkflow, RunRecord } from './n8n';
import { runWebhookWorkflow } from './n8n';
import type { RunSummary, SuiteContext } from './context';
import { pause } from './context';
import { RssSampler, type RssReading } from './rss';

export interface MeasuredRun {
	summary: RunSummary;
	record: RunRecord;
}

export async function measuredRun(
	ctx: SuiteContext,
	workflow: BenchWorkflow,
	body: unknown,
	measuredNode: string,
	meta: { variant: string; rep: number; warmup?: boolean; idleMs?: number; timeoutMs?: number },
): Promise<MeasuredRun> {
	// let the previous run's work (saving its execution, our REST reads) settle before measuring
	await pause(meta.idleMs ?? 1_500);
	const collected = ctx.forceGc ? await ctx.forceGc() : false;
	if (collected) await pause(500);
	const sampler = new RssSampler(ctx.n8nPid, 50);
	ctx.sandbox.resetCounters();
	let rss: RssReading | undefined;
	let counters = ctx.sandbox.counters();
	const stopProfile = await ctx.cpuProfile?.(
		`${meta.variant}-${meta.rep}${meta.warmup ? '-warmup' : ''}`,
	);
	sampler.start();
	const record = await runWebhookWorkflow(ctx.client, ctx.n8nUrl, workflow, body, measuredNode, {
		timeoutMs: meta.timeoutMs,
		onAnswered: () => {
			rss = sampler.stop();
			counters = ctx.sandbox.counters();
		},
	});
	rss ??= sampler.stop();
	if (stopProfile && !(await stopProfile())) ctx.log('  warning: the CPU profile was not written');
	const summary: RunSummary = {
		variant: meta.variant,
		rep: meta.rep,
		warmup: meta.warmup || undefined,
		ok: record.ok,
		problem: record.problem,
		wallMs: Math.round(record.wallMs),
		executionMs: record.executionMs,
		nodeMs: record.nodeMs,
		executionId: record.executionId,
		requests: counters.total,
		requestsByKey: counters.byKey,
		rss,
		gcBeforeRun: collected,
		load1: Math.round(os.loadavg()[0] * 100) / 100,
	};
	const t = (ms?: number) => (ms === undefined ? '?' : `${(ms / 1000).toFixed(2)} s`);
	ctx.log(
		`  ${meta.warmup ? 'warm-up ' : ''}${meta.variant} #${meta.rep}: execution ${t(record.executionMs)}, node ${t(record.nodeMs)}, wall ${t(record.wallMs)}, ${counters.total} requests, n8n CPU ${t(rss.cpuMs)}, RSS +${rss.growthMb} MB${record.ok ? '' : ` — ${record.problem}`}`,
	);
	return { summary, record };
}
