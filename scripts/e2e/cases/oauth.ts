/**
 * (c) The OAuth2 credential connected through n8n's own OAuth2 endpoints and the sandbox's consent
 * page, in headless Chromium (Debian's `chromium`, driven by playwright-core): authorization code
 * with a client secret, and PKCE with a public client registered in the sandbox.
 *
 * Chromium logs into n8n's real sign-in page as the owner. n8n's credential dialog is not driven
 * click by click: the credential is created through the REST API (`POST /rest/credentials`, what the
 * dialog's Save does); then, inside the logged-in page, exactly what "Connect my account" does:
 * `GET /rest/oauth2-credential/auth?id=…` (with the editor's `browser-id` header; n8n 2.x binds the
 * flow to this browser with a cookie), the consent URL opened, the sandbox's Approve clicked, the
 * redirect to n8n's `/rest/oauth2-credential/callback`, which exchanges the code and stores the token.
 * (The callback needs the browser's n8n session and binding cookie: a flow started outside the
 * browser ends in "Unauthorized".)
 */
import { existsSync, mkdtempSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
	check,
	credentialWithData,
	equal,
	runWiseAgentNode,
	type E2eCase,
	type E2eContext,
	type Json,
} from '../harness';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
];

interface Browser {
	newPage(): Promise<Page>;
	close(): Promise<void>;
}
interface Page {
	goto(url: string, options?: { waitUntil?: string; timeout?: number }): Promise<unknown>;
	click(selector: string, options?: { timeout?: number }): Promise<void>;
	waitForURL(
		url: string | RegExp | ((url: URL) => boolean),
		options?: { timeout?: number; waitUntil?: string },
	): Promise<void>;
	textContent(selector: string): Promise<string | null>;
	url(): string;
	$$eval<T>(
		selector: string,
		fn: (elements: Array<{ value: string; name: string }>) => T,
	): Promise<T>;
	fill(selector: string, value: string, options?: { timeout?: number }): Promise<void>;
	evaluate<T, A>(fn: (arg: A) => Promise<T>, arg: A): Promise<T>;
}

async function launch(
	userDataDir: string,
): Promise<{ browser: Browser; close: () => Promise<void> }> {
	// eslint-disable-next-line @typescript-eslint/no-var-requires
	const { chromium } = require('playwright-core') as {
		chromium: {
			launchPersistentContext(
				dir: string,
				options: Json,
			): Promise<Browser & { newPage(): Promise<Page>; close(): Promise<void> }>;
		};
	};
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		timeout: 60_000,
	});
	return { browser: context, close: () => context.close() };
}

async function connectThroughBrowser(
	ctx: E2eContext,
	label: string,
	data: Json,
): Promise<{ credentialId: string; scopesSeen: string[] }> {
	const created = await ctx.client.request<{ id: string }>('POST', '/rest/credentials', {
		name: `Wise Agent (${label})`,
		type: 'wiseAgentOAuth2Api',
		data,
	});
	const before = await credentialWithData(ctx, created.id);
	check(!before.data?.oauthTokenData, `${label}: a new credential already has oauthTokenData`);

	const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
	const { browser, close } = await launch(userDataDir);
	try {
		const page = await browser.newPage();
		// 1. n8n's sign-in page
		await page.goto(`${ctx.n8nUrl}/signin`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
		await page.fill('input[name="emailOrLdapLoginId"]', ctx.owner.email, { timeout: 60_000 });
		await page.fill('input[name="password"]', ctx.owner.password);
		await page.click('[data-test-id="form-submit-button"]');
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60_000 });

		// 2. what "Connect my account" asks n8n for: the provider's consent URL (state, PKCE challenge)
		const answer = await page.evaluate(async (id: string) => {
			const response = await fetch(`/rest/oauth2-credential/auth?id=${encodeURIComponent(id)}`, {
				headers: {
					'browser-id':
						(
							globalThis as unknown as { localStorage: { getItem(key: string): string | null } }
						).localStorage.getItem('n8n-browserId') ?? '',
					accept: 'application/json',
				},
				credentials: 'include',
			});
			return { status: response.status, text: await response.text() };
		}, created.id);
		equal(
			answer.status,
			200,
			`${label}: GET /rest/oauth2-credential/auth (${answer.text.slice(0, 200)})`,
		);
		const authUrl = (JSON.parse(answer.text) as { data: string }).data;
		check(
			typeof authUrl === 'string' && authUrl.startsWith(`${ctx.sandbox.baseUrl}/WiseAuth/auth?`),
			`${label}: consent URL ${String(authUrl)}`,
		);
		const consent = new URL(authUrl);
		equal(
			consent.searchParams.get('client_id'),
			String(data.clientId),
			`${label}: client_id in the consent URL`,
		);
		equal(
			consent.searchParams.get('redirect_uri'),
			`${ctx.n8nUrl}/rest/oauth2-credential/callback`,
			`${label}: redirect_uri`,
		);
		if (data.grantType === 'pkce') {
			equal(
				consent.searchParams.get('code_challenge_method'),
				'S256',
				`${label}: code_challenge_method`,
			);
			check(
				consent.searchParams.get('code_challenge'),
				`${label}: no code_challenge in the consent URL`,
			);
		}

		// 3. the sandbox's consent page -> Approve -> n8n's callback
		await page.goto(authUrl, { waitUntil: 'domcontentloaded', timeout: 30_000 });
		const scopesSeen = await page.$$eval('input[type=checkbox]', (boxes) =>
			boxes.map((box) => box.value || box.name),
		);
		await page.click('#approve', { timeout: 15_000 });
		await page.waitForURL((url) => url.pathname === '/rest/oauth2-credential/callback', {
			timeout: 30_000,
			waitUntil: 'load',
		});
		const body = (await page.textContent('body')) ?? '';
		check(
			!/Failed to connect|Error:/i.test(body),
			`${label}: n8n's callback page says: ${body.trim().split('\n')[0].slice(0, 300)}`,
		);
		return { credentialId: created.id, scopesSeen };
	} finally {
		await close().catch(() => undefined);
		rmSync(userDataDir, { recursive: true, force: true });
	}
}

async function assertConnectedAndWorking(
	ctx: E2eContext,
	label: string,
	credentialId: string,
): Promise<void> {
	const after = await credentialWithData(ctx, credentialId);
	equal(
		after.data?.oauthTokenData,
		true,
		`${label}: REST GET /rest/credentials/:id?includeData=true says connected`,
	);
	const raw = (await ctx.exportCredential(credentialId)).oauthTokenData;
	const token = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Json | undefined;
	check(
		token && typeof token.access_token === 'string',
		`${label}: no oauthTokenData.access_token after the callback`,
	);
	check(typeof token.refresh_token === 'string', `${label}: no refresh_token stored`);
	const items = await runWiseAgentNode(
		ctx,
		`${label}: account`,
		{ resource: 'account', operation: 'getCurrentUser' },
		{ credentialId, credentialName: after.name },
	);
	equal(items.length, 1, `${label}: items of a workflow using the new credential`);
	check(
		typeof items[0].Email === 'string',
		`${label}: getCurrentUser output ${JSON.stringify(items[0])}`,
	);
}

export const oauthCases: E2eCase[] = [
	{
		name: "OAuth2 in Chromium: authorization code + secret via n8n's OAuth2 endpoints and the sandbox consent page, then a workflow runs",
		timeoutMs: 150_000,
		async run(ctx) {
			check(
				existsSync(CHROMIUM),
				`${CHROMIUM} not found (apt-get install -y chromium, or set CHROMIUM_PATH)`,
			);
			const info = await ctx.sandbox.request<{ clientId: string; clientSecret: string }>(
				'GET',
				'/__sandbox/info',
			);
			await ctx.sandbox.settings({ autoApprove: false });
			try {
				const { credentialId, scopesSeen } = await connectThroughBrowser(
					ctx,
					'authorization code',
					{
						serverUrl: ctx.sandbox.baseUrl,
						grantType: 'authorizationCode',
						clientId: info.clientId,
						clientSecret: info.clientSecret,
						scope: 'profile contacts',
					},
				);
				check(
					scopesSeen.length >= 2,
					`the consent page showed no scope checkboxes (${JSON.stringify(scopesSeen)})`,
				);
				await assertConnectedAndWorking(ctx, 'authorization code', credentialId);
			} finally {
				await ctx.sandbox.settings({ autoApprove: true });
			}
		},
	},
	{
		name: 'OAuth2 in Chromium: PKCE with a public (secret-less) sandbox client, then a workflow runs',
		timeoutMs: 150_000,
		async run(ctx) {
			check(
				existsSync(CHROMIUM),
				`${CHROMIUM} not found (apt-get install -y chromium, or set CHROMIUM_PATH)`,
			);
			const clientId = `e2e-pkce-${Date.now()}`;
			await ctx.sandbox.registerClient({ clientId, clientSecret: null, name: 'e2e PKCE client' });
			await ctx.sandbox.settings({ autoApprove: false });
			try {
				const { credentialId } = await connectThroughBrowser(ctx, 'PKCE', {
					serverUrl: ctx.sandbox.baseUrl,
					grantType: 'pkce',
					clientId,
					scope: 'profile contacts',
				});
				await assertConnectedAndWorking(ctx, 'PKCE', credentialId);
			} finally {
				await ctx.sandbox.settings({ autoApprove: true });
			}
		},
	},
];
