import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { pageSizeOption, returnAllOrLimit, simplifyField } from '../../descriptions/common';
import { recordShaper } from '../../helpers/simplify';
import { countContacts, DEFAULT_PAGE_SIZE, getContacts } from '../../transport';
import { readPaging } from '../listOperation';
import { readSimplify } from '../../helpers/parameters';
import type { WiseAgentOperation } from '../types';
import { contactFilterProperties, contactFilterQuery } from './contact.fields';
import { simplifyContact } from './contact.requests';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many contacts',
		description: 'Search contacts by email, phone, categories or name, source and last update',
	},
	scopes: ['contacts'],
	description: [
		...returnAllOrLimit(),
		...contactFilterProperties,
		simplifyField,
		pageSizeOption(DEFAULT_PAGE_SIZE),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const query = contactFilterQuery(this, itemIndex);
		const { limit, pageSize } = readPaging(this, itemIndex, DEFAULT_PAGE_SIZE);
		const returnAll = limit === undefined;
		const simplify = readSimplify(this, itemIndex);
		// The count lets pages be fetched in parallel; it accepts the same filters.
		const total = returnAll ? await countContacts(this, query, itemIndex) : undefined;
		return await getContacts(
			this,
			query,
			{ pageSize, limit, total, shape: recordShaper(simplify, simplifyContact) },
			itemIndex,
		);
	},
};
