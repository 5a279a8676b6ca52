import type { INodeProperties } from 'n8n-workflow';

/** A transaction picked from the account's (non-deleted) transactions, by its CLDataID. */
export function transactionField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Transaction Name or ID',
		name: 'transactionId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTransactions' },
		required: true,
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		...overrides,
	};
}
