import type { WiseAgentResource } from '../types';
import { defineResource } from '../types';
import { get } from './get.operation';
import { getAll } from './getAll.operation';

export const vendor: WiseAgentResource = defineResource({
	option: {
		name: 'Vendor',
		value: 'vendor',
		description: 'Lenders, inspectors, cooperating agents… (contacts with a V-prefixed ID)',
	},
	defaultOperation: 'getAll',
	operations: [get, getAll],
});
