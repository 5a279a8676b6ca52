import { type Route, errors, ok, parseId, splitList } from './common';

const MARKETING = { all: ['marketing'] };

const getPrograms: Route = {
	method: 'GET',
	requestType: 'getPrograms',
	scopes: MARKETING,
	handle(ctx) {
		const list = [...ctx.store.data.programs.values()].map((p) => ({
			ProgramName: p.ProgramName,
			ProgramID: String(p.ProgramID),
		}));
		return ok(list, true);
	},
};

const addClientsToMarketingProgram: Route = {
	method: 'POST',
	requestType: 'addClientsToMarketingProgram',
	scopes: MARKETING,
	handle(ctx) {
		const { params, store } = ctx;
		const program = store.data.programs.get(parseId(params.get('programID')) ?? -1);
		if (!program) return errors.arrayFalse(`Program ${params.get('programID') ?? ''} not found`);
		const rawIds = splitList(params.get('clientids'));
		if (!rawIds.length) return errors.arrayFalse('Missing clientids');
		const contacts = rawIds.map((raw) => store.data.contacts.get(parseId(raw) ?? -1));
		const unknown = rawIds.filter((_, i) => !contacts[i]);
		if (unknown.length) return errors.arrayFalse(`Invalid clientids: ${unknown.join(',')}`);
		for (const contact of contacts) {
			if (!program.clientIds.includes(contact!.ClientID)) program.clientIds.push(contact!.ClientID);
			store.touchContact(contact!, ctx.now);
		}
		return ok([{ success: 'true' }], true);
	},
};

const getTransactionNames: Route = {
	method: 'GET',
	requestType: 'getTransactionNames',
	scopes: MARKETING,
	handle(ctx) {
		const list = [...ctx.store.data.transactions.values()].map(
			({ CLName, CLDataID, deleted, Completed, CompletedDate }) => ({
				CLName,
				CLDataID,
				deleted,
				Completed,
				CompletedDate,
			}),
		);
		return ok(list, true);
	},
};

const getTransactionNotes: Route = {
	method: 'GET',
	requestType: 'getTransactionNotes',
	scopes: MARKETING,
	handle(ctx) {
		const transaction = ctx.store.data.transactions.get(
			parseId(ctx.params.get('transactionID')) ?? -1,
		);
		if (!transaction)
			return errors.capital(
				`Invalid Field transactionID - ${ctx.params.get('transactionID') ?? ''} not found`,
			);
		// Printed as `"{Notes: [...]"` (unquoted key, unbalanced); read as {"Notes":[...]}.
		return ok({ Notes: transaction.notes.map((n) => ({ ...n })) }, true);
	},
};

/** Executable/binary types the docs say are refused ("Application Binary / Executable files will not be accepted"). */
const REFUSED_EXTENSIONS = /\.(exe|bat|cmd|com|msi|dll|scr|bin|app|jar|sh|ps1|vbs)$/i;

const attachFile: Route = {
	method: 'POST',
	requestType: 'attachFile',
	scopes: { any: ['marketing', 'contacts'] },
	handle(ctx) {
		const { params, store } = ctx;
		const url = params.get('url');
		let path = '';
		try {
			path = new URL(url ?? '').pathname;
		} catch {
			return errors.status('A publicly accessible url is required');
		}
		if (REFUSED_EXTENSIONS.test(path)) return errors.status('File type not allowed');
		const transactionId = parseId(params.get('CLDataID'));
		const clientId = parseId(params.get('ClientID'));
		if (transactionId === undefined && clientId === undefined)
			return errors.status('CLDataID or ClientID is required');
		if (transactionId !== undefined && !store.data.transactions.has(transactionId))
			return errors.status('Transaction not found');
		const contact = clientId === undefined ? undefined : store.data.contacts.get(clientId);
		if (clientId !== undefined && !contact) return errors.status('Client not found');
		// The sandbox records the attachment; it never downloads the file (so no 20MB check).
		store.data.files.push({
			id: store.nextId('file'),
			CLDataID: transactionId ?? null,
			ClientID: clientId ?? null,
			Description: params.get('Description') ?? '',
			url: url!,
			createdMs: ctx.now,
		});
		if (contact) store.touchContact(contact, ctx.now);
		return ok({ status: 'success', data: { message: 'File(s) uploaded' } });
	},
};

export const marketingRoutes: Route[] = [
	getPrograms,
	addClientsToMarketingProgram,
	getTransactionNames,
	getTransactionNotes,
	attachFile,
];
