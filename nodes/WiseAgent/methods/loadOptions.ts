import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { recordsFrom } from '../helpers/records';
import { listWebhooks, wiseAgentApiRequest } from '../transport';

/** Dropdowns filled from the connected account. */

async function optionsFrom(
	context: ILoadOptionsFunctions,
	requestType: string,
	toOption: (record: Record<string, unknown>) => INodePropertyOptions | undefined,
	...wrapperKeys: string[]
): Promise<INodePropertyOptions[]> {
	const body = await wiseAgentApiRequest.call(context, { method: 'GET', requestType });
	return recordsFrom(body, ...wrapperKeys)
		.map(toOption)
		.filter((option): option is INodePropertyOptions => option !== undefined)
		.sort((a, b) => a.name.localeCompare(b.name));
}

function option(
	name: unknown,
	value: unknown,
	description?: string,
): INodePropertyOptions | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return { name: String(name ?? value), value: String(value), description };
}

export async function getSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsFrom(this, 'getSources', (source) => option(source.Name, source.Name));
}

/** Category names (the API identifies categories by name). */
export async function getCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsFrom(
		this,
		'getAllCategoriesWithCount',
		(category) => option(category.name, category.name, `${category.clientCount ?? 0} contacts`),
		'CategoryInfo',
		'categories',
	);
}

export async function getTeamMembers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsFrom(this, 'getTeam', (member) =>
		option(
			member.Name,
			member.InsideTeamId,
			[member.JobTitle, member.Email].filter(Boolean).join(' · '),
		),
	);
}

export async function getOutsideTeamMembers(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await optionsFrom(this, 'getOutsideTeam', (member) =>
		option(`${String(member.TeamMember ?? member.Email)} (${String(member.Email)})`, member.Email),
	);
}

export async function getPrograms(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsFrom(this, 'getPrograms', (program) =>
		option(program.ProgramName, program.ProgramID),
	);
}

/** Transactions that are not deleted, for Attach File and Get Notes. */
export async function getTransactions(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await optionsFrom(this, 'getTransactionNames', (transaction) =>
		String(transaction.deleted) === '1'
			? undefined
			: option(
					transaction.CLName,
					transaction.CLDataID,
					String(transaction.Completed) === '1' ? 'Completed' : undefined,
				),
	);
}

export async function getContentCategories(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await optionsFrom(this, 'ContentCategories', (category) =>
		option(category.Category, category.Category),
	);
}

export async function getWebhooks(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await listWebhooks(this))
		.map((webhook) => option(`${webhook.eventType} → ${webhook.url}`, webhook.id, webhook.status))
		.filter((entry): entry is INodePropertyOptions => entry !== undefined)
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Content items, for Content → Get and Update. */
export async function getContents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsFrom(this, 'Content', (content) =>
		option(content.Name, content.Id, content.Category ? String(content.Category) : undefined),
	);
}
