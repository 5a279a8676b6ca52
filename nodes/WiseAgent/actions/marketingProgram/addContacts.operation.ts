import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { contactListProperties } from '../../descriptions/contactListFields';
import { readContactList } from '../../helpers/parameters';
import { requireNumericId } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { ContactBatchSpec } from '../contactBatch';
import { batchItemsOption, executeContactBatches } from '../contactBatch';
import type { WiseAgentOperation } from '../types';

const batchSpec: ContactBatchSpec = {
	targetKey: 'programID',
	read: (context, itemIndex) => ({
		target: requireNumericId(
			context,
			itemIndex,
			'Program',
			context.getNodeParameter('programId', itemIndex, ''),
		),
		clientIds: readContactList(context, itemIndex),
	}),
	send: async (context, programId, clientIds, itemIndex) =>
		await wiseAgentApiRequest.call(context, {
			method: 'POST',
			requestType: 'addClientsToMarketingProgram',
			form: { programID: programId, clientids: clientIds.join(',') },
			itemIndex,
		}),
};

export const addContacts: WiseAgentOperation = {
	option: {
		name: 'Add Contacts',
		value: 'addContacts',
		action: 'Add contacts to a marketing program',
		description: 'Enroll contacts in a marketing program',
	},
	scopes: ['marketing'],
	description: [
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
		...contactListProperties(),
		batchItemsOption('program'),
	],

	async executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]) {
		return await executeContactBatches(this, items, batchSpec);
	},
};
