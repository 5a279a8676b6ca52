import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { successResult } from '../../helpers/records';
import { deleteCall } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { callIdField, readCallId } from './call.fields';

const deleteOperation: WiseAgentOperation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Remove a call from the call list',
		description: 'Delete a call list entry by its ID',
	},
	scopes: ['contacts'],
	description: [callIdField],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const callId = readCallId(this, itemIndex);
		const { body, requestType } = await deleteCall(this, callId, itemIndex);
		return successResult(body, { CallId: callId, deleted: true, requestType });
	},
};

// `delete` is a reserved word: the operation is declared under another name.
export { deleteOperation as delete };
