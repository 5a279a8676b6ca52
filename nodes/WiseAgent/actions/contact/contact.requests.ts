import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toSearchProfileFields } from '../../descriptions/searchProfileFields';
import { isRecord } from '../../helpers/records';
import {
	checkEmail,
	invalidInput,
	requireText,
	toList,
	withoutEmpty,
} from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import { toContactApiFields } from './contact.fields';

/**
 * Request bodies and calls shared by Create, Update and Create or Update, so the three agree
 * on field names and checks.
 */

export interface CreateContactInput {
	firstName: string;
	lastName: string;
	source: string;
	additionalFields: IDataObject;
	searchProfile: IDataObject;
}

export function readCreateInput(context: IExecuteFunctions, itemIndex: number): CreateContactInput {
	const input: CreateContactInput = {
		firstName: requireText(
			context,
			itemIndex,
			'First Name',
			context.getNodeParameter('firstName', itemIndex),
		),
		lastName: requireText(
			context,
			itemIndex,
			'Last Name',
			context.getNodeParameter('lastName', itemIndex),
		),
		source: requireText(
			context,
			itemIndex,
			'Source',
			context.getNodeParameter('source', itemIndex),
		),
		additionalFields: context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		searchProfile: context.getNodeParameter('searchProfile', itemIndex, {}) as IDataObject,
	};
	checkEmail(context, itemIndex, 'Email', String(input.additionalFields.email ?? '').trim());
	return input;
}

/** `webcontact` fields. Categories are semicolon-delimited on create (documented). */
export function webcontactFields(
	context: IExecuteFunctions,
	itemIndex: number,
	input: CreateContactInput,
): IDataObject {
	const extra = input.additionalFields;
	const fields: IDataObject = {
		CFirst: input.firstName,
		CLast: input.lastName,
		Source: input.source,
		...toContactApiFields(extra, 'webcontact'),
		...toSearchProfileFields(input.searchProfile, 'add'),
	};
	const categories = toList(extra.categories);
	if (categories.length) fields.Categories = categories.join(';');
	if (extra.callType) fields.calltype = extra.callType;
	if (extra.price !== undefined && extra.price !== '') fields.Price = extra.price;
	for (const { name, value } of extraFormFields(extra)) {
		if (name in fields) {
			throw invalidInput(
				context,
				itemIndex,
				'Extra Form Fields',
				`"${name}" is already set by another field`,
			);
		}
		fields[name] = value;
	}
	return fields;
}

function extraFormFields(extra: IDataObject): Array<{ name: string; value: string }> {
	const entries = (extra.extraFormFields as IDataObject | undefined)?.field;
	if (!Array.isArray(entries)) return [];
	return entries
		.filter(isRecord)
		.map((entry) => ({ name: String(entry.name ?? '').trim(), value: String(entry.value ?? '') }))
		.filter((entry) => entry.name !== '');
}

/** `updateContact` fields from user-facing values; categories are added/removed as CSV. */
export function updateContactFields(
	values: IDataObject,
	searchProfile: IDataObject,
	categories: { add?: unknown; remove?: unknown; reassign?: boolean },
): IDataObject {
	const fields: IDataObject = {
		...toContactApiFields(values, 'updateContact'),
		...toSearchProfileFields(searchProfile, 'add'),
	};
	const add = toList(categories.add);
	const remove = toList(categories.remove);
	if (add.length) fields.AddCategories = add.join(',');
	if (remove.length) fields.RemoveCategories = remove.join(',');
	if (categories.reassign && fields.InsideTeamId !== undefined) fields.Reassignment = 'true';
	return withoutEmpty(fields);
}

export async function sendWebcontact(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
): Promise<IDataObject> {
	const body = await wiseAgentApiRequest.call(context, {
		method: 'POST',
		requestType: 'webcontact',
		form: fields,
		itemIndex,
	});
	const data = isRecord(body) && isRecord(body.data) ? body.data : isRecord(body) ? body : {};
	return { ...data, ClientID: data.ClientID };
}

export async function sendUpdateContact(
	context: IExecuteFunctions,
	itemIndex: number,
	clientId: string,
	fields: IDataObject,
): Promise<IDataObject> {
	const body = await wiseAgentApiRequest.call(context, {
		method: 'POST',
		requestType: 'updateContact',
		form: { clientID: clientId, ...fields },
		itemIndex,
	});
	const message = isRecord(body) ? (body.Success ?? body.success) : undefined;
	return { ClientID: clientId, success: true, message };
}
