import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { singleRecordFrom } from '../../helpers/records';
import { LONG_TEXT_MAX, readText, requireText, withoutEmpty } from '../../helpers/validation';
import { notFoundError, wiseAgentApiRequest } from '../../transport';

/** Documented limits of the `content` POST; Html has none documented. */
export const CONTENT_LIMITS = { name: 100, category: 50, subject: 100, html: LONG_TEXT_MAX };

/**
 * Checks and sends a `content` POST; without ContentId it creates, with it it updates. On create
 * an added blank Category or Subject is an error; on update a blank one is sent, as it clears
 * the field (the POST replaces the record's fields).
 */
export async function saveContent(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: { ContentId?: string; Name: unknown; Category: unknown; Subject: unknown; Html: unknown },
): Promise<unknown> {
	const presence = fields.ContentId ? 'optional' : 'added';
	const form: IDataObject = {
		...(fields.ContentId ? { ContentId: fields.ContentId } : {}),
		Name: requireText(context, itemIndex, 'Name', fields.Name, CONTENT_LIMITS.name),
		Category:
			readText(
				context,
				itemIndex,
				'Category',
				fields.Category,
				presence,
				CONTENT_LIMITS.category,
			) ?? '',
		Subject:
			readText(context, itemIndex, 'Subject', fields.Subject, presence, CONTENT_LIMITS.subject) ??
			'',
		Html: requireText(context, itemIndex, 'HTML', fields.Html, CONTENT_LIMITS.html),
	};
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
