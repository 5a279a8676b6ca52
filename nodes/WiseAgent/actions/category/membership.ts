import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { contactListProperties, readContactIds } from '../../descriptions/contactListFields';
import { wiseAgentApiRequest } from '../../transport';
import { asItemError, errorJson } from '../itemErrors';
import type { WiseAgentOperation } from '../types';
import { forOperation } from '../types';
import { categoryField, readCategory } from './categoryFields';

/** Contact IDs per addClientsToCategory / removeClientsFromCategory request. */
export const CONTACT_IDS_PER_REQUEST = 500;

interface Membership {
	itemIndex: number;
	category: string;
	clientIds: string[];
}

interface Group {
	category: string;
	itemIndexes: number[];
	clientIds: string[];
}

/**
 * Add Contacts / Remove Contacts. Every item's input is checked before anything is sent. With
 * "Batch Items" on, items are grouped by category and each group is sent in as few requests
 * as possible; its output item (or error item) is paired with every input item of the group.
 */
export function membershipOperation(kind: 'add' | 'remove'): WiseAgentOperation {
	const value = kind === 'add' ? 'addContacts' : 'removeContacts';
	const requestType = kind === 'add' ? 'addClientsToCategory' : 'removeClientsFromCategory';

	async function send(context: IExecuteFunctions, group: Group): Promise<IDataObject> {
		let requests = 0;
		for (let start = 0; start < group.clientIds.length; start += CONTACT_IDS_PER_REQUEST) {
			await wiseAgentApiRequest.call(context, {
				method: 'POST',
				requestType,
				form: {
					category: group.category,
					clientids: group.clientIds.slice(start, start + CONTACT_IDS_PER_REQUEST).join(','),
				},
				itemIndex: group.itemIndexes[0],
			});
			requests++;
		}
		return {
			success: true,
			category: group.category,
			clientIds: group.clientIds,
			contactCount: group.clientIds.length,
			requests,
		};
	}

	return {
		option: {
			name: kind === 'add' ? 'Add Contacts' : 'Remove Contacts',
			value,
			action: kind === 'add' ? 'Add contacts to a category' : 'Remove contacts from a category',
			description:
				kind === 'add'
					? 'Put one or many contacts in a category (addClientsToCategory)'
					: 'Take one or many contacts out of a category (removeClientsFromCategory)',
		},
		scopes: ['contacts'],
		description: forOperation('category', value, [
			categoryField,
			...contactListProperties(),
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
						description: `Whether to combine all input items into as few calls as possible: one per category, up to ${CONTACT_IDS_PER_REQUEST} contacts per call`,
					},
				],
			},
		]),

		async executeBatch(
			this: IExecuteFunctions,
			items: INodeExecutionData[],
		): Promise<INodeExecutionData[]> {
			const batch = (this.getNodeParameter('options.batchItems', 0, false) as boolean) === true;
			// Output in input order: each entry is keyed by the first item it stands for.
			const output: Array<{ key: number; item: INodeExecutionData }> = [];
			const fail = (error: unknown, itemIndexes: number[]) => {
				const itemError: NodeApiError | NodeOperationError = asItemError(
					this,
					error,
					itemIndexes[0],
				);
				if (!this.continueOnFail()) throw itemError;
				output.push({
					key: itemIndexes[0],
					item: { json: errorJson(itemError), pairedItem: paired(itemIndexes, batch) },
				});
			};

			const memberships: Membership[] = [];
			for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
				try {
					memberships.push({
						itemIndex,
						category: readCategory(this, itemIndex),
						clientIds: readContactIds(this, itemIndex),
					});
				} catch (error) {
					fail(error, [itemIndex]);
				}
			}

			const groups: Group[] = [];
			const byCategory = new Map<string, Group>();
			for (const membership of memberships) {
				let group = batch ? byCategory.get(membership.category) : undefined;
				if (!group) {
					group = { category: membership.category, itemIndexes: [], clientIds: [] };
					groups.push(group);
					if (batch) byCategory.set(membership.category, group);
				}
				group.itemIndexes.push(membership.itemIndex);
				for (const id of membership.clientIds) {
					if (!group.clientIds.includes(id)) group.clientIds.push(id);
				}
			}

			for (const group of groups) {
				try {
					const json = await send(this, group);
					output.push({
						key: group.itemIndexes[0],
						item: { json, pairedItem: paired(group.itemIndexes, batch) },
					});
				} catch (error) {
					fail(error, group.itemIndexes);
				}
			}
			return output.sort((a, b) => a.key - b.key).map((entry) => entry.item);
		},
	};
}

function paired(itemIndexes: number[], batch: boolean) {
	return batch ? itemIndexes.map((item) => ({ item })) : { item: itemIndexes[0] };
}
