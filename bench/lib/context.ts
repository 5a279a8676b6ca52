/** What every scenario of the real-n8n suite gets, and what it hands back. */
import type { Sandbox } from '../../sandbox';
import { mulberry32 } from '../../sandbox';
import type { N8nClient } from '../../scripts/lib/n8n-api';
import type { BenchResult } from '../run';
import type { ChartGroup } from './chart';
import type { RssReading } from './rss';
import { summarize, type Summary } from './stats';

export interface SuiteSettings {
	/** runs per variant (interleaved A B A B ...) */
	reps: number;
	/** API latency of the sandbox for the measured runs, ms */
	latencyMs: number;
	/** the value the benchmark gives the node's "Parallel Requests" option (when the node has it) */
	parallelRequests: number;
	/** share of data-API requests answered 429 in the rate-limit runs */
	rateLimitShare: number;
	/** Retry-After (seconds) sent with the injected 429s */
	retryAfterSeconds: number;
	/** contacts in the account for every scenario */
	contacts: number;
	seed: number;
}

export interface SuiteContext {
	client: N8nClient;
	n8nUrl: string;
	n8nPid: number;
	sandbox: Sandbox;
	packageName: string;
	/** the Wise Agent node's properties as n8n loaded them (`/types/nodes.json`) */
	nodeProperties: Array<{ name: string; [key: string]: unknown }>;
	settings: SuiteSettings;
	/** page concurrency of Return All, read from nodes/WiseAgent/transport at run time */
	pageConcurrency: { value: number; source: string };
	pageSize: number;
	log(message: string): void;
	/** ms left before the suite's time limit */
	timeLeft(): number;
	/** sets the sandbox's API latency (a `latency` fault on the data API; 0 removes it) */
	setLatency(ms: number): void;
	/** re-seeds the account (clears faults, counters, deliveries) and puts the latency back */
	reseed(): void;
	/** full GC in n8n before a measured run (undefined: not available / turned off) */
	forceGc?: () => Promise<boolean>;
	/** BENCH_CPU_PROFILE_DIR set: a CPU profile of n8n per measured run; stop() writes it */
	cpuProfile?: (label: string) => Promise<() => Promise<boolean>>;
	/** answers about `share` of data-API requests with 429 until the returned stop() */
	injectRateLimits(
		share: number,
		retryAfterSeconds: number,
	): () => { requests: number; injected: number };
}

export interface RunSummary {
	variant: string;
	rep: number;
	/** warm-up runs are recorded but not counted */
	warmup?: boolean;
	ok: boolean;
	problem?: string;
	wallMs: number;
	executionMs?: number;
	nodeMs?: number;
	requests?: number;
	requestsByKey?: Record<string, number>;
	rss?: RssReading;
	/** 1-minute load average of the machine when the run ended */
	load1?: number;
	/** scenario-specific figures and checks */
	[key: string]: unknown;
}

export interface VariantSummary {
	label: string;
	description: string;
	runs: number;
	executionMs: Summary;
	wallMs: Summary;
	nodeMs: Summary;
	requests: Summary;
	rssGrowthMb?: Summary;
	/** CPU time of n8n's main process during the run, ms */
	n8nCpuMs?: Summary;
}

export interface Check {
	name: string;
	ok: boolean;
	detail: string;
	/** a check on the baseline that the baseline cannot pass by design: reported, never fails the run */
	informational?: boolean;
}

export interface ScenarioResult {
	id: string;
	title: string;
	setup: string[];
	variants: Record<string, VariantSummary>;
	ratios: Record<string, number>;
	extra?: Record<string, unknown>;
	checks: Check[];
	runs: RunSummary[];
	targets: BenchResult[];
	chart: ChartGroup[];
}

export function summarizeVariant(
	label: string,
	description: string,
	runs: RunSummary[],
): VariantSummary {
	const counted = runs.filter((run) => run.variant === label && !run.warmup);
	const rss = counted
		.map((run) => run.rss?.growthMb)
		.filter((v): v is number => typeof v === 'number');
	return {
		label,
		description,
		runs: counted.length,
		executionMs: summarize(counted.map((run) => run.executionMs ?? NaN)),
		wallMs: summarize(counted.map((run) => run.wallMs)),
		nodeMs: summarize(counted.map((run) => run.nodeMs ?? NaN)),
		requests: summarize(counted.map((run) => run.requests ?? NaN)),
		rssGrowthMb: rss.length ? summarize(rss) : undefined,
		n8nCpuMs: summarize(counted.map((run) => run.rss?.cpuMs ?? NaN)),
	};
}

/** Wraps the sandbox's fault registry: after the normal faults, ~share of data-API requests get a 429. */
export function installRateLimits(
	sandbox: Sandbox,
	share: number,
	retryAfterSeconds: number,
	seed: number,
): () => { requests: number; injected: number } {
	const registry = sandbox.faultRegistry;
	const original = registry.forRequest.bind(registry);
	const random = mulberry32(seed);
	let requests = 0;
	let injected = 0;
	registry.forRequest = (target, method, requestType) => {
		const out = original(target, method, requestType);
		if (target === 'api') {
			requests++;
			if (!out.drop && !out.status && random() < share) {
				out.status = { status: 429, retryAfter: retryAfterSeconds };
				injected++;
			}
		}
		return out;
	};
	return () => {
		// the instance property shadows the prototype method; removing it restores the original
		delete (registry as { forRequest?: unknown }).forRequest;
		return { requests, injected };
	};
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Lower-cased email → contacts with it, over the whole account. */
export function contactsByEmail(
	sandbox: Sandbox,
): Map<string, Array<{ ClientID: number; Company: string }>> {
	const index = new Map<string, Array<{ ClientID: number; Company: string }>>();
	for (const contact of sandbox.store.data.contacts.values()) {
		const key = String(contact.CEmail ?? '')
			.trim()
			.toLowerCase();
		if (!key) continue;
		const list = index.get(key) ?? [];
		list.push({ ClientID: contact.ClientID, Company: String(contact.Company ?? '') });
		index.set(key, list);
	}
	return index;
}
