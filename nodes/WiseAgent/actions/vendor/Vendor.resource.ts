import type { WiseAgentResource } from '../types';
import { get } from './get.operation';
import { getMany } from './getMany.operation';

export const vendor: WiseAgentResource = {
	option: {
		name: 'Vendor',
		value: 'vendor',
		description: 'Lenders, inspectors, cooperating agents… (contacts with a V-prefixed ID)',
	},
	defaultOperation: 'getAll',
	operations: { get, getAll: getMany },
};
