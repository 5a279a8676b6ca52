import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { CONTACT_PAGE_URL } from '../descriptions/common';
import { recordsFrom } from '../helpers/records';
import { getContactsPage, wiseAgentApiRequest } from '../transport';

const CONTACT_SEARCH_PAGE_SIZE = 50;

/** Contacts for the contact locator; the filter searches first name, last name and company. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const query = filter?.trim() ? { nameQuery: filter.trim() } : {};
	const contacts = await getContactsPage(this, query, page, CONTACT_SEARCH_PAGE_SIZE);
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

const RECORD_SEARCH_PAGE_SIZE = 100;

/**
 * One page of a list the API cannot filter (tasks, properties): the filter is applied to the
 * page's entries here, so a search shows matches page by page.
 */
async function searchPage(
	context: ILoadOptionsFunctions,
	requestType: string,
	toResult: (record: Record<string, unknown>) => { name: string; value: string },
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const records = recordsFrom(
		await wiseAgentApiRequest.call(context, {
			method: 'GET',
			requestType,
			query: { page, page_size: RECORD_SEARCH_PAGE_SIZE },
		}),
	);
	const needle = filter?.trim().toLowerCase() ?? '';
	return {
		results: records
			.map(toResult)
			.filter((result) => result.value !== '' && result.name.toLowerCase().includes(needle)),
		paginationToken: records.length === RECORD_SEARCH_PAGE_SIZE ? String(page + 1) : undefined,
	};
}

/** Tasks for the task locator, searched by description. */
export async function searchTasks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(
		this,
		'tasks',
		(task) => ({
			name: `${String(task.Description ?? 'Task')}${task.TaskDue ? ` (due ${String(task.TaskDue)})` : ''}`,
			value: String(task.TaskID ?? ''),
		}),
		filter,
		paginationToken,
	);
}

/** Properties for the property locator, searched by address and MLS number. */
export async function searchProperties(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(
		this,
		'getProperties',
		(property) => ({
			name:
				[property.StreetNum, property.Street, property.City, property.State]
					.filter(Boolean)
					.join(' ') + (property.MLS ? ` (MLS ${String(property.MLS)})` : ''),
			value: String(property.PropertyID ?? ''),
		}),
		filter,
		paginationToken,
	);
}
