/**
 * Constants of the node's transport, read when the benchmark runs (they are being tuned): the page
 * concurrency of Return All and the page size. Imported from nodes/WiseAgent/transport (TypeScript
 * source through ts-node; `npm run bench` builds dist/ from the same source before n8n loads it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ROOT_DIR } from '../../scripts/lib/runtime';

const TRANSPORT_DIR = path.join(ROOT_DIR, 'nodes', 'WiseAgent', 'transport');

export function readPageSize(): number {
	// eslint-disable-next-line @typescript-eslint/no-var-requires
	const transport = require(TRANSPORT_DIR) as Record<string, unknown>;
	const value = transport.DEFAULT_PAGE_SIZE;
	return typeof value === 'number' && value > 0 ? value : 100;
}

/**
 * The number of pages Return All fetches at once: an exported numeric constant of the transport
 * whose name says page + concurrency (e.g. PAGE_CONCURRENCY, RETURN_ALL_PAGE_CONCURRENCY); failing
 * that, the literal default in wiseAgentApiRequestAllItems (`paging.concurrency ?? N`).
 */
export function readPageConcurrency(): { value: number; source: string } {
	// eslint-disable-next-line @typescript-eslint/no-var-requires
	const transport = require(TRANSPORT_DIR) as Record<string, unknown>;
	const candidates = Object.entries(transport).filter(
		([name, value]) =>
			typeof value === 'number' &&
			Number.isInteger(value) &&
			value > 0 &&
			/CONCURREN|PARALLEL/i.test(name) &&
			/PAGE/i.test(name),
	) as Array<[string, number]>;
	if (candidates.length === 1) {
		return { value: candidates[0][1], source: `nodes/WiseAgent/transport: ${candidates[0][0]}` };
	}
	if (candidates.length > 1) {
		const exact =
			candidates.find(([name]) => /^(DEFAULT_)?PAGE_CONCURRENCY$/i.test(name)) ?? candidates[0];
		return {
			value: exact[1],
			source: `nodes/WiseAgent/transport: ${exact[0]} (of ${candidates.map(([n]) => n).join(', ')})`,
		};
	}
	const source = readFileSync(path.join(TRANSPORT_DIR, 'request.ts'), 'utf8');
	const literal = /concurrency\s*\?\?\s*(\d+)/.exec(source);
	if (literal) {
		return {
			value: Number(literal[1]),
			source:
				'nodes/WiseAgent/transport/request.ts: literal `paging.concurrency ?? N` (no exported constant found)',
		};
	}
	const named = /concurrency\s*\?\?\s*([A-Z_][A-Z0-9_]*)/.exec(source);
	if (named) {
		const value = transport[named[1]];
		if (typeof value === 'number')
			return { value, source: `nodes/WiseAgent/transport: ${named[1]}` };
		const local = new RegExp(`const\\s+${named[1]}\\s*(?::\\s*number)?\\s*=\\s*(\\d+)`).exec(
			source,
		);
		if (local) {
			return {
				value: Number(local[1]),
				source: `nodes/WiseAgent/transport/request.ts: ${named[1]} (not exported)`,
			};
		}
	}
	throw new Error(
		'cannot find the Return All page concurrency in nodes/WiseAgent/transport (export a PAGE_CONCURRENCY constant)',
	);
}
