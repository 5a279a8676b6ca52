import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { imageUrlsProperty, propertyLocator, readPropertyId } from './property.fields';
import { imageUrlsCsv, statusResult } from './property.requests';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';

export const addPhotos: WiseAgentOperation = {
	option: {
		name: 'Add Photos',
		value: 'addPhotos',
		action: 'Add photos to a property',
		description: 'Add photos to a property from public URLs',
	},
	scopes: ['properties'],
	description: [propertyLocator, imageUrlsProperty()],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const propertyId = readPropertyId(this, itemIndex);
		const csv = imageUrlsCsv(
			this,
			itemIndex,
			this.getNodeParameter('imageUrls', itemIndex, []),
			'required',
		);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'POST',
			requestType: 'addPropertyPhoto',
			form: { propertyId, imageURLS_CSV: csv },
			itemIndex,
		});
		return statusResult(body, { propertyId });
	},
};
