import type { WiseAgentResource } from '../types';
import { addAddress } from './addAddress.operation';
import { addCustomField } from './addCustomField.operation';
import { count } from './count.operation';
import { create } from './create.operation';
import { createOrUpdate } from './createOrUpdate.operation';
import { get } from './get.operation';
import { getAddresses } from './getAddresses.operation';
import { getMany } from './getMany.operation';
import { update } from './update.operation';
import { updateCustomField } from './updateCustomField.operation';

export const contact: WiseAgentResource = {
	option: { name: 'Contact', value: 'contact', description: 'Clients and vendors (leads)' },
	defaultOperation: 'create',
	operations: {
		create,
		upsert: createOrUpdate,
		update,
		get,
		getAll: getMany,
		count,
		getAddresses,
		addAddress,
		addCustomField,
		updateCustomField,
	},
};
