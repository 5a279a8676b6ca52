import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { propertyLocator, readPropertyId } from './property.fields';
import { statusResult } from './property.requests';

const deleteOperation: WiseAgentOperation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a property',
		description: 'Delete a property by its ID',
	},
	scopes: ['properties'],
	description: [propertyLocator],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const propertyID = readPropertyId(this, itemIndex);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'DELETE',
			requestType: 'deleteProperty',
			form: { propertyID },
			itemIndex,
		});
		return statusResult(body, { propertyId: propertyID, deleted: true });
	},
};

// `delete` is a reserved word: the operation is declared under another name.
export { deleteOperation as delete };
