import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PARALLEL_REQUESTS_DEFAULT, PARALLEL_REQUESTS_MAX } from '../descriptions/parallelRequests';
import { readNumber } from '../helpers/validation';
import { asItemError, errorJson } from './itemErrors';
import { resources } from './resources';
import type { WiseAgentOperation } from './types';

/**
 * Runs the selected operation over the input items, up to Parallel Requests of them at a time.
 *
 * The output keeps the input order and pairs each record with its item, whatever order the
 * items finish in. Items that share a key of the operation's `serialKey` (the same contact, the
 * same email...) never overlap: they run one after another, in input order.
 *
 * A failed item with Continue On Fail becomes an error item in its place. Without it the node
 * fails, as it did when items ran one by one, but some later items may already be under way
 * when an item fails: from the moment a failure is known no further item is started (no new
 * request is sent), the items in flight are let finish (their requests are out; cutting them
 * off would leave their outcome unknown), and the error thrown is that of the lowest failing
 * item index among the items that ran, i.e. the first failure in input order, as before.
 * With Parallel Requests 1 this is exactly the one-by-one loop: item n starts when n - 1 ended,
 * and nothing after the first failure runs.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resourceName = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resourceName]?.operations[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not known for the resource "${resourceName}"`,
		);
	}

	if (operation.executeBatch) return [await operation.executeBatch.call(this, items)];

	const parallelRequests = readParallelRequests(this);
	const continueOnFail = this.continueOnFail();
	const predecessors =
		parallelRequests > 1 && operation.serialKey ? serialPredecessors(this, operation) : undefined;

	const outcomes: Array<IDataObject[] | ReturnType<typeof asItemError> | undefined> = new Array(
		items.length,
	);
	let failed = false;
	await runItems(
		items.length,
		parallelRequests,
		predecessors,
		async (itemIndex) => {
			try {
				const result = await operation.execute!.call(this, itemIndex);
				outcomes[itemIndex] = Array.isArray(result) ? result : [result];
			} catch (error) {
				outcomes[itemIndex] = asItemError(this, error, itemIndex);
				if (!continueOnFail) failed = true;
			}
		},
		() => failed,
	);

	if (operation.completeItems && !failed) {
		const done = outcomes.flatMap((outcome, itemIndex) =>
			Array.isArray(outcome) && outcome.length === 1 ? [{ itemIndex, result: outcome[0] }] : [],
		);
		const completed = done.length
			? await operation.completeItems.call(this, done, parallelRequests)
			: [];
		done.forEach(({ itemIndex }, index) => {
			const result = completed[index];
			outcomes[itemIndex] =
				result instanceof Error
					? asItemError(this, result, itemIndex)
					: Array.isArray(result)
						? result
						: [result];
		});
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = outcomes[itemIndex];
		// Only after a failure without Continue On Fail are items left unrun; the node fails below.
		if (outcome === undefined) continue;
		if (Array.isArray(outcome)) {
			for (const json of outcome) output.push({ json, pairedItem: { item: itemIndex } });
		} else if (continueOnFail) {
			output.push({ json: errorJson(outcome), pairedItem: { item: itemIndex } });
		} else {
			throw outcome;
		}
	}
	return [output];
}

/** Parallel Requests: one whole number for the run (read from the first item), checked before any request. */
function readParallelRequests(context: IExecuteFunctions): number {
	return readNumber(
		context,
		0,
		'Parallel Requests',
		context.getNodeParameter('parallelRequests', 0, PARALLEL_REQUESTS_DEFAULT),
		'required',
		{ min: 1, max: PARALLEL_REQUESTS_MAX, integer: true },
	)!;
}

/**
 * For each item, the earlier items it must wait for: per key of `serialKey`, the last earlier
 * item with that key (so items sharing a key form a chain in input order). Read as the items
 * are reached, in input order: an item's parameters are evaluated while earlier items' requests
 * are in flight, not all before the first request.
 */
function serialPredecessors(
	context: IExecuteFunctions,
	operation: WiseAgentOperation,
): (itemIndex: number) => number[] {
	const lastWithKey = new Map<string, number>();
	const known: number[][] = [];
	return (itemIndex) => {
		while (known.length <= itemIndex) {
			const index = known.length;
			let keys: string[] = [];
			try {
				keys = operation.serialKey!.call(context, index);
			} catch {
				// Its input is invalid: execute fails the item on it before sending anything.
			}
			const waitsFor = new Set<number>();
			for (const key of keys) {
				const previous = lastWithKey.get(key);
				if (previous !== undefined) waitsFor.add(previous);
				lastWithKey.set(key, index);
			}
			known.push([...waitsFor]);
		}
		return known[itemIndex];
	};
}

/**
 * Runs `work` for items 0..count-1 with at most `limit` in flight. Items start in index order;
 * one whose predecessors have not all finished is passed over and started as soon as they have
 * (lowest index first, before any later item). Once `stopped()` is true no item is started.
 * Resolves when every started item has finished. `work` must not reject.
 */
function runItems(
	count: number,
	limit: number,
	predecessorsOf: ((itemIndex: number) => number[]) | undefined,
	work: (itemIndex: number) => Promise<void>,
	stopped: () => boolean,
): Promise<void> {
	const finishedItems = new Array<boolean>(count).fill(false);
	const waitingFor = new Array<number>(count).fill(0);
	const successors = new Map<number, number[]>();
	// Passed over while waiting, then freed: ascending item indexes, all below `cursor`.
	const freed: number[] = [];
	let cursor = 0;
	let running = 0;

	const nextItem = (): number | undefined => {
		if (freed.length) return freed.shift();
		while (cursor < count) {
			const itemIndex = cursor++;
			const before = (predecessorsOf?.(itemIndex) ?? []).filter((p) => !finishedItems[p]);
			if (before.length === 0) return itemIndex;
			// Passed over: started once the last of these has finished.
			waitingFor[itemIndex] = before.length;
			for (const p of before) successors.set(p, [...(successors.get(p) ?? []), itemIndex]);
		}
		return undefined;
	};

	return new Promise<void>((resolve, reject) => {
		const startMore = () => {
			while (running < limit && !stopped()) {
				const itemIndex = nextItem();
				if (itemIndex === undefined) break;
				running++;
				work(itemIndex).then(() => finished(itemIndex), reject);
			}
			if (running === 0) resolve();
		};
		const finished = (itemIndex: number) => {
			running--;
			finishedItems[itemIndex] = true;
			for (const next of successors.get(itemIndex) ?? []) {
				if (--waitingFor[next] === 0) insertSorted(freed, next);
			}
			successors.delete(itemIndex);
			startMore();
		};
		startMore();
	});
}

function insertSorted(list: number[], value: number): void {
	let low = 0;
	let high = list.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (list[middle] < value) low = middle + 1;
		else high = middle;
	}
	list.splice(low, 0, value);
}
