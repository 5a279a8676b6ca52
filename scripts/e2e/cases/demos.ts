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
	nodeOutput,
	type E2eCase,
	type E2eContext,
} from '../harness';

function demo(ctx: E2eContext, file: string) {
	const workflow = ctx.stack.workflows.find((entry) => entry.file === file);
	check(workflow, `demo workflow ${file} was not imported`);
	check(workflow.active, `demo workflow ${file} is not active: ${workflow.activationError ?? ''}`);
	return workflow;
}

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
];
