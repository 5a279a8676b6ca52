import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { CONTACT_PAGE_URL } from '../descriptions/common';
import { recordsFrom } from '../helpers/records';
import { wiseAgentApiRequest } from '../transport';

const CONTACT_SEARCH_PAGE_SIZE = 50;

/** Contacts for the contact locator; the filter searches first name, last name and company. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const query: Record<string, string | number> = { page, page_size: CONTACT_SEARCH_PAGE_SIZE };
	if (filter?.trim()) query.nameQuery = filter.trim();
	const contacts = recordsFrom(
		await wiseAgentApiRequest.call(this, { method: 'GET', requestType: 'getContacts', query }),
	);
	return {
		results: contacts.map((contact) => {
			const name =
				[contact.CFirst, contact.CLast].filter(Boolean).join(' ') || String(contact.Company ?? '');
			const email = contact.CEmail ? ` (${String(contact.CEmail)})` : '';
			return {
				name: `${name || 'Unnamed contact'}${email}`,
				value: String(contact.ClientID),
				url: `${CONTACT_PAGE_URL}${String(contact.ClientID)}`,
			};
		}),
		paginationToken: contacts.length === CONTACT_SEARCH_PAGE_SIZE ? String(page + 1) : undefined,
	};
}
