import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IPairedItemData,
} from 'n8n-workflow';

import { invalidInput, readBoolean } from '../helpers/validation';
import { asItemError, errorJson } from './itemErrors';

/**
 * Request types that take a `clientids` CSV for one target (a category, a marketing program)
 * can serve many input items at once. Shared by Category → Add/Remove Contacts and
 * Marketing Program → Add Contacts.
 *
 * Every item is read and checked before anything is sent. With "Batch Items" on, items with the
 * same target share requests, up to CONTACT_IDS_PER_REQUEST ids each, and the group's output
 * (or error) item is paired with all of its input items; otherwise each item is its own group.
 */

/** Wise Agent documents no limit for `clientids`; 500 ids keep a form body near 4 KB. */
export const CONTACT_IDS_PER_REQUEST = 500;

export function batchItemsOption(targetLabel: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Items',
				name: 'batchItems',
				type: 'boolean',
				default: false,
				description: `Whether to combine all input items into as few calls as possible: one per ${targetLabel}, up to ${CONTACT_IDS_PER_REQUEST} contacts per call. The output item is paired with every input item it covers.`,
			},
		],
	};
}

export interface ContactBatchSpec {
	/** The output field that names the target, e.g. `category` or `programID`. */
	targetKey: string;
	/** Reads and checks one item's target and contact ids; throws to fail the item. */
	read(context: IExecuteFunctions, itemIndex: number): { target: string; clientIds: string[] };
	/** Sends one request for up to CONTACT_IDS_PER_REQUEST ids. */
	send(
		context: IExecuteFunctions,
		target: string,
		clientIds: string[],
		itemIndex: number,
	): Promise<unknown>;
}

interface Group {
	target: string;
	itemIndexes: number[];
	clientIds: string[];
}

export async function executeContactBatches(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: ContactBatchSpec,
): Promise<INodeExecutionData[]> {
	const readBatch = (itemIndex: number) =>
		readBoolean(
			context,
			itemIndex,
			'Batch Items',
			context.getNodeParameter('options.batchItems', itemIndex, false),
		);
	// One choice for the whole run, set by the first item: an item that says otherwise fails.
	let batch: boolean | undefined;
	// Output keeps input order: a group sits where its first item was.
	const output: Array<{ order: number; item: INodeExecutionData }> = [];
	const fail = (error: unknown, itemIndexes: number[]) => {
		const itemError = asItemError(context, error, itemIndexes[0]);
		if (!context.continueOnFail()) throw itemError;
		output.push({
			order: itemIndexes[0],
			item: { json: errorJson(itemError), pairedItem: paired(itemIndexes) },
		});
	};

	const groups: Group[] = [];
	const byTarget = new Map<string, Group>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let read: { target: string; clientIds: string[] };
		try {
			const itemBatch = readBatch(itemIndex);
			batch ??= itemBatch;
			if (itemBatch !== batch) {
				throw invalidInput(context, itemIndex, 'Batch Items', 'must be the same for every item');
			}
			read = spec.read(context, itemIndex);
		} catch (error) {
			fail(error, [itemIndex]);
			continue;
		}
		let group = batch ? byTarget.get(read.target) : undefined;
		if (!group) {
			group = { target: read.target, itemIndexes: [], clientIds: [] };
			groups.push(group);
			if (batch) byTarget.set(read.target, group);
		}
		group.itemIndexes.push(itemIndex);
		for (const id of read.clientIds) if (!group.clientIds.includes(id)) group.clientIds.push(id);
	}

	for (const group of groups) {
		try {
			let requests = 0;
			for (let start = 0; start < group.clientIds.length; start += CONTACT_IDS_PER_REQUEST) {
				const chunk = group.clientIds.slice(start, start + CONTACT_IDS_PER_REQUEST);
				await spec.send(context, group.target, chunk, group.itemIndexes[0]);
				requests++;
			}
			const json: IDataObject = {
				success: true,
				[spec.targetKey]: group.target,
				clientIds: group.clientIds,
				contactCount: group.clientIds.length,
				requests,
			};
			output.push({
				order: group.itemIndexes[0],
				item: { json, pairedItem: paired(group.itemIndexes) },
			});
		} catch (error) {
			fail(error, group.itemIndexes);
		}
	}
	return output.sort((a, b) => a.order - b.order).map(({ item }) => item);
}

function paired(itemIndexes: number[]): IPairedItemData | IPairedItemData[] {
	return itemIndexes.length === 1
		? { item: itemIndexes[0] }
		: itemIndexes.map((item) => ({ item }));
}
