/**
 * The Flexmls and HighLevel templates (templates/flexmls-*.json, templates/highlevel-*.json) in real n8n,
 * against local fakes of the peers (peers/flexmls, peers/highlevel) started here on 127.0.0.1 and the
 * Wise Agent sandbox. Each template is imported as a user would (its Settings node's baseUrl pointed at
 * the fake, the peer credential created as n8n's Header Auth through the REST API), run, run again.
 *
 * Env: E2E_TEMPLATE_SCALE (default 0.25: 50 Flexmls listings, 75 HighLevel contacts; 1 = the figures,
 * 200 listings and 300 contacts, about 5 minutes on 2 cores, mostly the HighLevel import: every contact it
 * creates also runs the stack's active demo trigger workflow), E2E_FLEXMLS_PORT (4750), E2E_HIGHLEVEL_PORT (4751),
 * E2E_HIGHLEVEL_NOTES_PORT (4752, the notes and tasks template's fake).
 */

import { sleep } from '../../lib/http';
import { start as startFlexmls, type FlexmlsFake } from '../../../peers/flexmls';
import { start as startHighLevel, type HighLevelFake } from '../../../peers/highlevel';
import {
	check,
	createActiveWorkflow,
	equal,
	eventually,
	executionsOf,
	finishedExecution,
	formatMs,
	runManually,
	type E2eCase,
	type E2eContext,
	type Json,
	type SandboxState,
} from '../harness';
import { headerCredential, portFromEnv as port, templateWorkflow } from '../templateKit';

const MANUAL_TRIGGER = 'When clicking ‘Execute workflow’';

function scale(): number {
	const value = Number(process.env.E2E_TEMPLATE_SCALE || 0.25);
	if (!Number.isFinite(value) || value <= 0) throw new Error('E2E_TEMPLATE_SCALE must be > 0');
	return value;
}

type Workflow = Json & { nodes: Array<Json & { name: string; type: string; parameters: Json }> };

/** The template set up as a user does it (Settings filled in, credentials picked); its sticky notes say what to fill in. */
function template(
	ctx: E2eContext,
	file: string,
	settings: Record<string, string | number>,
	peerCredential: { id: string; name: string },
): Workflow {
	const workflow = templateWorkflow(ctx, file, settings, peerCredential);
	const stickies = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');
	check(
		stickies.some((node) => /Fill in/i.test(String(node.parameters.content))),
		`${file}: no "Fill in" sticky note`,
	);
	return { ...workflow, name: `e2e: ${String(workflow.name)}` };
}

const bearerCredential = (ctx: E2eContext, name: string, token: string) =>
	headerCredential(ctx, name, 'Authorization', `Bearer ${token}`);

/** "Execute workflow" on the saved workflow; waits for that execution and checks it succeeded. */
async function runOnce(
	ctx: E2eContext,
	workflowId: string,
	timeoutMs: number,
	trigger = MANUAL_TRIGGER,
) {
	const before = new Set((await executionsOf(ctx, workflowId)).map((summary) => summary.id));
	const started = Date.now();
	const answer = await runManually(ctx, workflowId, trigger);
	const id =
		answer.executionId ??
		(await eventually('the manual execution', async () => {
			const fresh = (await executionsOf(ctx, workflowId)).find((s) => !before.has(s.id));
			return fresh?.id;
		}));
	const detail = await finishedExecution(ctx, id, timeoutMs);
	if (detail.status !== 'success') {
		const errors = Object.entries(detail.runData)
			.map(([node, runs]) => {
				const error = (runs[0] as { error?: { message?: string; description?: string } }).error;
				return error ? `${node}: ${error.message ?? ''} ${error.description ?? ''}` : '';
			})
			.filter(Boolean);
		throw new Error(
			`execution ${id} ended "${detail.status}": ${errors.join('; ') || 'no node error'}`,
		);
	}
	return { detail, ms: Date.now() - started };
}

const rate = (records: number, ms: number) =>
	`${((records * 1000) / Math.max(ms, 1)).toFixed(1)}/s`;
const digits = (value: unknown) =>
	String(value ?? '')
		.replace(/\D/g, '')
		.slice(-10);

// ---------------------------------------------------------------------------------------------
// Flexmls

async function flexmlsCase(ctx: E2eContext): Promise<void> {
	const count = Math.max(4, Math.round(200 * scale()));
	const flexmls: FlexmlsFake = await startFlexmls({
		port: port('E2E_FLEXMLS_PORT', 4750),
		host: '127.0.0.1',
		seed: 15,
	});
	try {
		// the agent's listings: most with photos, a few without (they get some before the second run)
		const listings = [
			...flexmls.seedListings(count - 3),
			...flexmls.seedListings(3, { photos: 0 }),
		];
		flexmls.seedListings(2, { status: 'Closed' });
		flexmls.addOtherAgentListing();
		// one listing Wise Agent already has, entered by hand without its MLS number: matched by address
		const byHand = listings[0].fields;
		const handMade = await ctx.sandbox.simulate({
			event: 'propertyCreate',
			fields: {
				AddressNum: byHand.StreetNumber,
				Address: `${byHand.StreetDirPrefix} ${byHand.StreetName} ${byHand.StreetSuffix}`,
				Zip: byHand.PostalCode,
				City: byHand.City,
			},
		});
		const credential = await bearerCredential(ctx, 'e2e Flexmls (Bearer token)', flexmls.token);
		const created = await ctx.client.createWorkflow({
			settings: { executionOrder: 'v1' },
			...template(ctx, 'flexmls-listings-to-wise-agent.json', { baseUrl: flexmls.url }, credential),
		});
		const mlsNumbers = new Set(listings.map((listing) => listing.fields.ListingId));
		const ours = (state: SandboxState) =>
			state.properties.filter((property) => mlsNumbers.has(String(property.fields.MLS)));
		const expectedPhotos = (id: string) => {
			const listing = flexmls.listing(id);
			return [...listing.photos]
				.sort((a, b) => Number(b.Primary) - Number(a.Primary))
				.map((photo) => photo.Uri1024);
		};
		const checkAll = (state: SandboxState, label: string) => {
			const properties = ours(state);
			for (const listing of listings) {
				const current = flexmls.listing(listing.Id).fields;
				const hits = properties.filter((property) => property.fields.MLS === current.ListingId);
				equal(hits.length, 1, `${label}: properties with MLS ${current.ListingId}`);
				const fields = hits[0].fields;
				equal(
					fields.AddressNum,
					current.StreetNumber,
					`${label}: AddressNum of ${current.ListingId}`,
				);
				equal(
					fields.Address,
					`${current.StreetDirPrefix} ${current.StreetName} ${current.StreetSuffix}`,
					`${label}: Address of ${current.ListingId}`,
				);
				equal(fields.Zip, current.PostalCode, `${label}: Zip of ${current.ListingId}`);
				equal(
					Number(fields.ListingPrice),
					current.ListPrice,
					`${label}: price of ${current.ListingId}`,
				);
				equal(
					Number(fields.NumBedrooms),
					current.BedsTotal,
					`${label}: beds of ${current.ListingId}`,
				);
				equal(fields.ListingStatus, 'Active', `${label}: status of ${current.ListingId}`);
				equal(
					JSON.stringify((hits[0] as Json).photos),
					JSON.stringify(expectedPhotos(listing.Id)),
					`${label}: photos of ${current.ListingId}`,
				);
			}
			equal(properties.length, listings.length, `${label}: properties for the agent's listings`);
		};

		const counters0 = await ctx.sandbox.counters();
		const first = await runOnce(ctx, created.id, 240_000);
		let state = await ctx.sandbox.state();
		checkAll(state, 'first run');
		const matched = state.properties.find((property) => property.PropertyID === handMade.id);
		equal(
			matched?.fields.MLS,
			byHand.ListingId,
			'the hand-made property got the MLS number (matched by address)',
		);
		const counters1 = await ctx.sandbox.counters();
		const delta = (a: typeof counters0, b: typeof counters0, key: string) =>
			(b.byRequestType[key] ?? 0) - (a.byRequestType[key] ?? 0);
		equal(
			delta(counters0, counters1, 'addProperty'),
			listings.length - 1,
			'first run: addProperty calls',
		);
		ctx.log(
			`flexmls template, first run: ${listings.length} listings in ${(first.ms / 1000).toFixed(1)} s (${rate(listings.length, first.ms)}), ${flexmls.state().requests.length} Flexmls requests`,
		);

		// changes in Flexmls: 5 prices, photos on the 3 listings that had none
		const repriced = listings.slice(5, 10);
		for (const listing of repriced)
			flexmls.updateListing(listing.Id, { ListPrice: listing.fields.ListPrice + 12_500 });
		const photographed = listings.slice(-3);
		for (const listing of photographed) {
			flexmls.addPhoto(listing.Id);
			flexmls.addPhoto(listing.Id);
		}
		const second = await runOnce(ctx, created.id, 240_000);
		state = await ctx.sandbox.state();
		checkAll(state, 'second run');
		const counters2 = await ctx.sandbox.counters();
		equal(delta(counters1, counters2, 'addProperty'), 0, 'second run: addProperty calls');
		equal(
			delta(counters1, counters2, 'updateProperty'),
			repriced.length,
			'second run: updateProperty calls (only the changed listings)',
		);
		equal(
			delta(counters1, counters2, 'addPropertyPhoto'),
			photographed.length,
			'second run: addPropertyPhoto calls',
		);
		ctx.log(
			`flexmls template, second run: ${listings.length} listings compared, ${repriced.length} updated, ${photographed.length} got photos, in ${(second.ms / 1000).toFixed(1)} s (${rate(listings.length, second.ms)})`,
		);

		// a third run changes nothing (the photos added by the second run are not added again)
		await runOnce(ctx, created.id, 240_000);
		const counters3 = await ctx.sandbox.counters();
		for (const key of ['addProperty', 'updateProperty', 'addPropertyPhoto'])
			equal(delta(counters2, counters3, key), 0, `third run: ${key} calls`);
	} finally {
		await flexmls.stop();
	}
}

// ---------------------------------------------------------------------------------------------
// HighLevel

async function highLevelCase(ctx: E2eContext): Promise<void> {
	const count = Math.max(4, Math.round(300 * scale()));
	const highLevel: HighLevelFake = await startHighLevel({
		port: port('E2E_HIGHLEVEL_PORT', 4751),
		host: '127.0.0.1',
		seed: 15,
	});
	let syncId: string | undefined;
	try {
		const seeded = highLevel.seedContacts(count);
		const credential = await bearerCredential(ctx, 'e2e HighLevel (Bearer token)', highLevel.token);
		const settings = { baseUrl: highLevel.url, locationId: highLevel.locationId };
		const importer = await ctx.client.createWorkflow({
			settings: { executionOrder: 'v1' },
			...template(ctx, 'highlevel-contacts-to-wise-agent.json', settings, credential),
		});
		const byEmail = (state: SandboxState, email: string) =>
			state.contacts.filter((contact) => contact.CEmail.toLowerCase() === email.toLowerCase());
		const checkImported = (state: SandboxState, label: string) => {
			for (const source of seeded) {
				const current = highLevel.contact(source.id)!;
				const hits = byEmail(state, current.email);
				equal(hits.length, 1, `${label}: Wise Agent contacts with ${current.email}`);
				const contact = hits[0];
				equal(contact.CFirst, current.firstName, `${label}: first name of ${current.email}`);
				equal(contact.CLast, current.lastName, `${label}: last name of ${current.email}`);
				equal(
					digits(contact.MobilePhone),
					digits(current.phone),
					`${label}: phone of ${current.email}`,
				);
				if (current.companyName)
					equal(contact.Company, current.companyName, `${label}: company of ${current.email}`);
				const categories = (contact.categories as unknown[]).map((entry) =>
					String(typeof entry === 'object' && entry ? (entry as Json).name : entry).toLowerCase(),
				);
				for (const tag of current.tags)
					check(
						categories.includes(tag.toLowerCase()),
						`${label}: ${current.email} lacks category ${tag} (${categories.join(', ')})`,
					);
			}
		};

		const first = await runOnce(ctx, importer.id, 240_000);
		let state = await ctx.sandbox.state();
		checkImported(state, 'import');
		ctx.log(
			`highlevel import: ${count} contacts in ${(first.ms / 1000).toFixed(1)} s (${rate(count, first.ms)})`,
		);
		// changes in HighLevel (webhooks not delivered yet: the sync is not active), then the import again
		const edited = seeded.slice(0, 10);
		for (const contact of edited)
			await highLevel.updateContact(contact.id, {
				companyName: `Renamed Co ${contact.id.slice(0, 4)}`,
			});
		const contactsBefore = state.contacts.length;
		const second = await runOnce(ctx, importer.id, 240_000);
		state = await ctx.sandbox.state();
		checkImported(state, 're-import');
		equal(state.contacts.length, contactsBefore, 're-import: Wise Agent contacts (no duplicate)');
		ctx.log(
			`highlevel re-import: ${count} contacts in ${(second.ms / 1000).toFixed(1)} s (${rate(count, second.ms)})`,
		);

		// the live sync
		const sync = await createActiveWorkflow(
			ctx,
			template(ctx, 'highlevel-wise-agent-sync.json', settings, credential),
		);
		syncId = sync.id;
		highLevel.setWebhookUrl(`${ctx.n8nUrl}/webhook/highlevel-wise-agent`);
		const writesTo = (contactId: string) =>
			highLevel.state().requests.filter((entry) => entry.contactId === contactId).length;
		const waWrites = async () => {
			const counters = await ctx.sandbox.counters();
			return (counters.byRequestType.updateContact ?? 0) + (counters.byRequestType.webcontact ?? 0);
		};
		/** no execution of the sync starts for a while: the round trip has ended */
		const quiet = async (what: string) => {
			let last = -1;
			for (let round = 0; round < 30; round++) {
				await highLevel.settle();
				const executions = await executionsOf(ctx, sync.id);
				const running = executions.some((e) => ['new', 'running', 'waiting'].includes(e.status));
				if (!running && executions.length === last) return executions;
				last = executions.length;
				await sleep(2_500);
			}
			throw new Error(`${what}: the sync kept running (ping-pong?)`);
		};
		await quiet('start');

		// 1. Wise Agent change -> HighLevel, once; its echo (HighLevel's ContactUpdate) writes nothing back
		const target = seeded[20];
		const waContact = byEmail(state, target.email)[0];
		let waBefore = await waWrites();
		await ctx.sandbox.simulate({
			event: 'contactUpdate',
			id: waContact.ClientID,
			fields: { CFirst: 'Wanda' },
		});
		await eventually(
			'HighLevel to get the new first name',
			async () => (highLevel.contact(target.id)?.firstName === 'Wanda' ? true : undefined),
			30_000,
		);
		await quiet('Wise Agent change');
		equal(writesTo(target.id), 1, 'HighLevel writes for the Wise Agent change');
		equal(
			await waWrites(),
			waBefore,
			'Wise Agent writes after the Wise Agent change (bounce-back)',
		);
		check(
			highLevel
				.state()
				.deliveries.some(
					(d) => d.type === 'ContactUpdate' && d.id === target.id && d.status === 200,
				),
			'HighLevel sent its ContactUpdate webhook to n8n (the echo that must not bounce)',
		);

		// 2. a new Wise Agent contact -> one new HighLevel contact
		const newEmail = `wa.new.${Date.now()}@example.com`;
		waBefore = await waWrites();
		await ctx.sandbox.simulate({
			event: 'contactCreate',
			fields: { CFirst: 'Nia', CLast: 'Newcomer', CEmail: newEmail, MobilePhone: '602-555-0199' },
		});
		const createdInHl = await eventually(
			'the new contact in HighLevel',
			async () => highLevel.contactByEmail(newEmail),
			30_000,
		);
		await quiet('Wise Agent create');
		equal(createdInHl.phone, '+16025550199', 'new HighLevel contact phone');
		equal(writesTo(createdInHl.id), 1, 'HighLevel writes for the new Wise Agent contact');
		equal(await waWrites(), waBefore, 'Wise Agent writes after the new Wise Agent contact');

		// 3. HighLevel change -> Wise Agent, once; Wise Agent's contactUpdate echo writes nothing back
		const other = seeded[30];
		const hlWritesBefore = writesTo(other.id);
		waBefore = await waWrites();
		await highLevel.updateContact(other.id, {
			companyName: 'Echo Free Realty',
			lastName: 'Changed',
		});
		await eventually(
			'Wise Agent to get the HighLevel change',
			async () => {
				const [contact] = byEmail(await ctx.sandbox.state(), other.email);
				return contact?.Company === 'Echo Free Realty' && contact.CLast === 'Changed'
					? true
					: undefined;
			},
			30_000,
		);
		await quiet('HighLevel change');
		equal(await waWrites(), waBefore + 1, 'Wise Agent writes for the HighLevel change');
		equal(
			writesTo(other.id),
			hlWritesBefore,
			'HighLevel writes after the HighLevel change (bounce-back)',
		);

		// 4. a new HighLevel contact -> one new Wise Agent contact
		const hlNew = await highLevel.createContact({
			firstName: 'Hal',
			lastName: 'Level',
			email: `hl.new.${Date.now()}@example.com`,
			phone: '4805550777',
			tags: ['webinar'],
		});
		await eventually(
			'the new HighLevel contact in Wise Agent',
			async () => (byEmail(await ctx.sandbox.state(), hlNew.email).length > 0 ? true : undefined),
			30_000,
		);
		await quiet('HighLevel create');
		state = await ctx.sandbox.state();
		equal(
			byEmail(state, hlNew.email).length,
			1,
			'Wise Agent contacts for the new HighLevel contact',
		);
		equal(writesTo(hlNew.id), 0, 'HighLevel writes after the new HighLevel contact');

		// 5. a HighLevel note -> one Wise Agent note on that contact
		const noteText = `Asked for a showing on Saturday (${Date.now()})`;
		await highLevel.addNote(other.id, noteText);
		await eventually(
			'the note in Wise Agent',
			async () =>
				(await ctx.sandbox.state()).notes.some((note) => note.Note === noteText) ? true : undefined,
			30_000,
		);
		await quiet('HighLevel note');
		state = await ctx.sandbox.state();
		const notes = state.notes.filter((note) => note.Note === noteText);
		equal(notes.length, 1, 'Wise Agent notes with the HighLevel note');
		equal(notes[0].ownerId, byEmail(state, other.email)[0].ClientID, 'the note is on the contact');
		equal(writesTo(other.id), hlWritesBefore, 'HighLevel writes after the note');
		const failed = (await executionsOf(ctx, sync.id)).filter((e) => e.status !== 'success');
		equal(failed.length, 0, `failed sync executions (${failed.map((e) => e.id).join(', ')})`);
	} finally {
		if (syncId) await ctx.client.deactivateWorkflow(syncId).catch(() => undefined);
		await highLevel.stop();
	}
}

// ---------------------------------------------------------------------------------------------
// HighLevel notes and tasks (templates/highlevel-notes-tasks-sync.json)

const NOTE_MARK = (noteId: number) => `[Wise Agent note #${noteId}]`;
const TASK_MARK = (taskId: string) => `[HighLevel task #${taskId}]`;

/** The sandbox keeps a task's due day as Arizona midnight (UTC-7). */
const dueDay = (dueMs: unknown) =>
	typeof dueMs === 'number' ? new Date(dueMs - 7 * 3_600_000).toISOString().slice(0, 10) : '';

async function highLevelNotesTasksCase(ctx: E2eContext): Promise<void> {
	const highLevel: HighLevelFake = await startHighLevel({
		port: port('E2E_HIGHLEVEL_NOTES_PORT', 4752),
		host: '127.0.0.1',
		seed: 16,
	});
	const active: string[] = [];
	try {
		const tag = Date.now().toString(36);
		const email = (name: string) => `${name}.${tag}@hl-notes.test`;
		// Ann is in both CRMs (HighLevel spells her email in capitals), Bo only in Wise Agent (his first note
		// creates him in HighLevel), Cy only in HighLevel (his tasks have no Wise Agent contact to go to)
		const waContact = async (first: string, last: string, address: string) =>
			(
				await ctx.sandbox.simulate({
					event: 'contactCreate',
					fields: { CFirst: first, CLast: last, CEmail: address, MobilePhone: '480-555-0142' },
				})
			).id;
		const annWa = await waContact('Ann', 'Both', email('ann'));
		const boWa = await waContact('Bo', 'Wiseonly', email('bo'));
		const annHl = await highLevel.createContact({
			firstName: 'Ann',
			lastName: 'Both',
			email: email('ann').toUpperCase(),
		});
		const cyHl = await highLevel.createContact({
			firstName: 'Cy',
			lastName: 'Highonly',
			email: email('cy'),
		});
		// a note typed before the workflow was active: its noteCreate went nowhere; an edit sends it
		const early = await ctx.sandbox.simulate({
			event: 'noteCreate',
			clientId: annWa,
			subject: 'Intro',
			note: 'Met at the open house',
		});

		const credential = await bearerCredential(
			ctx,
			'e2e HighLevel notes/tasks (Bearer token)',
			highLevel.token,
		);
		const settings = {
			baseUrl: highLevel.url,
			locationId: highLevel.locationId,
			requestsPerBatch: 50,
			batchIntervalMs: 10,
		};
		const workflow = template(ctx, 'highlevel-notes-tasks-sync.json', settings, credential);
		const created = await createActiveWorkflow(ctx, workflow);
		active.push(created.id);
		// the contact sync too, listening to HighLevel: the notes sent to HighLevel fire NoteCreate there, and
		// they must not come back into Wise Agent
		const sync = await createActiveWorkflow(
			ctx,
			template(
				ctx,
				'highlevel-wise-agent-sync.json',
				{ baseUrl: highLevel.url, locationId: highLevel.locationId },
				credential,
			),
		);
		active.push(sync.id);
		highLevel.setWebhookUrl(`${ctx.n8nUrl}/webhook/highlevel-wise-agent`);

		/** waits until both workflows have been idle (no new, no running execution) for a few seconds */
		const quiet = async (what: string) => {
			let last = -1;
			for (let round = 0; round < 40; round++) {
				await highLevel.settle();
				const executions = (await Promise.all(active.map((id) => executionsOf(ctx, id)))).flat();
				const running = executions.some((e) => ['new', 'running', 'waiting'].includes(e.status));
				if (!running && executions.length === last) return executions;
				last = executions.length;
				await sleep(2_000);
			}
			throw new Error(`${what}: the workflows kept running`);
		};
		await quiet('activation');
		const hlNotes = (contactId: string, noteId: number) =>
			highLevel
				.state()
				.notes.filter(
					(note) => note.contactId === contactId && note.body.includes(NOTE_MARK(noteId)),
				);
		const waNotesBack = async () =>
			(await ctx.sandbox.state()).notes.filter((note) =>
				/\[Wise Agent note #\d+\]/.test(String(note.Note)),
			);

		// 1. a note typed in Wise Agent -> one HighLevel note on Ann (matched by email, any case)
		const first = await ctx.sandbox.simulate({
			event: 'noteCreate',
			clientId: annWa,
			subject: 'Call',
			note: 'Wants a showing on Saturday',
		});
		const started = Date.now();
		await eventually(
			'the Wise Agent note in HighLevel',
			async () => (hlNotes(annHl.id, first.id).length > 0 ? true : undefined),
			30_000,
		);
		ctx.log(
			`highlevel notes: a Wise Agent note reached HighLevel ${formatMs(Date.now() - started)} after its event`,
		);
		await quiet('first note');
		let notes = hlNotes(annHl.id, first.id);
		equal(notes.length, 1, 'HighLevel notes for the Wise Agent note');
		equal(
			notes[0].body,
			`Call\n\nWants a showing on Saturday\n\n${NOTE_MARK(first.id)}`,
			'HighLevel note body',
		);

		// 2. the same note edited, twice: no second HighLevel note (the first text stays: no note update)
		for (const text of ['Wants a showing on Sunday', 'Wants a showing on Monday']) {
			await ctx.sandbox.simulate({ event: 'noteUpdate', noteId: first.id, note: text });
			await quiet('note update');
		}
		notes = hlNotes(annHl.id, first.id);
		equal(notes.length, 1, 'HighLevel notes after two edits of the Wise Agent note');
		check(notes[0].body.includes('Saturday'), 'the HighLevel note kept its first text');

		// 3. the early note, edited now: sent once, with its current text
		await ctx.sandbox.simulate({
			event: 'noteUpdate',
			noteId: early.id,
			note: 'Met at the open house, twice',
		});
		await eventually(
			'the early note in HighLevel',
			async () => (hlNotes(annHl.id, early.id).length > 0 ? true : undefined),
			30_000,
		);
		await quiet('early note');
		equal(hlNotes(annHl.id, early.id).length, 1, 'HighLevel notes for the early note');
		check(
			hlNotes(annHl.id, early.id)[0].body.startsWith('Intro\n\nMet at the open house, twice'),
			'the early note carries its current text',
		);

		// 4. a note on Bo, whom HighLevel does not have: he is created (by email, with his name), then noted
		const boNote = await ctx.sandbox.simulate({
			event: 'noteCreate',
			clientId: boWa,
			note: 'Pre-approved for 450k',
		});
		const boHl = await eventually(
			'Bo in HighLevel',
			async () => highLevel.contactByEmail(email('bo')),
			30_000,
		);
		await eventually(
			'Bo’s note in HighLevel',
			async () => (hlNotes(boHl.id, boNote.id).length > 0 ? true : undefined),
			30_000,
		);
		await quiet('Bo’s note');
		equal(boHl.firstName, 'Bo', 'first name of the HighLevel contact made for a note');
		equal(boHl.lastName, 'Wiseonly', 'last name of the HighLevel contact made for a note');
		equal(
			highLevel.state().contacts.filter((c) => c.emailLowerCase === email('bo')).length,
			1,
			'HighLevel contacts for Bo',
		);
		equal(
			hlNotes(boHl.id, boNote.id)[0].body,
			`Pre-approved for 450k\n\n${NOTE_MARK(boNote.id)}`,
			'Bo’s HighLevel note body',
		);

		// 5. a note the contact sync wrote from HighLevel (subject "HighLevel note") is not sent back
		const echo = await ctx.sandbox.simulate({
			event: 'noteCreate',
			clientId: annWa,
			subject: 'HighLevel note',
			note: 'came from HighLevel',
		});
		await quiet('HighLevel note');
		equal(
			hlNotes(annHl.id, echo.id).length,
			0,
			'HighLevel notes for a note that came from HighLevel',
		);
		// every note sent fired HighLevel's NoteCreate at the contact sync, which did not copy it back
		const noteEvents = highLevel
			.state()
			.deliveries.filter((delivery) => delivery.type === 'NoteCreate');
		check(
			noteEvents.length >= 3 && noteEvents.every((delivery) => delivery.status === 200),
			`HighLevel NoteCreate deliveries to the contact sync: ${JSON.stringify(noteEvents)}`,
		);
		equal((await waNotesBack()).length, 0, 'Wise Agent notes copied back from HighLevel');
		const withMarker = highLevel
			.state()
			.notes.filter((note) => note.body.includes('[Wise Agent note #'));
		equal(withMarker.length, 3, 'HighLevel notes sent from Wise Agent in all');

		// 6. tasks: HighLevel -> Wise Agent, on the contact with the same email; Cy's are skipped
		const annTasks = [
			highLevel.addTask(annHl.id, {
				title: 'Send the CMA',
				body: 'three comps, pool',
				dueDate: '2025-03-04T17:00:00.000Z',
			}),
			highLevel.addTask(annHl.id, {
				title: 'Book the inspector',
				dueDate: '2025-03-06T17:30:00.000Z',
				completed: true,
			}),
		];
		const boTasks = [
			highLevel.addTask(boHl.id, { title: 'Call the lender', dueDate: '2025-03-05T18:00:00.000Z' }),
		];
		const cyTask = highLevel.addTask(cyHl.id, { title: 'Not in Wise Agent' });
		const owner = new Map<string, number>([
			...annTasks.map((task) => [task.id, annWa] as [string, number]),
			...boTasks.map((task) => [task.id, boWa] as [string, number]),
		]);
		const checkTasks = (state: SandboxState, label: string) => {
			for (const task of highLevel.state().tasks) {
				const copies = state.tasks.filter((entry) =>
					entry.Description.endsWith(TASK_MARK(task.id)),
				);
				if (task.id === cyTask.id) {
					equal(copies.length, 0, `${label}: copies of the task of a contact Wise Agent lacks`);
					continue;
				}
				equal(copies.length, 1, `${label}: Wise Agent tasks for "${task.title}"`);
				const copy = copies[0];
				equal(
					copy.Description,
					`${task.title} ${TASK_MARK(task.id)}`,
					`${label}: title of "${task.title}"`,
				);
				equal(copy.ContactID, String(owner.get(task.id)), `${label}: contact of "${task.title}"`);
				equal(copy.completed, task.completed, `${label}: completed of "${task.title}"`);
				equal(String(copy.TaskNote ?? ''), task.body, `${label}: note of "${task.title}"`);
				equal(
					dueDay(copy.dueMs),
					task.dueDate.slice(0, 10),
					`${label}: due day of "${task.title}"`,
				);
			}
		};
		const TASKS_TRIGGER = 'Sync HighLevel tasks (run now)';
		const run1 = await runOnce(ctx, created.id, 120_000, TASKS_TRIGGER);
		checkTasks(await ctx.sandbox.state(), 'first task run');
		ctx.log(
			`highlevel tasks, first run: 3 tasks onto 2 Wise Agent contacts (1 task of a contact Wise Agent lacks skipped) in ${formatMs(run1.ms)}`,
		);

		// completed in HighLevel, and a new one: the second run completes one, adds one, copies nothing twice
		highLevel.updateTask(annTasks[0].id, { completed: true });
		const added = highLevel.addTask(annHl.id, {
			title: 'Send the CMA',
			dueDate: '2025-03-04T17:00:00.000Z',
		});
		owner.set(added.id, annWa);
		const run2 = await runOnce(ctx, created.id, 120_000, TASKS_TRIGGER);
		let state = await ctx.sandbox.state();
		checkTasks(state, 'second task run');
		await runOnce(ctx, created.id, 120_000, TASKS_TRIGGER);
		state = await ctx.sandbox.state();
		checkTasks(state, 'third task run');
		equal(
			state.tasks.filter((entry) => entry.Description.includes('[HighLevel task #')).length,
			4,
			'Wise Agent tasks from HighLevel after three runs',
		);
		ctx.log(`highlevel tasks, second run (1 completed, 1 new) in ${formatMs(run2.ms)}`);
		await quiet('tasks');
		const failed = (await Promise.all(active.map((id) => executionsOf(ctx, id))))
			.flat()
			.filter((e) => e.status !== 'success');
		equal(failed.length, 0, `failed executions (${failed.map((e) => e.id).join(', ')})`);
	} finally {
		for (const id of active) await ctx.client.deactivateWorkflow(id).catch(() => undefined);
		await highLevel.stop();
	}
}

export const templateFlexmlsHighLevelCases: E2eCase[] = [
	{
		name: 'template "Flexmls listings -> Wise Agent properties": every listing once, re-runs update only what changed, photos once',
		timeoutMs: 600_000,
		run: flexmlsCase,
	},
	{
		name: 'template "HighLevel -> Wise Agent" import and "Wise Agent <-> HighLevel" sync: no duplicate, one change per event, no bounce-back',
		timeoutMs: 600_000,
		run: highLevelCase,
	},
	{
		name: 'template "Wise Agent notes -> HighLevel, HighLevel tasks -> Wise Agent": one HighLevel note per Wise Agent note (edits add none, none comes back), each task once',
		timeoutMs: 600_000,
		run: highLevelNotesTasksCase,
	},
];
