import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { contactListProperties } from '../../descriptions/contactListFields';
import { readContactList } from '../../helpers/parameters';
import { wiseAgentApiRequest } from '../../transport';
import type { ContactBatchSpec } from '../contactBatch';
import { batchItemsOption, executeContactBatches } from '../contactBatch';
import type { WiseAgentOperation } from '../types';
import { categoryField, readCategory } from './category.fields';

/**
 * Add Contacts / Remove Contacts: one or many contacts per item, and with "Batch Items" the
 * items of one category combined into as few requests as possible (see contactBatch.ts).
 */
export function membershipOperation(kind: 'add' | 'remove'): WiseAgentOperation {
	const value = kind === 'add' ? 'addContacts' : 'removeContacts';
	const requestType = kind === 'add' ? 'addClientsToCategory' : 'removeClientsFromCategory';
	const batchSpec: ContactBatchSpec = {
		targetKey: 'category',
		read: (context, itemIndex) => ({
			target: readCategory(context, itemIndex),
			clientIds: readContactList(context, itemIndex),
		}),
		send: async (context, category, clientIds, itemIndex) =>
			await wiseAgentApiRequest.call(context, {
				method: 'POST',
				requestType,
				form: { category, clientids: clientIds.join(',') },
				itemIndex,
			}),
	};

	return {
		option: {
			name: kind === 'add' ? 'Add Contacts' : 'Remove Contacts',
			value,
			action: kind === 'add' ? 'Add contacts to a category' : 'Remove contacts from a category',
			description:
				kind === 'add'
					? 'Put one or many contacts in a category'
					: 'Take one or many contacts out of a category',
		},
		scopes: ['contacts'],
		description: [categoryField, ...contactListProperties(), batchItemsOption('category')],

		async executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]) {
			return await executeContactBatches(this, items, batchSpec);
		},
	};
}
