import fc from 'fast-check';
import nock from 'nock';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { credentialData, runWiseAgentNode } from '../helpers/n8n';
import { sandboxCredentials } from '../helpers/sandboxCredentials';
import type { Field } from './inputFields';
import { FROM_ITEM, KINDS, collectFields, parametersFor, setAt, show } from './inputFields';

/**
 * Bad input against the sandbox, for a representative subset of write operations: whatever a
 * field of the operation holds, no existing record other than the targeted one changes in the
 * account (and nothing at all when the input is rejected).
 */
let sandbox: Sandbox;
let credentials: ReturnType<typeof credentialData>;

beforeAll(async () => {
	nock.restore(); // real sockets to 127.0.0.1
	sandbox = await startSandbox({ contacts: 8, seed: 3, strict: true });
	credentials = sandboxCredentials(sandbox);
});
afterAll(async () => {
	await sandbox.stop();
});

/** Each operation's target: the parameters that pick it, and the record it may change. */
function targets() {
	const data = sandbox.store.data;
	const first = <T>(map: Map<number, T>) => [...map.keys()][0];
	const contact = first(data.contacts);
	const note = [...data.notes.values()].find((entry) => !entry.locked && !entry.vendor)!;
	const locator = (value: number) => ({ __rl: true, mode: 'id', value: String(value) });
	return {
		'contact.update': { ids: { contactId: locator(contact) }, record: `contacts:${contact}` },
		'contact.addCustomField': {
			ids: { contactId: locator(contact) },
			record: `contacts:${contact}`,
		},
		// A note edit also touches its contact's last update.
		'note.update': {
			ids: { noteId: String(note.NoteID) },
			record: `notes:${note.NoteID}`,
			alsoRecord: `contacts:${note.ownerId}`,
		},
		'property.update': {
			ids: { propertyId: locator(first(data.properties)) },
			record: `properties:${first(data.properties)}`,
		},
		'task.update': {
			ids: { taskId: locator(first(data.tasks)) },
			record: `tasks:${first(data.tasks)}`,
		},
		'call.update': {
			ids: { callId: String(first(data.calls)) },
			record: `calls:${first(data.calls)}`,
		},
	} as Record<string, { ids: Record<string, unknown>; record: string; alsoRecord?: string }>;
}

/** Every record of the account as `kind:id` → JSON, plus the other store keys. */
function snapshot(): Map<string, string> {
	const records = new Map<string, string>();
	for (const [kind, value] of Object.entries(sandbox.store.data)) {
		if (value instanceof Map) {
			for (const [id, record] of value) records.set(`${kind}:${id}`, JSON.stringify(record));
		} else if (kind !== 'sequences') {
			records.set(kind, JSON.stringify(value));
		}
	}
	return records;
}

function changedRecords(before: Map<string, string>, after: Map<string, string>): string[] {
	const keys = new Set([...before.keys(), ...after.keys()]);
	return [...keys].filter((key) => before.get(key) !== after.get(key));
}

const ID_FIELDS = new Set(['contactId', 'noteId', 'propertyId', 'taskId', 'callId']);
const RUNS_PER_OPERATION = 50;

describe('bad input changes no other record in the sandbox', () => {
	const operations = [
		'contact.update',
		'contact.addCustomField',
		'note.update',
		'property.update',
		'task.update',
		'call.update',
	];
	const fields = collectFields();
	let runs = 0;
	const started = Date.now();
	afterAll(() => {
		console.log(
			`sandbox isolation: ${runs} runs over ${operations.length} write operations in ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);
	});

	it.each(operations)(
		'%s',
		async (key) => {
			const target = targets()[key];
			const own = fields.filter(
				(field) =>
					`${field.resource}.${field.operation}` === key && !ID_FIELDS.has(String(field.path[0])),
			);
			expect(own.length).toBeGreaterThan(0);
			const parametersWith = (field: Field) => ({ ...parametersFor(field), ...target.ids });
			await fc.assert(
				fc.asyncProperty(
					fc.constantFrom(...own),
					fc.oneof(...Object.values(KINDS)),
					async (field, value) => {
						runs++;
						const before = snapshot();
						const parameters = parametersWith(field);
						if (field.path.length === 5) setAt(parameters, field.path, FROM_ITEM);
						const result = await runWiseAgentNode({
							parameters,
							items: [{ v: value }] as never,
							credentials,
							continueOnFail: true,
						});
						const after = snapshot();
						// A record the request creates is its own effect (a category that did not exist,
						// the contact's new search profile); a change to any existing one is not allowed.
						const changed = changedRecords(before, after).filter((record) => before.has(record));
						const failed = result.items.some((item) => item.json.error !== undefined);
						const inputError =
							failed && !String(result.items[0].json.error).startsWith('Wise Agent');
						const allowed = inputError ? [] : [target.record, target.alsoRecord];
						const strays = changed.filter((record) => !allowed.includes(record));
						if (strays.length > 0) {
							throw new Error(
								`${field.key} = ${show(value)} changed ${strays.join(', ')} (${String(result.items[0]?.json.error ?? 'accepted')})`,
							);
						}
						return true;
					},
				),
				{ numRuns: RUNS_PER_OPERATION },
			);
		},
		60_000,
	);
});
