import { arizonaDayKey, formatDisplay, parseDocDate } from '../dates';
import type { Note } from '../types';
import {
	type ContactRef,
	type Reply,
	type RequestContext,
	type Route,
	contactRefExists,
	errors,
	formatContactRef,
	ok,
	paginate,
	parseContactRef,
	parseId,
	splitList,
} from './common';

const CONTACTS = { all: ['contacts'] };

export function serializeNote(n: Note): Record<string, unknown> {
	return {
		NoteID: n.NoteID,
		ClientID: formatContactRef({ vendor: n.vendor, id: n.ownerId }),
		Subject: n.Subject,
		Note: n.Note,
		NoteDate: formatDisplay(n.createdMs, 'arizona'),
		// Like contact Categories: JSON encoded inside a string.
		Categories: JSON.stringify(n.categories.map((name) => ({ name }))),
		insideteamid: n.insideTeamId,
	};
}

/** Touches the owning client so polling by date notices note changes. Vendors have no dates to poll. */
function touchOwner(ctx: RequestContext, ref: ContactRef): void {
	if (ref.vendor) return;
	const contact = ctx.store.data.contacts.get(ref.id);
	if (contact) ctx.store.touchContact(contact, ctx.now);
}

const getContactNotes: Route = {
	method: 'GET',
	requestType: 'getContactNotes',
	scopes: CONTACTS,
	handle(ctx) {
		const { params, store } = ctx;
		const rawClient = params.get('ClientID');
		const ref = rawClient ? parseContactRef(rawClient) : undefined;
		if (rawClient && (!ref || !contactRefExists(store, ref)))
			return errors.capital(`Invalid Field ClientID - ${rawClient} not found`);
		const noteId = parseId(params.get('NoteID'));
		if (params.get('NoteID') && noteId === undefined) return errors.capital('Invalid Field NoteID');
		const categories = splitList(params.get('categories')).map((c) => c.toLowerCase());
		const subject = params.get('subject')?.toLowerCase();
		const dateText = params.get('date');
		let day: string | undefined;
		if (dateText) {
			const ms = parseDocDate(dateText, 'arizona');
			if (ms === undefined)
				return errors.capital('Invalid Field date - expected MM/DD/YYYY or YYYY-MM-DD');
			day = arizonaDayKey(ms);
		}
		const list = [...store.data.notes.values()]
			.filter(
				(n) =>
					(!ref || (n.vendor === ref.vendor && n.ownerId === ref.id)) &&
					(noteId === undefined || n.NoteID === noteId) &&
					(!categories.length || n.categories.some((c) => categories.includes(c.toLowerCase()))) &&
					(!subject || n.Subject.toLowerCase().includes(subject)) &&
					(!day || arizonaDayKey(n.createdMs) === day),
			)
			// Newest first (sandbox choice: the docs do not give an order).
			.sort((a, b) => b.createdMs - a.createdMs || b.NoteID - a.NoteID);
		return ok(paginate(list, params, 100).map(serializeNote));
	},
};

const addContactNote: Route = {
	method: 'POST',
	requestType: 'addContactNote',
	scopes: CONTACTS,
	handle(ctx) {
		const { params, store, now } = ctx;
		const rawIds = splitList(params.get('clientids'));
		if (!rawIds.length) return errors.arrayFalse('Missing clientids');
		const refs = rawIds.map((raw) => ({ raw, ref: parseContactRef(raw) }));
		const unknown = refs
			.filter(({ ref }) => !ref || !contactRefExists(store, ref))
			.map(({ raw }) => raw);
		if (unknown.length) return errors.arrayFalse(`Invalid clientids: ${unknown.join(',')}`);
		const categories = splitList(params.get('categories'));
		const data = refs.map(({ ref }) => {
			const note: Note = {
				NoteID: store.nextId('note'),
				ownerId: ref!.id,
				vendor: ref!.vendor,
				Subject: params.get('subject') ?? '',
				Note: params.get('note') ?? '',
				categories,
				insideTeamId: parseId(params.get('InsideTeamId')) ?? 0,
				createdMs: now,
				locked: false,
			};
			store.data.notes.set(note.NoteID, note);
			touchOwner(ctx, ref!);
			return { ClientID: ref!.vendor ? formatContactRef(ref!) : ref!.id, NoteID: note.NoteID };
		});
		// No noteCreate webhook: documented to fire for manual (web app) notes only.
		return ok([{ success: 'true', data }], true);
	},
};

/** Finds an unlocked note of the right kind (`vendor=true` selects vendor notes). */
function editableNote(ctx: RequestContext, action: string): Note | Reply {
	const id = parseId(ctx.params.get('noteID'));
	const note = id === undefined ? undefined : ctx.store.data.notes.get(id);
	if (!note || note.vendor !== ctx.params.bool('vendor')) {
		return errors.arrayFalse(`NoteID ${ctx.params.get('noteID') ?? ''} not found`);
	}
	if (note.locked)
		return errors.arrayFalse(`Note ${note.NoteID} is locked and cannot be ${action}`);
	return note;
}

const isNote = (value: Note | Reply): value is Note => 'NoteID' in value;

const updateContactNote: Route = {
	method: 'PUT',
	requestType: 'updateContactNote',
	scopes: CONTACTS,
	handle(ctx) {
		const note = editableNote(ctx, 'updated');
		if (!isNote(note)) return note;
		const text = ctx.params.get('note');
		const subject = ctx.params.get('subject');
		if (text !== undefined) note.Note = text;
		if (subject !== undefined) note.Subject = subject;
		touchOwner(ctx, { vendor: note.vendor, id: note.ownerId });
		return ok([{ success: 'true' }], true);
	},
};

const updateContactNoteCategories: Route = {
	method: 'PUT',
	requestType: 'updateContactNoteCategories',
	scopes: CONTACTS,
	handle(ctx) {
		const note = editableNote(ctx, 'updated');
		if (!isNote(note)) return note;
		note.categories = splitList(ctx.params.get('categories'));
		touchOwner(ctx, { vendor: note.vendor, id: note.ownerId });
		return ok([{ success: 'true' }], true);
	},
};

const removeContactNote: Route = {
	method: 'DELETE',
	requestType: 'removeContactNote',
	scopes: CONTACTS,
	handle(ctx) {
		const note = editableNote(ctx, 'removed');
		if (!isNote(note)) return note;
		ctx.store.data.notes.delete(note.NoteID);
		touchOwner(ctx, { vendor: note.vendor, id: note.ownerId });
		return ok([{ success: 'true' }], true);
	},
};

export const noteRoutes: Route[] = [
	getContactNotes,
	addContactNote,
	updateContactNote,
	updateContactNoteCategories,
	removeContactNote,
];
