import { type RequestContext, type Route, errors, ok, parseId, splitList } from './common';
import { contactUpdateSubtype } from './contacts';

const CONTACTS = { all: ['contacts'] };

const getAllCategoriesWithCount: Route = {
	method: 'GET',
	requestType: 'getAllCategoriesWithCount',
	scopes: CONTACTS,
	handle(ctx) {
		const counts = new Map<string, number>();
		for (const c of ctx.store.data.contacts.values()) {
			for (const name of c.categories)
				counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
		}
		const CategoryInfo = [...ctx.store.data.categories.values()].map((cat) => ({
			name: cat.name,
			id: cat.id,
			clientCount: counts.get(cat.name.toLowerCase()) ?? 0,
		}));
		return ok({ CategoryInfo });
	},
};

const getCategoryClientCount: Route = {
	method: 'GET',
	requestType: 'getCategoryClientCount',
	scopes: CONTACTS,
	handle(ctx) {
		const wanted = ctx.params.get('category')?.toLowerCase();
		if (!wanted) return errors.arrayFalse('Missing category');
		let categorycount = 0;
		for (const c of ctx.store.data.contacts.values()) {
			if (c.categories.some((n) => n.toLowerCase() === wanted)) categorycount++;
		}
		return ok([{ success: 'true', categorycount }], true);
	},
};

const addCategories: Route = {
	method: 'POST',
	requestType: 'addCategories',
	scopes: CONTACTS,
	handle(ctx) {
		const names = splitList(ctx.params.get('categories'));
		if (!names.length) return errors.capital('Missing Categories CSV');
		const categories = names.map((name) => {
			const cat = ctx.store.ensureCategory(name);
			return { catName: cat.name, catID: String(cat.id) };
		});
		return ok({ success: true, categories });
	},
};

/** Shared by add/remove: validates `category` + `clientids`, applies, touches, fires contactUpdateCategory. */
function changeMembership(ctx: RequestContext, add: boolean) {
	const { params, store } = ctx;
	const name = params.get('category');
	if (!name) return errors.arrayFalse('Missing category');
	const rawIds = splitList(params.get('clientids'));
	if (!rawIds.length) return errors.arrayFalse('Missing clientids');
	const contacts = rawIds.map((raw) => store.data.contacts.get(parseId(raw) ?? -1));
	const unknown = rawIds.filter((_, i) => !contacts[i]);
	if (unknown.length) return errors.arrayFalse(`Invalid clientids: ${unknown.join(',')}`);
	const existing = store.categoryByName(name);
	if (!add && !existing) return errors.arrayFalse(`Category '${name}' not found`);
	// Adding to a category that does not exist yet creates it (sandbox choice; the docs do not say).
	const category = existing ?? store.ensureCategory(name);
	for (const contact of contacts) {
		const has = contact!.categories.some((n) => n.toLowerCase() === category.name.toLowerCase());
		if (add && !has) contact!.categories.push(category.name);
		if (!add && has)
			contact!.categories = contact!.categories.filter(
				(n) => n.toLowerCase() !== category.name.toLowerCase(),
			);
		store.touchContact(contact!, ctx.now);
	}
	ctx.emit({
		type: 'contactUpdate',
		subtype: contactUpdateSubtype(new Set(['category'])),
		ids: contacts.map((c) => c!.ClientID),
	});
	return ok([{ success: 'true' }], true);
}

const addClientsToCategory: Route = {
	method: 'POST',
	requestType: 'addClientsToCategory',
	scopes: CONTACTS,
	handle: (ctx) => changeMembership(ctx, true),
};

const removeClientsFromCategory: Route = {
	method: 'POST',
	requestType: 'removeClientsFromCategory',
	scopes: CONTACTS,
	handle: (ctx) => changeMembership(ctx, false),
};

export const categoryRoutes: Route[] = [
	getAllCategoriesWithCount,
	getCategoryClientCount,
	addCategories,
	addClientsToCategory,
	removeClientsFromCategory,
];
