import type { Content } from '../types';
import { type Route, errors, findTooLong, ok, parseId } from './common';

const contentCategories: Route = {
	method: 'GET',
	requestType: 'ContentCategories',
	scopes: { all: ['contacts'] },
	handle(ctx) {
		const names = [
			...new Set([...ctx.store.data.content.values()].map((c) => c.Category).filter(Boolean)),
		];
		return ok({ data: names.map((Category) => ({ Category })) });
	},
};

function serializeContent(c: Content, withHtml: boolean): Record<string, unknown> {
	const out: Record<string, unknown> = {
		Id: String(c.Id),
		Name: c.Name,
		Category: c.Category,
		Subject: c.Subject,
	};
	if (withHtml) out.Html = c.Html;
	return out;
}

const getContent: Route = {
	method: 'GET',
	requestType: 'Content',
	scopes: { all: ['marketing'] },
	handle(ctx) {
		const rawId = ctx.params.get('ContentId');
		if (rawId) {
			const item = ctx.store.data.content.get(parseId(rawId) ?? -1);
			if (!item) return errors.successFalse(`ContentId ${rawId} not found`);
			return ok({ data: [serializeContent(item, true)] });
		}
		const category = ctx.params.get('Category')?.toLowerCase();
		const list = [...ctx.store.data.content.values()].filter(
			(c) => !category || c.Category.toLowerCase() === category,
		);
		// The printed list shows Html on every item, but the parameter text says Html comes only with
		// ContentId; the sandbox follows the parameter text.
		return ok({ data: list.map((c) => serializeContent(c, false)) });
	},
};

const LIMITS = { Name: 100, Category: 50, Subject: 100 };

const saveContent: Route = {
	method: 'POST',
	requestType: 'content',
	scopes: { all: ['marketing'] },
	handle(ctx) {
		const { params, store } = ctx;
		const tooLong = findTooLong(params, LIMITS);
		if (tooLong) return errors.successFalse(tooLong);
		const rawId = params.get('ContentId');
		const id = parseId(rawId);
		if (id !== undefined) {
			const item = store.data.content.get(id);
			if (!item) return errors.successFalse(`ContentId ${rawId} not found`);
			for (const field of ['Name', 'Category', 'Subject', 'Html'] as const) {
				const value = params.get(field);
				if (value !== undefined) item[field] = value;
			}
			return ok({ success: true, ContentId: item.Id });
		}
		const name = params.get('Name');
		const html = params.get('Html');
		if (!name || !html) return errors.successFalse('Name and Html are required');
		const item: Content = {
			Id: store.nextId('content'),
			Name: name,
			Category: params.get('Category') ?? '',
			Subject: params.get('Subject') ?? '',
			Html: html,
		};
		store.data.content.set(item.Id, item);
		// Response undocumented: `{"success":true,"ContentId":...}` (sandbox choice).
		return ok({ success: true, ContentId: item.Id });
	},
};

export const contentRoutes: Route[] = [contentCategories, getContent, saveContent];
