import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { singleRecordFrom } from '../../helpers/records';
import {
	checkMaxLengths,
	requireNumericId,
	requireText,
	withoutEmpty,
} from '../../helpers/validation';
import { notFoundError, wiseAgentApiRequest } from '../../transport';

/** Shared by the content operations: the picked content, its fields, limits and the save call. */

export function contentIdField(resourceOperation: string): INodeProperties {
	return {
		displayName: 'Content Name or ID',
		name: 'contentId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getContents' },
		required: true,
		default: '',
		description: `The content to ${resourceOperation}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

export function readContentId(context: IExecuteFunctions, itemIndex: number): string {
	return requireNumericId(
		context,
		itemIndex,
		'Content',
		context.getNodeParameter('contentId', itemIndex, ''),
	);
}

export const categoryField: INodeProperties = {
	displayName: 'Category',
	name: 'category',
	type: 'string',
	default: '',
	placeholder: 'Buyer',
	description: 'An existing content category, or a new one (at most 50 characters)',
};

export const subjectField: INodeProperties = {
	displayName: 'Subject',
	name: 'subject',
	type: 'string',
	default: '',
	description: 'Email subject (at most 100 characters)',
};

export const htmlField: INodeProperties = {
	displayName: 'HTML',
	name: 'html',
	type: 'string',
	typeOptions: { rows: 6 },
	default: '',
	placeholder: '<h1>5 Things You Should Do Today</h1>',
	description: 'The body of the content, as HTML',
};

/** Documented limits of the `content` POST. */
const CONTENT_LIMITS = {
	Name: { label: 'Name', max: 100 },
	Category: { label: 'Category', max: 50 },
	Subject: { label: 'Subject', max: 100 },
};

/** Checks and sends a `content` POST; without ContentId it creates, with it it updates. */
export async function saveContent(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: { ContentId?: string; Name: unknown; Category: unknown; Subject: unknown; Html: unknown },
): Promise<unknown> {
	const form: IDataObject = {
		...(fields.ContentId ? { ContentId: fields.ContentId } : {}),
		Name: requireText(context, itemIndex, 'Name', fields.Name),
		Category: String(fields.Category ?? '').trim(),
		Subject: String(fields.Subject ?? '').trim(),
		Html: requireText(context, itemIndex, 'HTML', fields.Html),
	};
	checkMaxLengths(context, itemIndex, form, CONTENT_LIMITS);
	return await wiseAgentApiRequest.call(context, {
		method: 'POST',
		requestType: 'content',
		// An update sends every field (blank clears it); a create leaves blank ones out.
		form: fields.ContentId ? form : withoutEmpty(form),
		itemIndex,
	});
}

/** One content record with its Html (`Content` with ContentId). */
export async function fetchContent(
	context: IExecuteFunctions,
	itemIndex: number,
	contentId: string,
): Promise<IDataObject> {
	const body = await wiseAgentApiRequest.call(context, {
		method: 'GET',
		requestType: 'Content',
		query: { ContentId: contentId },
		itemIndex,
	});
	const content = singleRecordFrom(body, 'data');
	if (!content || Object.keys(content).length === 0) {
		throw notFoundError(context, `content ${contentId}`, itemIndex);
	}
	return content;
}
