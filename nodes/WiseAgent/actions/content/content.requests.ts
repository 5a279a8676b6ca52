import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { singleRecordFrom } from '../../helpers/records';
import { checkMaxLengths, requireText, withoutEmpty } from '../../helpers/validation';
import { notFoundError, wiseAgentApiRequest } from '../../transport';

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
