import type { WebhookEvent } from './handlers/common';
import { blankContact, contactUpdateSubtype } from './handlers/contacts';
import type { Store } from './store';
import { CONTACT_TEXT_FIELDS } from './types';

/**
 * A change made by a person in the Wise Agent web app, which the API cannot make (contact delete) or
 * which fires webhooks only when made by hand (noteCreate / noteUpdate).
 */
export type SimulatedChange =
	| { event: 'contactCreate'; fields?: Record<string, unknown> }
	| { event: 'contactUpdate'; id: number; fields: Record<string, unknown> }
	| { event: 'contactDelete'; id: number }
	| {
			event: 'noteCreate';
			clientId: number | string;
			note: string;
			subject?: string;
			categories?: string[];
			locked?: boolean;
	  }
	| { event: 'noteUpdate'; noteId: number; note?: string; subject?: string; locked?: boolean }
	| { event: 'taskCreate'; fields?: Record<string, unknown> }
	| { event: 'taskUpdate'; id: number; fields: Record<string, unknown> }
	| { event: 'taskDelete'; id: number }
	| { event: 'propertyCreate'; fields?: Record<string, string> }
	| { event: 'propertyUpdate'; id: number; fields: Record<string, string> }
	| { event: 'propertyDelete'; id: number };

export interface SimulationResult {
	id: number;
	event: WebhookEvent;
}

const TEXT_FIELDS = new Set<string>([...CONTACT_TEXT_FIELDS, 'Rank', 'Title', 'Website']);

function must<T>(value: T | undefined, what: string): T {
	if (value === undefined) throw new Error(`${what} not found`);
	return value;
}

export function applySimulatedChange(
	store: Store,
	change: SimulatedChange,
	now = Date.now(),
): SimulationResult {
	switch (change.event) {
		case 'contactCreate': {
			const contact = blankContact(store.nextId('contact'), now);
			Object.assign(contact, { CFirst: 'Manual', CLast: 'Entry', Source: 'Manual' });
			applyContactFields(store, contact, change.fields ?? {});
			store.addContact(contact);
			return { id: contact.ClientID, event: { type: 'contactCreate', ids: [contact.ClientID] } };
		}
		case 'contactUpdate': {
			const contact = must(store.data.contacts.get(Number(change.id)), `ClientID ${change.id}`);
			const aspects = applyContactFields(store, contact, change.fields ?? {});
			store.touchContact(contact, now);
			return {
				id: contact.ClientID,
				event: {
					type: 'contactUpdate',
					subtype: contactUpdateSubtype(aspects),
					ids: [contact.ClientID],
				},
			};
		}
		case 'contactDelete': {
			const id = Number(change.id);
			if (!store.deleteContact(id)) throw new Error(`ClientID ${change.id} not found`);
			return { id, event: { type: 'contactDelete', ids: [id] } };
		}
		case 'noteCreate': {
			const raw = String(change.clientId);
			const vendor = /^v/i.test(raw);
			const ownerId = Number(raw.replace(/^v/i, ''));
			if (vendor ? !store.data.vendors.has(ownerId) : !store.data.contacts.has(ownerId))
				throw new Error(`ClientID ${raw} not found`);
			const id = store.nextId('note');
			store.data.notes.set(id, {
				NoteID: id,
				ownerId,
				vendor,
				Subject: change.subject ?? '',
				Note: change.note ?? '',
				categories: change.categories ?? [],
				insideTeamId: 0,
				createdMs: now,
				locked: change.locked ?? false,
			});
			const contact = vendor ? undefined : store.data.contacts.get(ownerId);
			if (contact) store.touchContact(contact, now);
			return { id, event: { type: 'noteCreate', ids: [id] } };
		}
		case 'noteUpdate': {
			const note = must(store.data.notes.get(Number(change.noteId)), `NoteID ${change.noteId}`);
			if (change.note !== undefined) note.Note = change.note;
			if (change.subject !== undefined) note.Subject = change.subject;
			if (change.locked !== undefined) note.locked = change.locked;
			return { id: note.NoteID, event: { type: 'noteUpdate', ids: [note.NoteID] } };
		}
		case 'taskCreate': {
			const id = store.nextId('task');
			store.data.tasks.set(id, {
				TaskID: id,
				Description: 'Manual task',
				TaskNote: '',
				dueMs: null,
				Priority: 0,
				insideTeamId: 0,
				EstimatedTime: 0,
				ContactID: '0',
				completed: false,
				completedMs: null,
				createdMs: now,
				modifiedMs: now,
				...(change.fields ?? {}),
			});
			return { id, event: { type: 'taskCreate', ids: [id] } };
		}
		case 'taskUpdate': {
			const task = must(store.data.tasks.get(Number(change.id)), `TaskID ${change.id}`);
			const fields = { ...(change.fields ?? {}) };
			const completing = fields.completed === true && !task.completed;
			if (completing) fields.completedMs = now;
			Object.assign(task, fields, { modifiedMs: Math.max(now, task.modifiedMs + 1) });
			const onlyCompleted =
				completing && Object.keys(change.fields).every((k) => k === 'completed');
			return {
				id: task.TaskID,
				event: {
					type: 'taskUpdate',
					subtype: onlyCompleted ? 'taskUpdateComplete' : undefined,
					ids: [task.TaskID],
				},
			};
		}
		case 'taskDelete': {
			const id = Number(change.id);
			if (!store.data.tasks.delete(id)) throw new Error(`TaskID ${change.id} not found`);
			return { id, event: { type: 'taskDelete', ids: [id] } };
		}
		case 'propertyCreate': {
			const id = store.nextId('property');
			store.data.properties.set(id, {
				PropertyID: id,
				fields: { AddressNum: '1', Address: 'Manual St', ...(change.fields ?? {}) },
				archived: false,
				photos: [],
				connections: [],
				createdMs: now,
				updatedMs: now,
			});
			return { id, event: { type: 'propertyCreate', ids: [id] } };
		}
		case 'propertyUpdate': {
			const property = must(
				store.data.properties.get(Number(change.id)),
				`PropertyID ${change.id}`,
			);
			Object.assign(property.fields, change.fields ?? {});
			property.updatedMs = Math.max(now, property.updatedMs + 1);
			return {
				id: property.PropertyID,
				event: { type: 'propertyUpdate', ids: [property.PropertyID] },
			};
		}
		case 'propertyDelete': {
			const id = Number(change.id);
			if (!store.data.properties.delete(id)) throw new Error(`PropertyID ${change.id} not found`);
			return { id, event: { type: 'propertyDelete', ids: [id] } };
		}
		default:
			throw new Error(`Unknown event '${(change as { event?: string }).event}'`);
	}
}

/** Applies web-app edits; returns which kinds changed (for the contactUpdate sub-type). */
function applyContactFields(
	store: Store,
	contact: ReturnType<typeof blankContact>,
	fields: Record<string, unknown>,
): Set<string> {
	const aspects = new Set<string>();
	for (const [key, value] of Object.entries(fields)) {
		if (key === 'Status') {
			contact.Status = value === null ? null : String(value);
			aspects.add('status');
		} else if (key === 'Source') {
			contact.Source = String(value);
			aspects.add('source');
		} else if (key === 'Categories' || key === 'categories') {
			const names = Array.isArray(value)
				? value.map(String)
				: String(value)
						.split(',')
						.map((s) => s.trim())
						.filter(Boolean);
			contact.categories = names.map((n) => store.ensureCategory(n).name);
			aspects.add('category');
		} else if (TEXT_FIELDS.has(key)) {
			(contact as Record<string, unknown>)[key] = String(value);
			if (key === 'CEmail') store.reindexContact(contact);
			aspects.add('other');
		} else {
			throw new Error(`Unknown contact field '${key}'`);
		}
	}
	return aspects;
}
