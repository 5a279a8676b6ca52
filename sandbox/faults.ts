import { randomUUID } from 'node:crypto';

/**
 * Fault injection. A fault matches requests (by target, method and requestType; all optional) and
 * applies until removed, or for the next `count` matching requests; `every: N` applies it to every
 * Nth matching request only.
 *
 * - latency:           wait `latencyMs`, or a random time in [minMs, maxMs], then answer normally
 * - status:            answer `status` (429, 500, 502, 503, 504, ...) with optional `retryAfter` and `body`
 * - drop:              destroy the socket without any response
 * - expireToken:       after `afterRequests` matching requests, expire every access token (the next one gets 401)
 * - stringWrappedJson: send bodies the docs print in quotes as a JSON string that contains JSON
 * - webhookDelay:      wait `delayMs` before each matching webhook delivery (`eventType` filter)
 * - webhookTimeout:    give up on a matching delivery after `timeoutMs`
 */
export type FaultKind =
	| 'latency'
	| 'status'
	| 'drop'
	| 'expireToken'
	| 'stringWrappedJson'
	| 'webhookDelay'
	| 'webhookTimeout';

export interface FaultSpec {
	kind: FaultKind;
	/** 'api' (default): /http/webconnect.asp; 'oauth': /WiseAuth/*; 'any': both. */
	target?: 'api' | 'oauth' | 'any';
	method?: string;
	requestType?: string;
	/** Only the next N matching requests (deliveries for webhook faults). */
	count?: number;
	/** Only every Nth matching request (e.g. 10: a tenth of them, deterministically). */
	every?: number;
	latencyMs?: number;
	minMs?: number;
	maxMs?: number;
	status?: number;
	retryAfter?: number | string;
	body?: string;
	afterRequests?: number;
	eventType?: string;
	delayMs?: number;
	timeoutMs?: number;
}

export interface Fault extends FaultSpec {
	id: string;
	/** Requests (or deliveries) this fault has applied to. */
	hits: number;
	/** expireToken: matching requests seen so far. */
	seen: number;
}

export interface RequestFaults {
	delayMs: number;
	drop: boolean;
	status?: { status: number; retryAfter?: number | string; body?: string };
	stringWrappedJson: boolean;
	expireTokens: boolean;
}

const KINDS: FaultKind[] = [
	'latency',
	'status',
	'drop',
	'expireToken',
	'stringWrappedJson',
	'webhookDelay',
	'webhookTimeout',
];

export function validateFault(spec: unknown): string | FaultSpec {
	if (typeof spec !== 'object' || spec === null) return 'fault must be an object';
	const f = spec as FaultSpec;
	if (!KINDS.includes(f.kind)) return `kind must be one of ${KINDS.join(', ')}`;
	if (f.kind === 'status' && !(Number.isInteger(f.status) && f.status! >= 400 && f.status! <= 599))
		return 'status fault needs status 400-599';
	if (f.kind === 'expireToken' && !(Number.isInteger(f.afterRequests) && f.afterRequests! >= 0))
		return 'expireToken fault needs afterRequests >= 0';
	if (f.count !== undefined && !(Number.isInteger(f.count) && f.count > 0))
		return 'count must be a positive integer';
	if (f.every !== undefined && !(Number.isInteger(f.every) && f.every > 0))
		return 'every must be a positive integer';
	if (f.every !== undefined && f.kind === 'expireToken')
		return 'every does not apply to expireToken';
	return f;
}

export class FaultRegistry {
	private faults: Fault[] = [];

	add(spec: FaultSpec): string {
		const checked = validateFault(spec);
		if (typeof checked === 'string') throw new Error(checked);
		const fault: Fault = { ...checked, id: randomUUID(), hits: 0, seen: 0 };
		this.faults.push(fault);
		return fault.id;
	}

	remove(id: string): boolean {
		const before = this.faults.length;
		this.faults = this.faults.filter((f) => f.id !== id);
		return this.faults.length !== before;
	}

	clear(): void {
		this.faults = [];
	}

	list(): Fault[] {
		return this.faults.map((f) => ({ ...f }));
	}

	private use(fault: Fault): void {
		fault.hits++;
		if (fault.count !== undefined && fault.hits >= fault.count) this.remove(fault.id);
	}

	/** Decides what happens to one request and consumes limited faults. */
	forRequest(target: 'api' | 'oauth', method: string, requestType: string): RequestFaults {
		const out: RequestFaults = {
			delayMs: 0,
			drop: false,
			stringWrappedJson: false,
			expireTokens: false,
		};
		for (const fault of [...this.faults]) {
			if (fault.kind.startsWith('webhook')) continue;
			const faultTarget = fault.target ?? 'api';
			if (faultTarget !== 'any' && faultTarget !== target) continue;
			if (fault.method && fault.method.toUpperCase() !== method) continue;
			if (fault.requestType && fault.requestType !== requestType) continue;
			if (fault.every !== undefined && ++fault.seen % fault.every !== 0) continue;
			switch (fault.kind) {
				case 'latency': {
					const min = fault.minMs ?? fault.latencyMs ?? 0;
					const max = fault.maxMs ?? min;
					out.delayMs += min + Math.random() * Math.max(0, max - min);
					this.use(fault);
					break;
				}
				case 'status':
					// The first terminal fault wins; later ones are not consumed.
					if (out.drop || out.status) break;
					out.status = { status: fault.status!, retryAfter: fault.retryAfter, body: fault.body };
					this.use(fault);
					break;
				case 'drop':
					if (out.drop || out.status) break;
					out.drop = true;
					this.use(fault);
					break;
				case 'stringWrappedJson':
					out.stringWrappedJson = true;
					this.use(fault);
					break;
				case 'expireToken':
					fault.seen++;
					if (fault.seen > fault.afterRequests!) {
						out.expireTokens = true;
						this.remove(fault.id);
					}
					break;
			}
		}
		return out;
	}

	/** Delay and timeout for one webhook delivery. */
	forDelivery(eventType: string): { delayMs: number; timeoutMs?: number } {
		let delayMs = 0;
		let timeoutMs: number | undefined;
		for (const fault of [...this.faults]) {
			if (!fault.kind.startsWith('webhook')) continue;
			if (fault.eventType && fault.eventType !== eventType) continue;
			if (fault.kind === 'webhookDelay') delayMs += fault.delayMs ?? fault.latencyMs ?? 0;
			else timeoutMs = Math.min(timeoutMs ?? Infinity, fault.timeoutMs ?? 0);
			this.use(fault);
		}
		return { delayMs, timeoutMs };
	}
}
