import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { successResult } from '../../helpers/records';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { CALL_DELETE_REQUEST_TYPE } from './call.requests';
import { callIdField, readCallId } from './call.fields';

const deleteOperation: WiseAgentOperation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Remove a call from the call list',
		description: 'Delete a call list entry by its ID (calls, DELETE)',
	},
	scopes: ['contacts'],
	description: [callIdField],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const callId = readCallId(this, itemIndex);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'DELETE',
			requestType: CALL_DELETE_REQUEST_TYPE,
			form: { CallId: callId },
			itemIndex,
		});
		return successResult(body, { CallId: callId, deleted: true });
	},
};

// `delete` is a reserved word: the operation is declared under another name.
export { deleteOperation as delete };
