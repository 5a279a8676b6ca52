import { formatDisplay, parseDocDate } from '../dates';
import type { Store } from '../store';
import type { Call } from '../types';
import {
	type Params,
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
} from './common';

const CONTACTS = { all: ['contacts'] };

export function serializeCall(c: Call): Record<string, unknown> {
	return {
		CallId: String(c.CallId),
		Completed: String(c.completed),
		FlagImportant: String(c.flagImportant),
		Reason: c.Reason,
		AssignedTo: c.AssignedTo,
		InsideTeamId: c.insideTeamId === null ? '' : String(c.insideTeamId),
		// As printed: DateAdded carries a " UTC" suffix, NextContactDate is account (Arizona) time.
		DateAdded: `${formatDisplay(c.addedMs, 'utc')} UTC`,
		NextContactDate: c.nextContactMs === null ? '' : formatDisplay(c.nextContactMs, 'arizona'),
		ClientId: c.ClientId,
		CallType: c.CallType,
	};
}

const bool = (text: string) => /^(true|1|yes)$/i.test(text);

function applyCallFields(store: Store, params: Params, call: Call): string | undefined {
	const next = params.get('NextContactDate');
	if (next !== undefined) {
		const ms = parseDocDate(next, 'arizona');
		if (ms === undefined) return 'Invalid NextContactDate - expected YYYY-MM-DD hh:mm';
		call.nextContactMs = ms;
	}
	const callType = params.get('CallType');
	if (callType !== undefined) call.CallType = callType;
	const completed = params.get('Completed');
	if (completed !== undefined) call.completed = bool(completed);
	const dateCompleted = params.get('DateCompleted');
	if (dateCompleted !== undefined) {
		const ms = parseDocDate(dateCompleted, 'utc') ?? Date.parse(dateCompleted);
		if (Number.isNaN(ms)) return 'Invalid DateCompleted';
		call.completedMs = ms;
	}
	const flag = params.get('FlagImportant');
	if (flag !== undefined) call.flagImportant = bool(flag);
	const reason = params.get('Reason');
	if (reason !== undefined) {
		if (reason.length > 100) return 'Reason exceeds the 100 character limit';
		call.Reason = reason;
	}
	const teamRaw = params.get('InsideTeamId');
	const assignedTo = params.get('AssignedTo');
	if (teamRaw !== undefined) {
		const member = store.data.team.find((m) => m.InsideTeamId === parseId(teamRaw));
		if (!member) return 'Invalid InsideTeamId';
		call.insideTeamId = member.InsideTeamId;
		call.AssignedTo = member.Name;
	} else if (assignedTo !== undefined) {
		const member = store.data.team.find((m) => m.Name.toLowerCase() === assignedTo.toLowerCase());
		if (!member) return 'Invalid AssignedTo';
		call.insideTeamId = member.InsideTeamId;
		call.AssignedTo = member.Name;
	}
	const clientRaw = params.get('ClientId');
	if (clientRaw !== undefined) {
		const ref = parseContactRef(clientRaw);
		if (!ref || !contactRefExists(store, ref)) return `Invalid ClientId ${clientRaw}`;
		call.ClientId = formatContactRef(ref);
	}
	return undefined;
}

const listCalls: Route = {
	method: 'GET',
	requestType: 'calls',
	scopes: CONTACTS,
	handle(ctx) {
		const { params, store } = ctx;
		const callId = parseId(params.get('callId'));
		if (callId !== undefined) {
			const call = store.data.calls.get(callId);
			return call
				? ok({ Data: [serializeCall(call)] })
				: errors.successFalse(`CallId ${callId} not found`);
		}
		const rawClient = params.get('clientId');
		if (!rawClient) return errors.successFalse('callId or clientId is required');
		const ref = parseContactRef(rawClient);
		if (!ref || !contactRefExists(store, ref))
			return errors.successFalse(`clientId ${rawClient} not found`);
		const key = formatContactRef(ref);
		const list = [...store.data.calls.values()].filter((c) => c.ClientId === key);
		if (params.bool('orderByNextContactDate'))
			list.sort((a, b) => (b.nextContactMs ?? 0) - (a.nextContactMs ?? 0));
		else list.sort((a, b) => a.addedMs - b.addedMs || a.CallId - b.CallId);
		// Paging only when `page` is sent; the docs give no default size, 100 like tasks (sandbox choice).
		return ok({
			Data: (params.has('page') ? paginate(list, params, 100) : list).map(serializeCall),
		});
	},
};

const createCall: Route = {
	method: 'POST',
	requestType: 'calls',
	scopes: CONTACTS,
	handle(ctx) {
		if (!ctx.params.get('ClientId')) return errors.successFalse('ClientId is required');
		const call: Call = {
			CallId: 0,
			ClientId: '',
			completed: false,
			flagImportant: false,
			Reason: '',
			insideTeamId: null,
			AssignedTo: '',
			addedMs: ctx.now,
			nextContactMs: null,
			CallType: '',
			completedMs: null,
		};
		const error = applyCallFields(ctx.store, ctx.params, call);
		if (error) return errors.successFalse(error);
		call.CallId = ctx.store.nextId('call');
		ctx.store.data.calls.set(call.CallId, call);
		return ok({ success: true, id: call.CallId }, true);
	},
};

const updateCall: Route = {
	method: 'PUT',
	requestType: 'calls',
	scopes: CONTACTS,
	handle(ctx) {
		const id = parseId(ctx.params.get('CallId'));
		const call = id === undefined ? undefined : ctx.store.data.calls.get(id);
		if (!call) return errors.successFalse(`CallId ${ctx.params.get('CallId') ?? ''} not found`);
		const draft = { ...call };
		const error = applyCallFields(ctx.store, ctx.params, draft);
		if (error) return errors.successFalse(error);
		Object.assign(call, draft);
		return ok({ success: true, id: call.CallId }, true);
	},
};

/**
 * DELETE is documented as requestType `webhooks` + `CallId` (dispatched from the webhooks route under
 * deleteReading `asPrinted`, and from `DELETE calls` under `resource`). The docs print no response; the
 * body mirrors calls POST/PUT (`{"success": true, "id": 123}`, sandbox choice).
 */
export function deleteCall(ctx: RequestContext): Reply {
	const id = parseId(ctx.params.get('CallId'));
	if (id === undefined || !ctx.store.data.calls.delete(id)) {
		return errors.successFalse(`CallId ${ctx.params.get('CallId') ?? ''} not found`);
	}
	return ok({ success: true, id });
}

/** `DELETE calls` + `CallId`: exists only under deleteReading `resource` (the docs print `webhooks`). */
const deleteCallRoute: Route = {
	method: 'DELETE',
	requestType: 'calls',
	available: (settings) => settings.deleteReading === 'resource',
	scopes: CONTACTS,
	handle: deleteCall,
};

export const callRoutes: Route[] = [listCalls, createCall, updateCall, deleteCallRoute];
