import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPairedItemData,
} from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { getCollection, getContactIdParameter } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import { requireContactId, requireNumericId, toList } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import { asItemError, errorJson } from '../itemErrors';
import type { WiseAgentOperation } from '../types';
import { forOperation } from '../types';

/**
 * Contact ids per request. Wise Agent documents no limit for `clientids`; this keeps one form
 * body around 4 KB, well inside what classic ASP accepts by default.
 */
export const MAX_CONTACTS_PER_REQUEST = 500;

interface ItemRequest {
	itemIndex: number;
	programId: string;
	clientIds: string[];
	batch: boolean;
}

/** One API call: a program and the contacts to add, with the input items they came from. */
interface ProgramCall {
	programId: string;
	/** Contact id → input items that asked for it (in item order). */
	contacts: Map<string, number[]>;
	itemIndices: number[];
}

function readItem(context: IExecuteFunctions, itemIndex: number): ItemRequest {
	const programId = requireNumericId(
		context,
		itemIndex,
		'Program',
		context.getNodeParameter('programId', itemIndex, ''),
	);
	const extra = toList(context.getNodeParameter('additionalContactIds', itemIndex, '')).map((id) =>
		requireContactId(context, itemIndex, 'Additional Contact IDs', id),
	);
	const clientIds = [...new Set([getContactIdParameter(context, itemIndex), ...extra])];
	const batch = getCollection(context, itemIndex, 'options').batchItems === true;
	return { itemIndex, programId, clientIds, batch };
}

/** Batched items of one program share calls; every other item gets its own. */
function groupRequests(requests: ItemRequest[]): ProgramCall[] {
	const groups = new Map<string, ProgramCall>();
	for (const request of requests) {
		const key = request.batch ? `program ${request.programId}` : `item ${request.itemIndex}`;
		let group = groups.get(key);
		if (!group) {
			group = { programId: request.programId, contacts: new Map(), itemIndices: [] };
			groups.set(key, group);
		}
		group.itemIndices.push(request.itemIndex);
		for (const id of request.clientIds) {
			const askers = group.contacts.get(id) ?? [];
			if (!askers.includes(request.itemIndex)) askers.push(request.itemIndex);
			group.contacts.set(id, askers);
		}
	}
	return [...groups.values()].flatMap(splitCall);
}

function splitCall(call: ProgramCall): ProgramCall[] {
	const entries = [...call.contacts.entries()];
	if (entries.length <= MAX_CONTACTS_PER_REQUEST) return [call];
	const parts: ProgramCall[] = [];
	for (let start = 0; start < entries.length; start += MAX_CONTACTS_PER_REQUEST) {
		const contacts = new Map(entries.slice(start, start + MAX_CONTACTS_PER_REQUEST));
		const itemIndices = [...new Set([...contacts.values()].flat())].sort((a, b) => a - b);
		parts.push({ programId: call.programId, contacts, itemIndices });
	}
	return parts;
}

function pairedItems(itemIndices: number[]): IPairedItemData | IPairedItemData[] {
	return itemIndices.length === 1
		? { item: itemIndices[0] }
		: itemIndices.map((item) => ({ item }));
}

export const addContacts: WiseAgentOperation = {
	option: {
		name: 'Add Contacts',
		value: 'addContacts',
		action: 'Add contacts to a marketing program',
		description: 'Enroll contacts in a marketing program (addClientsToMarketingProgram)',
	},
	scopes: ['marketing'],
	description: forOperation('marketingProgram', 'addContacts', [
		{
			displayName: 'Program Name or ID',
			name: 'programId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getPrograms' },
			required: true,
			default: '',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		},
		contactLocator({ displayName: 'Contact', name: 'contactId' }),
		{
			displayName: 'Additional Contact IDs',
			name: 'additionalContactIds',
			type: 'string',
			default: '',
			placeholder: '1822535, 1822536, V26855',
			description: 'More contacts to enroll with the same request, comma-separated',
		},
		{
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
					description:
						'Whether to combine the contacts of all input items for the same program into as few requests as possible (one output item per request, paired with all its input items)',
				},
			],
		},
	]),

	async executeBatch(
		this: IExecuteFunctions,
		items: INodeExecutionData[],
	): Promise<INodeExecutionData[]> {
		// Every item is checked before anything is sent.
		const requests: ItemRequest[] = [];
		const output: Array<{ order: number; item: INodeExecutionData }> = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				requests.push(readItem(this, itemIndex));
			} catch (error) {
				const itemError = asItemError(this, error, itemIndex);
				if (!this.continueOnFail()) throw itemError;
				output.push({
					order: itemIndex,
					item: { json: errorJson(itemError), pairedItem: { item: itemIndex } },
				});
			}
		}

		for (const call of groupRequests(requests)) {
			const clientIds = [...call.contacts.keys()];
			const firstItem = call.itemIndices[0];
			const pairedItem = pairedItems(call.itemIndices);
			try {
				const body = await wiseAgentApiRequest.call(this, {
					method: 'POST',
					requestType: 'addClientsToMarketingProgram',
					form: { programID: call.programId, clientids: clientIds.join(',') },
					itemIndex: firstItem,
				});
				const json: IDataObject = successResult(body, {
					programID: call.programId,
					clientIds,
				});
				output.push({ order: firstItem, item: { json, pairedItem } });
			} catch (error) {
				const itemError = asItemError(this, error, firstItem);
				if (!this.continueOnFail()) throw itemError;
				output.push({ order: firstItem, item: { json: errorJson(itemError), pairedItem } });
			}
		}
		// Stable: items keep input order, a batch sits where its first item was.
		return output.sort((a, b) => a.order - b.order).map(({ item }) => item);
	},
};
