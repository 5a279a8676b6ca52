/**
 * The demo workflows of `npm start` (scripts/demo-workflows/), imported and activated by the same
 * code (startStack), used the way the start banner says.
 */
import { sleep } from '../../lib/http';
import {
	callWebhook,
	check,
	equal,
	eventually,
	execution,
	executionsOf,
	finishedExecution,
	nodeOutput,
	runManually,
	type E2eCase,
	type E2eContext,
} from '../harness';

function demo(ctx: E2eContext, file: string, active = true) {
	const workflow = ctx.stack.workflows.find((entry) => entry.file === file);
	check(workflow, `demo workflow ${file} was not imported`);
	if (active) {
		check(
			workflow.active,
			`demo workflow ${file} is not active: ${workflow.activationError ?? ''}`,
		);
	}
	return workflow;
}

/** Every demo says on its canvas how to run it (sticky notes, as the issue asked). */
async function stickyText(ctx: E2eContext, workflowId: string): Promise<string> {
	const saved = await ctx.client.workflow(workflowId);
	return saved.nodes
		.filter((node) => node.type === 'n8n-nodes-base.stickyNote')
		.map((node) => String((node.parameters as { content?: string } | undefined)?.content ?? ''))
		.join('\n');
}

/** A manual execution of this workflow started after `since` (what "Execute workflow" produced). */
async function manualExecutionSince(ctx: E2eContext, workflowId: string, since: Set<string>) {
	return await eventually('the manual execution', async () => {
		const fresh = (await executionsOf(ctx, workflowId)).filter(
			(summary) => summary.mode === 'manual' && !since.has(summary.id),
		);
		return fresh.length > 0 ? await finishedExecution(ctx, fresh[0].id) : undefined;
	});
}

const MANUAL_TRIGGER = 'When clicking ‘Execute workflow’';

export const demoCases: E2eCase[] = [
	{
		name: 'demo "lead intake": webhook -> contact (created, then updated), note, task in the sandbox',
		async run(ctx) {
			demo(ctx, 'lead-intake.json');
			const email = `demo.${Date.now()}@example.com`;
			const lead = {
				firstName: 'Dana',
				lastName: 'Demo',
				email,
				phone: '480-555-0142',
				message: 'Wants a condo in Tempe',
			};
			const first = await callWebhook(ctx, 'lead-intake', lead);
			equal(first.status, 200, `lead intake HTTP status (${first.text.slice(0, 200)})`);
			let state = await ctx.sandbox.state();
			const contact = state.contacts.find((c) => c.CEmail === email);
			check(contact, 'the lead is not a contact in the sandbox');
			check(
				state.notes.some((n) => n.ownerId === contact.ClientID && n.Note === lead.message),
				'no note with the message on the contact',
			);
			check(
				state.tasks.some(
					(t) =>
						String(t.ContactID) === String(contact.ClientID) &&
						t.Description === 'Call Dana Demo back',
				),
				'no "Call Dana Demo back" task on the contact',
			);

			const second = await callWebhook(ctx, 'lead-intake', { ...lead, message: 'Second enquiry' });
			equal(second.status, 200, 'second lead intake HTTP status');
			state = await ctx.sandbox.state();
			equal(
				state.contacts.filter((c) => c.CEmail === email).length,
				1,
				'contacts with that email after a second enquiry (upsert)',
			);
			equal(
				state.notes.filter((n) => n.ownerId === contact.ClientID).length,
				2,
				'notes on the contact after two enquiries',
			);
		},
	},
	{
		name: 'demo "new contact trigger": a contact created in the sandbox -> exactly one execution with the summary',
		async run(ctx) {
			const workflow = demo(ctx, 'new-contact-trigger.json');
			const created = await ctx.sandbox.simulate({
				event: 'contactCreate',
				fields: { CFirst: 'Bo', CLast: 'Diaz', CEmail: `bo.${Date.now()}@example.com` },
			});
			const find = async () => {
				const hits = [];
				for (const summary of await executionsOf(ctx, workflow.id)) {
					if (summary.status !== 'success') continue;
					const items = nodeOutput(await execution(ctx, summary.id), 'Summary').filter(
						(item) => item.contactId === created.id,
					);
					if (items.length > 0) hits.push(items);
				}
				return hits;
			};
			await eventually('the trigger execution', async () =>
				(await find()).length > 0 ? true : undefined,
			);
			await sleep(2_000);
			const hits = await find();
			equal(hits.length, 1, 'executions for the new contact');
			equal(hits[0].length, 1, 'Summary items');
			const summary = String(hits[0][0].summary);
			check(summary.startsWith('Bo Diaz <bo.'), `summary "${summary}"`);
			equal(hits[0][0].event, 'contactCreate', 'Summary event');
		},
	},
	{
		name: 'demo "add a lead by hand": Execute workflow (no curl) -> contact created, then updated; note and task in the sandbox',
		async run(ctx) {
			const workflow = demo(ctx, 'manual-lead.json', false);
			const notes = await stickyText(ctx, workflow.id);
			check(
				/Execute workflow/.test(notes),
				`the sticky notes do not say to click Execute workflow: ${notes}`,
			);
			const email = 'jamie.rivera@example.com';
			const outcomes: string[] = [];
			for (let run = 1; run <= 2; run++) {
				const started = await runManually(ctx, workflow.id, MANUAL_TRIGGER);
				check(
					started.executionId,
					`run ${run}: n8n did not start an execution: ${JSON.stringify(started)}`,
				);
				const detail = await finishedExecution(ctx, started.executionId);
				equal(detail.status, 'success', `run ${run}: execution status`);
				const upserted = nodeOutput(detail, 'Create or update contact');
				equal(upserted.length, 1, `run ${run}: Create or update contact items`);
				outcomes.push(String(upserted[0].action));
				equal(nodeOutput(detail, 'Create follow-up task').length, 1, `run ${run}: task items`);
			}
			equal(outcomes.join(' then '), 'created then updated', 'Create or update outcomes');
			const state = await ctx.sandbox.state();
			const contacts = state.contacts.filter((c) => c.CEmail === email);
			equal(contacts.length, 1, 'contacts with the demo email after two runs');
			const contact = contacts[0];
			equal(`${String(contact.CFirst)} ${String(contact.CLast)}`, 'Jamie Rivera', 'contact name');
			equal(
				state.notes.filter(
					(n) => n.ownerId === contact.ClientID && n.Subject === 'Open house visit',
				).length,
				2,
				'"Open house visit" notes on the contact',
			);
			equal(
				state.tasks.filter(
					(t) =>
						String(t.ContactID) === String(contact.ClientID) &&
						t.Description === 'Call Jamie Rivera about the open house',
				).length,
				2,
				'follow-up tasks on the contact',
			);
		},
	},
	{
		name: 'demo "lead intake" from the editor: Execute workflow waits on the test URL, a POST to /webhook-test/lead-intake runs it',
		async run(ctx) {
			const workflow = demo(ctx, 'lead-intake.json');
			const notes = await stickyText(ctx, workflow.id);
			for (const needed of [
				'/webhook/lead-intake',
				'/webhook-test/lead-intake',
				'Executions',
				'Execute workflow',
			]) {
				check(notes.includes(needed), `the sticky notes do not mention ${needed}`);
			}
			const before = new Set((await executionsOf(ctx, workflow.id)).map((summary) => summary.id));
			const started = await runManually(ctx, workflow.id, 'New lead (webhook)');
			equal(started.waitingForWebhook, true, 'the editor waits for the test webhook');
			const email = `editor.${Date.now()}@example.com`;
			const answer = await fetch(`${ctx.n8nUrl}/webhook-test/lead-intake`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					firstName: 'Eve',
					lastName: 'Editor',
					email,
					message: 'From the canvas',
				}),
				signal: AbortSignal.timeout(60_000),
			});
			equal(answer.status, 200, `test URL HTTP status (${(await answer.text()).slice(0, 200)})`);
			const detail = await manualExecutionSince(ctx, workflow.id, before);
			equal(detail.status, 'success', 'manual execution status');
			check(
				(await ctx.sandbox.state()).contacts.some((c) => c.CEmail === email),
				'the lead sent to the test URL is not a contact in the sandbox',
			);
			// the production URL still answers (the banner's first curl)
			const production = await callWebhook(ctx, 'lead-intake', {
				firstName: 'Pat',
				lastName: 'Prod',
				email: `prod.${Date.now()}@example.com`,
			});
			equal(production.status, 200, 'production URL HTTP status');
		},
	},
	{
		name: 'demo "new contact trigger" from the editor: Execute workflow, then a contact created in the sandbox -> a manual run with the summary',
		async run(ctx) {
			const workflow = demo(ctx, 'new-contact-trigger.json');
			check(
				/Execute workflow/.test(await stickyText(ctx, workflow.id)),
				'no sticky note says how to run it',
			);
			const before = new Set((await executionsOf(ctx, workflow.id)).map((summary) => summary.id));
			const started = await runManually(ctx, workflow.id, 'Wise Agent Trigger');
			equal(started.waitingForWebhook, true, 'the editor waits for the Wise Agent test webhook');
			const created = await ctx.sandbox.simulate({
				event: 'contactCreate',
				fields: { CFirst: 'Tess', CLast: 'Test', CEmail: `tess.${Date.now()}@example.com` },
			});
			const detail = await manualExecutionSince(ctx, workflow.id, before);
			equal(detail.status, 'success', 'manual execution status');
			const summary = nodeOutput(detail, 'Summary');
			equal(summary.length, 1, 'Summary items of the manual run');
			equal(summary[0].contactId, created.id, 'the manual run is for the new contact');
		},
	},
];
