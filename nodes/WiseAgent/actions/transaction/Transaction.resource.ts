import type { WiseAgentResource } from '../types';
import { defineResource } from '../types';
import { attachFile } from './attachFile.operation';
import { getAll } from './getAll.operation';
import { getNotes } from './getNotes.operation';

export const transaction: WiseAgentResource = defineResource({
	option: {
		name: 'Transaction',
		value: 'transaction',
		description: 'Transactions (checklists), their notes and files',
	},
	defaultOperation: 'getAll',
	operations: [getAll, getNotes, attachFile],
});
