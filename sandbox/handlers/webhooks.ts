import { WEBHOOK_EVENT_TYPES } from '../types';
import type { Webhook, WebhookEventType } from '../types';
import {
	type Params,
	type Reply,
	type RequestContext,
	type Route,
	errors,
	ok,
	parseId,
} from './common';
import { deleteCall } from './calls';
import { deleteTask } from './tasks';

const PROFILE = { all: ['profile'] };

function serializeWebhook(w: Webhook): Record<string, unknown> {
	return { WebhookID: String(w.WebhookID), EventType: w.EventType, Status: w.Status, Url: w.Url };
}

function validate(params: Params, partial: boolean): string | Partial<Webhook> {
	const out: Partial<Webhook> = {};
	const eventType = params.get('EventType');
	if (eventType !== undefined || !partial) {
		if (!eventType || !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(eventType)) {
			return `Invalid EventType '${eventType ?? ''}'. One of: ${WEBHOOK_EVENT_TYPES.join(', ')}`;
		}
		out.EventType = eventType as WebhookEventType;
	}
	const status = params.get('Status');
	if (status !== undefined) {
		if (status !== 'Active' && status !== 'Disabled')
			return 'Invalid Status. One of: Active, Disabled';
		out.Status = status;
	}
	const url = params.get('Url');
	if (url !== undefined || !partial) {
		try {
			const parsed = new URL(url ?? '');
			if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
		} catch {
			return 'Invalid Url';
		}
		out.Url = url;
	}
	return out;
}

const listWebhooks: Route = {
	method: 'GET',
	requestType: 'webhooks',
	scopes: PROFILE,
	handle(ctx) {
		return ok({ Data: [...ctx.store.data.webhooks.values()].map(serializeWebhook) });
	},
};

// The docs print no response for webhook POST/PUT/DELETE; the sandbox mirrors the tasks responses
// (`{"success":true,"WebhookID":123}`) and the `{"success":false,"message":...}` error style (sandbox choice).
const createWebhook: Route = {
	method: 'POST',
	requestType: 'webhooks',
	scopes: PROFILE,
	handle(ctx) {
		const fields = validate(ctx.params, false);
		if (typeof fields === 'string') return errors.successFalse(fields);
		const hook: Webhook = {
			WebhookID: ctx.store.nextId('webhook'),
			EventType: fields.EventType!,
			Status: fields.Status ?? 'Active',
			Url: fields.Url!,
		};
		ctx.store.data.webhooks.set(hook.WebhookID, hook);
		return ok({ success: true, WebhookID: hook.WebhookID });
	},
};

const updateWebhook: Route = {
	method: 'PUT',
	requestType: 'webhooks',
	scopes: PROFILE,
	handle(ctx) {
		const id = parseId(ctx.params.get('WebhookID'));
		const hook = id === undefined ? undefined : ctx.store.data.webhooks.get(id);
		if (!hook)
			return errors.successFalse(`WebhookID ${ctx.params.get('WebhookID') ?? ''} not found`);
		const fields = validate(ctx.params, true);
		if (typeof fields === 'string') return errors.successFalse(fields);
		Object.assign(hook, fields);
		return ok({ success: true, WebhookID: hook.WebhookID });
	},
};

/**
 * The docs list three DELETEs under requestType `webhooks`: by WebhookID (webhooks), by TaskID (tasks)
 * and by CallId (call list). The id parameter sent picks which one; WebhookID wins if several are sent.
 */
function deleteTarget(params: Params): 'webhook' | 'task' | 'call' {
	if (params.has('WebhookID')) return 'webhook';
	if (params.has('TaskID')) return 'task';
	if (params.has('CallId')) return 'call';
	return 'webhook';
}

/**
 * deleteReading `resource` (the print is a misprint for DELETE tasks / DELETE calls): a webhooks DELETE
 * that carries a TaskID or CallId is the worst case, acknowledged with the body the real delete would
 * give, and nothing is deleted (no record removed, no taskDelete webhook).
 */
function acknowledgeOnly(ctx: RequestContext, target: 'task' | 'call'): Reply {
	const name = target === 'task' ? 'TaskID' : 'CallId';
	const raw = ctx.params.get(name) ?? '';
	const id = parseId(raw) ?? raw;
	return target === 'task' ? ok({ success: true, TaskID: id }) : ok({ success: true, id });
}

const deleteWebhooks: Route = {
	method: 'DELETE',
	requestType: 'webhooks',
	// The scope follows the id sent under both readings, so the worst case is answered like the real delete.
	scopes: (params) =>
		({ webhook: PROFILE, task: { all: ['team'] }, call: { all: ['contacts'] } })[
			deleteTarget(params)
		],
	handle(ctx) {
		const target = deleteTarget(ctx.params);
		if (target !== 'webhook' && ctx.settings.deleteReading === 'resource')
			return acknowledgeOnly(ctx, target);
		if (target === 'task') return deleteTask(ctx);
		if (target === 'call') return deleteCall(ctx);
		const id = parseId(ctx.params.get('WebhookID'));
		if (id === undefined || !ctx.store.data.webhooks.delete(id)) {
			return errors.successFalse(`WebhookID ${ctx.params.get('WebhookID') ?? ''} not found`);
		}
		return ok({ success: true, WebhookID: id });
	},
};

export const webhookRoutes: Route[] = [listWebhooks, createWebhook, updateWebhook, deleteWebhooks];
