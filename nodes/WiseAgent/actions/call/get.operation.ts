import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { callIdOf, getCalls, notFoundError } from '../../transport';
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
		// Only the asked-for entry: an answer holding other calls is not this one.
		const call = (await getCalls(this, callId, itemIndex)).find(
			(entry) => callIdOf(entry) === callId,
		);
		if (!call) throw notFoundError(this, `call ${callId}`, itemIndex);
		return call;
	},
};
