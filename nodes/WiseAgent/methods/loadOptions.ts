import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { recordsFrom } from '../helpers/records';
import { wiseAgentApiRequest } from '../transport';

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
