/**
 * (d) Trigger lifecycle in real n8n: the webhook trigger registers one sandbox webhook per event
 * family on activation, a change starts exactly one execution, a call without the secret token is
 * refused (401) and starts none, deactivation removes the webhooks. The poll trigger emits a
 * changed contact exactly once.
 */
import { randomUUID } from 'crypto';

import { sleep } from '../../lib/http';
import { SANDBOX_CREDENTIAL_ID, SANDBOX_CREDENTIAL_NAME } from '../../lib/stack';
import {
	chain,
	check,
	createActiveWorkflow,
	equal,
	eventually,
	execution,
	executionsOf,
	nodeOutput,
	noOpNode,
	webhookTriggerWorkflow,
	type E2eCase,
	type E2eContext,
	type Json,
} from '../harness';

const credentials = {
	wiseAgentOAuth2Api: { id: SANDBOX_CREDENTIAL_ID, name: SANDBOX_CREDENTIAL_NAME },
};

/** Executions of a workflow whose trigger output contains `resourceId` (items of other changes are ignored). */
async function executionsFor(
	ctx: E2eContext,
	workflowId: string,
	triggerName: string,
	match: (item: Json) => boolean,
) {
	const found: Array<{ id: string; items: Json[] }> = [];
	for (const summary of await executionsOf(ctx, workflowId)) {
		if (summary.status === 'running' || summary.status === 'new') continue;
		const items = nodeOutput(await execution(ctx, summary.id), triggerName).filter(match);
		if (items.length > 0) found.push({ id: summary.id, items });
	}
	return found;
}

export const triggerCases: E2eCase[] = [
	{
		name: 'webhook trigger: activation registers one webhook per event, a change -> one execution, no token -> 401, deactivation removes them',
		timeoutMs: 180_000,
		async run(ctx) {
			const { webhookId, workflow: definition } = webhookTriggerWorkflow(
				ctx,
				'e2e: webhook trigger lifecycle',
				{ events: ['contactCreate', 'contactUpdate'], includeRecord: true, options: {} },
			);
			const workflow = await createActiveWorkflow(ctx, definition);
			const urlPrefix = `${ctx.n8nUrl}/webhook/${webhookId}/webhook?token=`;
			const mine = async () =>
				(await ctx.sandbox.state()).webhooks.filter((hook) =>
					hook.Url.includes(`/webhook/${webhookId}/`),
				);

			// 1. registration
			const hooks = await mine();
			equal(hooks.length, 2, 'sandbox webhooks for this workflow');
			equal(
				hooks
					.map((hook) => hook.EventType)
					.sort()
					.join(','),
				'contactCreate,contactUpdate',
				'registered EventTypes',
			);
			for (const hook of hooks) {
				check(
					hook.Url.startsWith(urlPrefix),
					`webhook ${hook.WebhookID} points at ${hook.Url}, not at ${urlPrefix}...`,
				);
				equal(hook.Status, 'Active', `webhook ${hook.WebhookID} status`);
			}
			const token = new URL(hooks[0].Url).searchParams.get('token') ?? '';
			check(token.length >= 32, `secret token "${token}" is too short`);
			equal(
				new URL(hooks[1].Url).searchParams.get('token'),
				token,
				'both webhooks carry the same token',
			);

			// 2. a change in the web app -> exactly one execution with the expected item
			const contactId = 1003;
			await ctx.sandbox.simulate({
				event: 'contactUpdate',
				id: contactId,
				fields: { Status: 'Hot Lead' },
			});
			const isChange = (item: Json) => Number(item.resourceId) === contactId;
			const runs = await eventually('an execution for the contactUpdate', async () => {
				const found = await executionsFor(ctx, workflow.id, 'Wise Agent Trigger', isChange);
				return found.length > 0 ? found : undefined;
			});
			await sleep(2_500); // a duplicate would show up by now
			const settled = await executionsFor(ctx, workflow.id, 'Wise Agent Trigger', isChange);
			equal(settled.length, 1, 'executions for one contactUpdate');
			equal(settled[0].items.length, 1, 'items in that execution');
			const item = runs[0].items[0];
			equal(item.event, 'contactUpdate', 'item.event');
			equal(item.specificEvent, 'contactUpdateStatus', 'item.specificEvent');
			equal(
				(item.record as Json | null)?.Status,
				'Hot Lead',
				'item.record.Status (full record read from the sandbox)',
			);

			const created = await ctx.sandbox.simulate({
				event: 'contactCreate',
				fields: { CFirst: 'Tia', CLast: 'Trigger', CEmail: `tia.${Date.now()}@example.com` },
			});
			const createdRuns = await eventually('an execution for the contactCreate', async () => {
				const found = await executionsFor(
					ctx,
					workflow.id,
					'Wise Agent Trigger',
					(i) => Number(i.resourceId) === created.id,
				);
				return found.length > 0 ? found : undefined;
			});
			equal(createdRuns[0].items[0].event, 'contactCreate', 'contactCreate item.event');
			equal(
				(createdRuns[0].items[0].record as Json | null)?.CFirst,
				'Tia',
				'contactCreate item.record.CFirst',
			);

			// 3. without / with a wrong secret token: 401, nothing starts. Executions of other changes
			// (background cases change contacts; catch-up emits them) are fine: only one carrying the
			// refused delivery's id (no contact has it) would mean a refused call got through.
			const refusedId = 987_654_321;
			const body = JSON.stringify({
				EventType: 'contactCreate',
				EventCreated: new Date().toISOString(),
				ResourceIds: [refusedId],
			});
			for (const url of [
				`${ctx.n8nUrl}/webhook/${webhookId}/webhook`,
				`${urlPrefix}${'x'.repeat(token.length)}`,
			]) {
				const response = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body,
				});
				equal(response.status, 401, `POST ${url.replace(token, '<token>')} status`);
			}
			await sleep(2_000);
			equal(
				(
					await executionsFor(
						ctx,
						workflow.id,
						'Wise Agent Trigger',
						(i) => Number(i.resourceId) === refusedId,
					)
				).length,
				0,
				'executions with the id of the calls without the token',
			);

			// 4. deactivation removes exactly these webhooks
			await ctx.client.deactivateWorkflow(workflow.id);
			await eventually('the webhooks to be removed from the sandbox', async () =>
				(await mine()).length === 0 ? true : undefined,
			);
		},
	},
	{
		name: 'poll trigger: a changed contact is emitted exactly once (every-minute polls, about 3 minutes, runs in the background)',
		background: true,
		timeoutMs: 330_000,
		async run(ctx) {
			const trigger = {
				id: randomUUID(),
				name: 'Wise Agent Poll Trigger',
				type: `${ctx.packageName}.wiseAgentPollTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'contact',
					change: 'newOrUpdated',
					options: {},
				},
				credentials,
			};
			const nodes = [trigger, noOpNode()];
			const workflow = await createActiveWorkflow(ctx, {
				name: 'e2e: poll trigger',
				nodes,
				connections: chain(nodes),
			});
			// The first poll (within a minute of activation: a random second of every minute) only records
			// "now" and emits nothing. Wait past it, change one contact, wait for the poll that emits it,
			// then one more poll (the 2-minute overlap window still covers the change) that must not.
			// (other cases change contacts meanwhile: those executions are fine, only contact 1007 is counted)
			await sleep(62_000);
			const contactId = 1007;
			await ctx.sandbox.simulate({
				event: 'contactUpdate',
				id: contactId,
				fields: { Status: 'Warm' },
			});
			const isContact = (item: Json) => Number(item.ClientID ?? item.resourceId) === contactId;
			await eventually(
				'a poll execution with the changed contact',
				async () => {
					const found = await executionsFor(ctx, workflow.id, 'Wise Agent Poll Trigger', isContact);
					return found.length > 0 ? found : undefined;
				},
				75_000,
				2_000,
			);
			const executionsThen = (await executionsOf(ctx, workflow.id)).length;
			await sleep(62_000);
			const emitted = await executionsFor(ctx, workflow.id, 'Wise Agent Poll Trigger', isContact);
			ctx.log(
				`poll trigger: ${(await executionsOf(ctx, workflow.id)).length - executionsThen} execution(s) in the minute after (changes by other cases)`,
			);
			equal(emitted.length, 1, `executions that emitted contact ${contactId}`);
			equal(emitted[0].items.length, 1, `items for contact ${contactId}`);
			await ctx.client.deactivateWorkflow(workflow.id);
		},
	},
];
