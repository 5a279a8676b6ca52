/**
 * (g) The n8n editor itself, in headless Chromium (Debian's `chromium`, playwright-core): what a
 * user clicks, not what the REST API accepts. Signed in as the e2e owner on n8n's sign-in page.
 *
 * 1. A new workflow: Manual Trigger, then the Wise Agent node found by searching "Wise Agent" in
 *    the node creator; Resource Contact, Operation Create or Update; the match fields (Email,
 *    Mobile Phone) are top-level parameters, not in Additional Fields; the Source dropdown lists the
 *    sandbox account's sources; Execute step; the output panel shows `action`, `matchedBy`,
 *    `contact` with the simplified contact (≤ 15 fields, camelCase); the contact is in the sandbox.
 * 2. The no-curl demo "add a lead by hand" opened on its canvas and run with Execute workflow:
 *    every node is marked successful, n8n says the workflow ran, the node's output panel shows the
 *    contact; contact, note and task are in the sandbox.
 *
 * Selectors are the editor's `data-test-id` attributes (n8n 2.41); screenshots of the key steps
 * (and of any failed step) go to `.n8n-e2e/screenshots/`.
 */
import { existsSync } from 'fs';

import type { Locator } from 'playwright-core';

import { SANDBOX_CREDENTIAL_NAME } from '../../lib/stack';
import {
	CHROMIUM_PATH,
	check,
	equal,
	executionsOf,
	openEditor,
	type E2eCase,
	type E2eContext,
	type EditorSession,
} from '../harness';

const byTestId = (id: string) => `[data-test-id="${id}"]`;

/** The first line of each visible option of the open dropdown (an Element Plus select popper). */
async function visibleOptions(session: EditorSession): Promise<string[]> {
	return (
		await session.page
			.locator(`.el-select__popper:visible ${byTestId('parameter-input-item')}`)
			.allInnerTexts()
	).map((text) => text.split('\n')[0].trim());
}

/** Opens the dropdown of parameter `name` in the node details view and picks `option`. */
async function selectOption(
	session: EditorSession,
	name: string,
	option: string,
): Promise<string[]> {
	const { page } = session;
	return await session.step(`choose "${option}" for the parameter ${name}`, async () => {
		await page.locator(`${byTestId('ndv')} ${byTestId(`parameter-input-${name}`)}`).click();
		const items = page.locator(`.el-select__popper:visible ${byTestId('parameter-input-item')}`);
		await items.first().waitFor({ state: 'visible' });
		const names = await visibleOptions(session);
		const index = names.indexOf(option);
		check(index >= 0, `no option "${option}" for ${name}; options: ${names.join(', ')}`);
		await items.nth(index).click();
		await page
			.locator('.el-select__popper:visible')
			.waitFor({ state: 'hidden', timeout: 5_000 })
			.catch(() => undefined);
		const value = await parameterValue(session, name);
		equal(value, option, `the value shown for ${name} after choosing it`);
		return names;
	});
}

async function parameterValue(session: EditorSession, name: string): Promise<string> {
	return await session.page
		.locator(`${byTestId('ndv')} ${byTestId(`parameter-input-${name}`)} input`)
		.first()
		.inputValue();
}

interface OutputTable {
	/** top-level fields of the item (the table's columns) */
	columns: string[];
	/** every field shown, by path below the item (`action`, `contact.id`, `contact.phones.mobile`), with its text; objects: undefined */
	fields: Array<{ path: string; depth: number; value?: string }>;
}

/**
 * The first item of the output panel, read from its Table view: the column headers, and the
 * nested keys, which the editor marks `data-target="mappable"` with their expression
 * (`{{ $('Node').item.json.contact.email }}`) and depth.
 */
async function readOutputTable(session: EditorSession): Promise<OutputTable> {
	const output = session.page.locator(byTestId('output-panel'));
	await session.step('switch the output panel to Table', async () => {
		await output.locator(byTestId('radio-button-table')).click();
		await output.locator(`${byTestId('ndv-data-container')} table`).waitFor();
	});
	return await output.locator(`${byTestId('ndv-data-container')} table`).evaluate((element) => {
		// runs in the page (the repository compiles without the DOM lib: the little it needs, typed here)
		interface Node {
			textContent: string | null;
			nextElementSibling: Node | null;
			getAttribute(name: string): string | null;
			querySelector(selector: string): Node | null;
			querySelectorAll(selector: string): ArrayLike<Node>;
		}
		const table = element as unknown as Node;
		const text = (node: Node | null | undefined) => (node?.textContent ?? '').trim();
		const columns = Array.from(table.querySelectorAll('thead th'))
			.map((th) => text(th))
			.filter(Boolean);
		const fields: Array<{ path: string; depth: number; value?: string }> = [];
		const row = table.querySelector('tbody tr');
		Array.from(row?.querySelectorAll('td[data-col]') ?? []).forEach((cell, index) => {
			// a simple top-level value is the cell's text; an object is a tree of mappable keys
			if (!cell.querySelector('[data-target="mappable"]'))
				fields.push({ path: columns[index], depth: 0, value: text(cell) });
			else fields.push({ path: columns[index], depth: 0 });
		});
		for (const key of Array.from(row?.querySelectorAll('[data-target="mappable"]') ?? [])) {
			const expression = key.getAttribute('data-value') ?? '';
			const match = /\.json\.(.+?)\s*\}\}$/.exec(expression);
			if (!match) continue;
			const colon = key.nextElementSibling;
			fields.push({
				path: match[1],
				depth: Number(key.getAttribute('data-depth') ?? 0),
				value: colon && text(colon) === ':' ? text(colon.nextElementSibling) : undefined,
			});
		}
		return { columns, fields };
	});
}

function field(table: OutputTable, fieldPath: string): string | undefined {
	return table.fields.find((entry) => entry.path === fieldPath)?.value;
}

/** The contact's own fields (`contact.<name>`, one level down) as the output panel shows them. */
function contactFields(table: OutputTable): string[] {
	return table.fields
		.filter((entry) => entry.path.startsWith('contact.') && entry.path.split('.').length === 2)
		.map((entry) => entry.path.slice('contact.'.length));
}

async function waitForNodeSuccess(session: EditorSession, nodeNames: string[]): Promise<void> {
	for (const name of nodeNames) {
		await session.waitFor(
			`the node "${name}" marked successful on the canvas`,
			session.page.locator(
				`${byTestId('canvas-node')}[data-node-name="${name}"] ${byTestId('canvas-node-status-success')}`,
			),
			30_000,
		);
	}
}

/** A toast with this text (n8n's "… executed successfully"). */
async function waitForToast(session: EditorSession, text: RegExp): Promise<string> {
	const toast = session.page.locator('.el-notification:visible').filter({ hasText: text });
	await session.waitFor(`a toast saying ${String(text)}`, toast, 15_000);
	return (await toast.first().innerText()).trim();
}

const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;

async function upsertCase(ctx: E2eContext): Promise<void> {
	check(existsSync(CHROMIUM_PATH), `${CHROMIUM_PATH} not found (or set CHROMIUM_PATH)`);
	const email = `editor.${Date.now()}@example.com`;
	const session = await openEditor(ctx, 'editor-upsert');
	const { page } = session;
	const ndv = page.locator(byTestId('ndv'));
	try {
		// a new workflow: Manual Trigger first (a workflow starts with a trigger)
		await session.step(
			'open a new workflow',
			async () => {
				await page.goto(`${ctx.n8nUrl}/workflow/new`, { waitUntil: 'domcontentloaded' });
				await page.locator(byTestId('canvas-add-button')).click({ timeout: 20_000 });
			},
			30_000,
		);
		await session.step('add the Manual Trigger', async () => {
			await page
				.locator(
					`${byTestId('item-iterator-item')}[data-keyboard-nav-id^="n8n-nodes-base.manualTrigger"]`,
				)
				.click();
			await page
				.locator(`${byTestId('canvas-node')}[data-node-type="n8n-nodes-base.manualTrigger"]`)
				.waitFor();
		});

		// the Wise Agent node, through the node creator's search
		const wiseAgentItem = page.locator(
			`${byTestId('item-iterator-item')}[data-keyboard-nav-id^="${ctx.packageName}.wiseAgent-"]`,
		);
		await session.step('search "Wise Agent" in the node creator', async () => {
			await page
				.locator(
					`${byTestId('canvas-node')}[data-node-type="n8n-nodes-base.manualTrigger"] ${byTestId('canvas-handle-plus')}`,
				)
				.click();
			await page.locator(byTestId('node-creator-search-bar')).fill('Wise Agent');
			await wiseAgentItem.waitFor();
		});
		equal(
			(await wiseAgentItem.locator(byTestId('node-creator-item-name')).innerText()).trim(),
			'Wise Agent',
			'the name of the search result',
		);
		await session.shot('node-creator-search');
		await session.step('open the Wise Agent node and pick its first action', async () => {
			await wiseAgentItem.click();
			const action = page.locator(
				`${byTestId('item-iterator-item')}[data-keyboard-nav-type="action"][data-keyboard-nav-id^="${ctx.packageName}.wiseAgent-"]`,
			);
			await action.first().waitFor();
			await action.first().click();
			await ndv.locator(byTestId('parameter-input-resource')).waitFor();
		});

		// Resource Contact, Operation Create or Update
		await selectOption(session, 'resource', 'Contact');
		const operations = await selectOption(session, 'operation', 'Create or Update');
		check(operations.includes('Create'), `contact operations: ${operations.join(', ')}`);
		await session.waitFor(
			'the Match By parameter',
			ndv.locator(byTestId('parameter-input-matchBy')),
		);

		// the match fields are top-level parameters, before Additional Fields (which stays empty)
		// (visible parameters of the node, top level: not nested in another parameter such as a collection)
		const parameters = await ndv
			.locator(`${byTestId('node-parameters')} ${byTestId('parameter-item')}`)
			.evaluateAll((items) =>
				items
					.filter(
						(item) =>
							(item as unknown as { offsetParent: unknown }).offsetParent !== null &&
							!item.parentElement?.closest('[data-test-id="parameter-item"]'),
					)
					.map((item) => ({
						label: ((item as unknown as { innerText: string }).innerText ?? '')
							.split('\n')[0]
							.trim(),
						input:
							item
								.querySelector('[data-test-id^="parameter-input-"]')
								?.getAttribute('data-test-id') ?? '',
					})),
			);
		const indexOf = (input: string) =>
			parameters.findIndex((entry) => entry.input === `parameter-input-${input}`);
		const additional = parameters.findIndex((entry) => entry.label === 'Additional Fields');
		check(
			additional >= 0,
			`no Additional Fields: ${JSON.stringify(parameters.map((p) => p.label))}`,
		);
		for (const [input, label] of [
			['email', 'Email'],
			['mobilePhone', 'Mobile Phone'],
		]) {
			const index = indexOf(input);
			check(
				index >= 0 && index < additional,
				`${label} is not a top-level parameter before Additional Fields: ${JSON.stringify(parameters.map((p) => p.label))}`,
			);
			equal(parameters[index].label, label, `the label of parameter-input-${input}`);
		}
		check(
			(await ndv.locator(`${byTestId('parameter-input-email')} input`).isVisible()) &&
				(await ndv.locator(`${byTestId('parameter-input-mobilePhone')} input`).isVisible()),
			'the Email / Mobile Phone inputs are not visible',
		);
		await session.shot('create-or-update-parameters');

		// Match By Email: Email stays the first field to fill
		await selectOption(session, 'matchBy', 'Email');
		await session.step('fill Email, First Name, Last Name', async () => {
			await ndv.locator(`${byTestId('parameter-input-email')} input`).fill(email);
			await ndv.locator(`${byTestId('parameter-input-firstName')} input`).fill('Edith');
			await ndv.locator(`${byTestId('parameter-input-lastName')} input`).fill('Editor');
		});

		// Source: the dropdown is loaded from the account (the sandbox's sources)
		const expectedSources = ((await ctx.sandbox.state()).sources as Array<{ Name: string }>).map(
			(source) => source.Name,
		);
		check(expectedSources.length > 0, 'the sandbox account has no sources');
		const sourceOptions = await session.step('open the Source dropdown', async () => {
			await ndv.locator(byTestId('parameter-input-source')).click();
			await page
				.locator(`.el-select__popper:visible ${byTestId('parameter-input-item')}`)
				.first()
				.waitFor();
			return await visibleOptions(session);
		});
		await session.shot('source-dropdown');
		equal(
			[...sourceOptions].sort().join(', '),
			[...expectedSources].sort().join(', '),
			'Source options (loaded from the account)',
		);
		await page.keyboard.press('Escape');
		const source = expectedSources.includes('Referral') ? 'Referral' : expectedSources[0];
		await selectOption(session, 'source', source);

		// the credential the harness imported (n8n preselects the only one; choose it otherwise)
		const credentialInput = ndv.locator(`${byTestId('node-credentials-select')} input`);
		if ((await credentialInput.inputValue()) !== SANDBOX_CREDENTIAL_NAME) {
			await session.step(`select the credential ${SANDBOX_CREDENTIAL_NAME}`, async () => {
				await ndv.locator(byTestId('node-credentials-select')).click();
				await page
					.locator('.el-select__popper:visible .el-select-dropdown__item')
					.filter({ hasText: SANDBOX_CREDENTIAL_NAME })
					.first()
					.click();
			});
		}
		equal(await credentialInput.inputValue(), SANDBOX_CREDENTIAL_NAME, 'the selected credential');
		equal(await parameterValue(session, 'email'), email, 'Email as filled');
		await session.shot('filled');

		// Execute step: the output panel shows the item
		await session.step(
			'execute the node (Execute step) and wait for its output',
			async () => {
				await ndv.locator(byTestId('node-execute-button')).click();
				await page
					.locator(`${byTestId('output-panel')} ${byTestId('ndv-items-count')}`)
					.waitFor({ timeout: 30_000 });
			},
			35_000,
		);
		const itemsCount = (
			await page.locator(`${byTestId('output-panel')} ${byTestId('ndv-items-count')}`).innerText()
		).trim();
		equal(itemsCount, '1 item', 'the output panel item count');
		const table = await readOutputTable(session);
		await session.shot('output-panel');
		const summary = JSON.stringify(table);
		equal(table.columns.join(', '), 'action, matchedBy, contact', `output columns (${summary})`);
		equal(field(table, 'action'), 'created', 'action in the output panel');
		equal(field(table, 'matchedBy'), 'null', 'matchedBy in the output panel (a new contact)');
		const contactKeys = contactFields(table);
		check(
			contactKeys.length > 0 && contactKeys.length <= 15,
			`the contact has ${contactKeys.length} top-level fields (at most 15 expected): ${contactKeys.join(', ')}`,
		);
		for (const name of [
			'id',
			'firstName',
			'lastName',
			'email',
			'phones',
			'source',
			'createdAt',
			'updatedAt',
		]) {
			check(contactKeys.includes(name), `the contact has no ${name}: ${contactKeys.join(', ')}`);
		}
		const raw = contactKeys.filter((name) => !CAMEL_CASE.test(name));
		check(raw.length === 0, `contact fields not in camelCase (raw API names?): ${raw.join(', ')}`);
		check(
			table.fields.some((entry) => entry.path === 'contact.phones.mobile'),
			'contact.phones.mobile is not shown',
		);
		equal(field(table, 'contact.email'), email, 'contact.email');
		equal(field(table, 'contact.firstName'), 'Edith', 'contact.firstName');
		equal(field(table, 'contact.lastName'), 'Editor', 'contact.lastName');
		equal(field(table, 'contact.source'), source, 'contact.source');
		check(
			/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(field(table, 'contact.createdAt') ?? ''),
			`contact.createdAt is not ISO UTC: ${field(table, 'contact.createdAt')}`,
		);
		const id = field(table, 'contact.id');
		check(id && /^\d+$/.test(id), `contact.id: ${id}`);

		// what the editor ran is in the account
		const contact = (await ctx.sandbox.state()).contacts.find((entry) => entry.CEmail === email);
		check(contact, `no contact ${email} in the sandbox`);
		equal(String(contact.ClientID), id, 'the sandbox ClientID of the contact');
		equal(`${String(contact.CFirst)} ${String(contact.CLast)}`, 'Edith Editor', 'sandbox name');
		equal(String(contact.Source), source, 'sandbox Source');
	} finally {
		ctx.log(`editor screenshots: ${session.screenshots.join(', ')}`);
		await session.close();
	}
}

const DEMO_FILE = 'manual-lead.json';
const DEMO_EMAIL = 'jamie.rivera@example.com';
const DEMO_NODES = [
	'When clicking ‘Execute workflow’',
	'Create or update contact',
	'Add note',
	'Create follow-up task',
];

async function demoCase(ctx: E2eContext): Promise<void> {
	check(existsSync(CHROMIUM_PATH), `${CHROMIUM_PATH} not found (or set CHROMIUM_PATH)`);
	const workflow = ctx.stack.workflows.find((entry) => entry.file === DEMO_FILE);
	check(workflow, `demo workflow ${DEMO_FILE} was not imported`);
	const before = await ctx.sandbox.state();
	const existing = before.contacts.find((entry) => entry.CEmail === DEMO_EMAIL);
	const countFor = (state: typeof before, clientId: number) => ({
		notes: state.notes.filter(
			(note) => note.ownerId === clientId && note.Subject === 'Open house visit',
		).length,
		tasks: state.tasks.filter(
			(task) =>
				String(task.ContactID) === String(clientId) &&
				task.Description === 'Call Jamie Rivera about the open house',
		).length,
	});
	const countsBefore = existing ? countFor(before, existing.ClientID) : { notes: 0, tasks: 0 };
	const executionsBefore = new Set((await executionsOf(ctx, workflow.id)).map((e) => e.id));

	const session = await openEditor(ctx, 'editor-demo');
	const { page } = session;
	try {
		await session.step(
			`open the demo "${workflow.name}"`,
			async () => {
				await page.goto(`${ctx.n8nUrl}/workflow/${workflow.id}`, { waitUntil: 'domcontentloaded' });
				for (const name of DEMO_NODES)
					await page
						.locator(`${byTestId('canvas-node')}[data-node-name="${name}"]`)
						.waitFor({ timeout: 20_000 });
			},
			30_000,
		);
		const sticky = await page.locator(byTestId('sticky')).allInnerTexts();
		await session.shot('demo-opened');
		check(
			sticky.some((text) => /Execute workflow/.test(text)),
			`no sticky note on the canvas says to click Execute workflow: ${JSON.stringify(sticky)}`,
		);

		const button = page.locator(byTestId('execute-workflow-button'));
		await session.waitFor('the Execute workflow button', button);
		equal((await button.innerText()).trim(), 'Execute workflow', 'the button label');
		await session.step('click Execute workflow', async () => await button.click());
		// (waited for from the click on: the toast goes away after a few seconds)
		const toasted = waitForToast(session, /executed successfully/i).then(
			(text) => ({ text }),
			(error: Error) => ({ error }),
		);
		await waitForNodeSuccess(session, DEMO_NODES);
		const toastResult = await toasted;
		if ('error' in toastResult) throw toastResult.error;
		const toast = toastResult.text;
		equal(
			await page
				.locator(`${byTestId('canvas-node')} ${byTestId('canvas-node-status-error')}`)
				.count(),
			0,
			'nodes marked failed on the canvas',
		);
		await session.shot('demo-run-succeeded');
		ctx.log(`editor toast: "${toast}"`);

		// the upsert node's output, as the editor shows it
		const upsertNode: Locator = page.locator(
			`${byTestId('canvas-node')}[data-node-name="Create or update contact"]`,
		);
		await session.step('open "Create or update contact"', async () => {
			await upsertNode.dblclick();
			await page
				.locator(`${byTestId('ndv')} ${byTestId('output-panel')} ${byTestId('ndv-items-count')}`)
				.waitFor();
		});
		const table = await readOutputTable(session);
		await session.shot('demo-upsert-output');
		const expectedAction = existing ? 'updated' : 'created';
		equal(field(table, 'action'), expectedAction, 'action shown for the demo contact');
		equal(field(table, 'contact.email'), DEMO_EMAIL, 'contact.email shown');
		const id = field(table, 'contact.id');

		// the sandbox: the contact, one more note and one more task on it
		const after = await ctx.sandbox.state();
		const contacts = after.contacts.filter((entry) => entry.CEmail === DEMO_EMAIL);
		equal(contacts.length, 1, 'contacts with the demo email');
		const contact = contacts[0];
		equal(String(contact.ClientID), id, 'the contact id the editor shows is the sandbox contact');
		equal(`${String(contact.CFirst)} ${String(contact.CLast)}`, 'Jamie Rivera', 'contact name');
		const countsAfter = countFor(after, contact.ClientID);
		equal(countsAfter.notes, countsBefore.notes + 1, '"Open house visit" notes on the contact');
		equal(countsAfter.tasks, countsBefore.tasks + 1, 'follow-up tasks on the contact');

		// n8n recorded it as a successful manual run
		const fresh = (await executionsOf(ctx, workflow.id)).filter(
			(entry) => !executionsBefore.has(entry.id),
		);
		equal(fresh.length, 1, 'new executions of the demo');
		equal(`${fresh[0].mode} ${fresh[0].status}`, 'manual success', 'the new execution');
	} finally {
		ctx.log(`editor screenshots: ${session.screenshots.join(', ')}`);
		await session.close();
	}
}

export const editorCases: E2eCase[] = [
	{
		name: 'editor in Chromium: new workflow, Wise Agent node (Contact > Create or Update): match fields up front, Source loaded, Execute step shows the simplified contact',
		timeoutMs: 90_000,
		run: upsertCase,
	},
	{
		name: 'editor in Chromium: demo "add a lead by hand" run with Execute workflow -> nodes green, contact, note and task in the sandbox',
		timeoutMs: 90_000,
		run: demoCase,
	},
];
