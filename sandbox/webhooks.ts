import http from 'node:http';
import https from 'node:https';
import type { WebhookEvent } from './handlers/common';
import type { FaultRegistry } from './faults';
import type { Store } from './store';

export interface WebhookDelivery {
	id: number;
	webhookId: number;
	url: string;
	/** The EventType sent (a documented sub-type such as contactUpdateCategory when one applies). */
	eventType: string;
	body: { EventType: string; EventCreated: string; ResourceIds: Array<number | string> };
	statusCode: number | null;
	error: string | null;
	queuedAt: string;
	startedAt: string | null;
	finishedAt: string | null;
	durationMs: number | null;
}

/**
 * Sends webhook POSTs for API changes and simulated web-app changes. One POST per active webhook
 * whose EventType is the event's base type; no retries and no signature (the docs describe neither).
 */
export class WebhookDispatcher {
	private log: WebhookDelivery[] = [];
	private nextId = 1;
	private waiters: Array<() => void> = [];
	private inFlight = new Set<Promise<void>>();

	constructor(
		private readonly store: Store,
		private readonly faults: FaultRegistry,
		public timeoutMs = 10_000,
		/** The sandbox clock (EventCreated); the log's queuedAt/startedAt/finishedAt use the host clock. */
		private readonly clock: () => number = Date.now,
	) {}

	deliveries(): WebhookDelivery[] {
		return this.log.map((d) => ({ ...d, body: { ...d.body } }));
	}

	clear(): void {
		this.log = [];
	}

	/** Queues one delivery per matching webhook and starts it at once (no queue, no concurrency cap). */
	dispatch(event: WebhookEvent, now = this.clock()): void {
		const eventType = event.subtype ?? event.type;
		const queuedAt = new Date().toISOString();
		for (const hook of this.store.data.webhooks.values()) {
			if (hook.Status !== 'Active' || hook.EventType !== event.type) continue;
			const delivery: WebhookDelivery = {
				id: this.nextId++,
				webhookId: hook.WebhookID,
				url: hook.Url,
				eventType,
				body: {
					EventType: eventType,
					EventCreated: new Date(now).toISOString(),
					ResourceIds: [...event.ids],
				},
				statusCode: null,
				error: null,
				queuedAt,
				startedAt: null,
				finishedAt: null,
				durationMs: null,
			};
			this.log.push(delivery);
			const running = this.send(delivery).finally(() => {
				this.inFlight.delete(running);
				this.notify();
			});
			this.inFlight.add(running);
		}
	}

	/** Resolves once at least `n` deliveries have finished (successfully or not). */
	waitForDeliveries(n: number, timeoutMs = 5000): Promise<WebhookDelivery[]> {
		return new Promise((resolve, reject) => {
			const check = () => {
				const done = this.log.filter((d) => d.finishedAt !== null);
				if (done.length >= n) {
					clearTimeout(timer);
					this.waiters = this.waiters.filter((w) => w !== check);
					resolve(this.deliveries().filter((d) => d.finishedAt !== null));
					return true;
				}
				return false;
			};
			const timer = setTimeout(() => {
				this.waiters = this.waiters.filter((w) => w !== check);
				const done = this.log.filter((d) => d.finishedAt !== null).length;
				reject(
					new Error(
						`Timed out waiting for ${n} webhook deliveries (${done} finished, ${this.log.length} queued)`,
					),
				);
			}, timeoutMs);
			if (!check()) this.waiters.push(check);
		});
	}

	/** Waits for deliveries in progress (used on stop). */
	async idle(): Promise<void> {
		await Promise.allSettled([...this.inFlight]);
	}

	private notify(): void {
		for (const waiter of [...this.waiters]) waiter();
	}

	private async send(delivery: WebhookDelivery): Promise<void> {
		const { delayMs, timeoutMs } = this.faults.forDelivery(delivery.eventType);
		if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
		const started = Date.now();
		delivery.startedAt = new Date(started).toISOString();
		try {
			delivery.statusCode = await post(
				delivery.url,
				JSON.stringify(delivery.body),
				timeoutMs ?? this.timeoutMs,
			);
		} catch (error) {
			delivery.error = error instanceof Error ? error.message : String(error);
		}
		const finished = Date.now();
		delivery.finishedAt = new Date(finished).toISOString();
		delivery.durationMs = finished - started;
	}
}

function post(target: string, body: string, timeoutMs: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const url = new URL(target);
		const transport = url.protocol === 'https:' ? https : http;
		const req = transport.request(
			url,
			{
				method: 'POST',
				agent: false,
				headers: {
					'Content-Type': 'application/json',
					'Content-Length': Buffer.byteLength(body),
					'User-Agent': 'WiseAgentSandbox-Webhooks',
				},
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
				res.on('error', reject);
			},
		);
		req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
		req.on('error', reject);
		req.end(body);
	});
}
