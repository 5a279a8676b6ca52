import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyField } from '../../descriptions/common';
import { simplifyRecords } from '../../helpers/simplify';
import { countContacts, DEFAULT_PAGE_SIZE, getContacts } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { contactFilterProperties, contactFilterQuery } from './contact.fields';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many contacts',
		description:
			'Search contacts by email, phone, categories or name, source and last update (getContacts)',
	},
	scopes: ['contacts'],
	description: [...returnAllOrLimit(), ...contactFilterProperties, simplifyField],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const query = contactFilterQuery(this, itemIndex);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		// The count lets pages be fetched in parallel; it accepts the same filters.
		const total = returnAll ? await countContacts(this, query, itemIndex) : undefined;
		const contacts = await getContacts(
			this,
			query,
			{ pageSize: DEFAULT_PAGE_SIZE, limit, total },
			itemIndex,
		);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		return simplifyRecords(contacts, simplify);
	},
};
