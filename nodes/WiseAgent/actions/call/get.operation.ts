import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { recordsFrom } from '../../helpers/records';
import { notFoundError, wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { callIdField, readCallId } from './call.fields';

export const get: WiseAgentOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a call from the call list',
		description: 'Retrieve one call list entry by its ID (calls, GET with callId)',
	},
	scopes: ['contacts'],
	description: [callIdField],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const callId = readCallId(this, itemIndex);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'GET',
			requestType: 'calls',
			query: { callId },
			itemIndex,
		});
		const call = recordsFrom(body)[0];
		if (!call) throw notFoundError(this, `call ${callId}`, itemIndex);
		return call;
	},
};
