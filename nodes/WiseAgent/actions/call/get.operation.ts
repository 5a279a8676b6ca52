import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { simplifyField } from '../../descriptions/common';
import { readSimplify } from '../../helpers/parameters';
import { simplifyRecords } from '../../helpers/simplify';
import { callIdOf, getCalls, notFoundError } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { callIdField, readCallId } from './call.fields';
import { simplifyCall } from './call.requests';

export const get: WiseAgentOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a call from the call list',
		description: 'Retrieve one call list entry by its ID',
	},
	scopes: ['contacts'],
	description: [callIdField, simplifyField],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const callId = readCallId(this, itemIndex);
		const simplify = readSimplify(this, itemIndex);
		// Only the asked-for entry: an answer holding other calls is not this one.
		const call = (await getCalls(this, callId, itemIndex)).find(
			(entry) => callIdOf(entry) === callId,
		);
		if (!call) throw notFoundError(this, `call ${callId}`, itemIndex);
		return simplifyRecords([call], simplify, simplifyCall)[0];
	},
};
