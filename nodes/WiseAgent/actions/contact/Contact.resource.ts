import type { WiseAgentResource } from '../types';
import { defineResource } from '../types';
import { addAddress } from './addAddress.operation';
import { addCustomField } from './addCustomField.operation';
import { count } from './count.operation';
import { create } from './create.operation';
import { get } from './get.operation';
import { getAddresses } from './getAddresses.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';
import { updateCustomField } from './updateCustomField.operation';
import { upsert } from './upsert.operation';

export const contact: WiseAgentResource = defineResource({
	option: { name: 'Contact', value: 'contact', description: 'Clients and vendors (leads)' },
	defaultOperation: 'create',
	operations: [
		create,
		upsert,
		update,
		get,
		getAll,
		count,
		getAddresses,
		addAddress,
		addCustomField,
		updateCustomField,
	],
});
