/**
 * (b) Token refresh by n8n in the middle of a workflow: the sandbox expires every access token,
 * the next run gets 401 invalid_grant, n8n refreshes with the refresh token, replays the request,
 * and stores the new token in the credential.
 */
import { SANDBOX_CREDENTIAL_ID } from '../../lib/stack';
import {
	check,
	credentialWithData,
	equal,
	runWiseAgentNode,
	type E2eCase,
	type Json,
} from '../harness';

function accessToken(data: Json | undefined): string | undefined {
	const token = data?.oauthTokenData;
	const parsed = (typeof token === 'string' ? JSON.parse(token) : token) as Json | undefined;
	return typeof parsed?.access_token === 'string' ? parsed.access_token : undefined;
}

export const refreshCases: E2eCase[] = [
	{
		name: 'token refresh: expired access token -> n8n refreshes mid-workflow, the run succeeds, the credential holds the new token',
		async run(ctx) {
			equal(
				(await credentialWithData(ctx, SANDBOX_CREDENTIAL_ID)).data?.oauthTokenData,
				true,
				'REST: the credential is connected',
			);
			const before = accessToken(await ctx.exportCredential(SANDBOX_CREDENTIAL_ID));
			check(
				before,
				'the credential has no oauthTokenData.access_token (n8n export:credentials --decrypted)',
			);
			const tokenCalls = async () =>
				(await ctx.sandbox.counters()).byKey['POST /WiseAuth/token'] ?? 0;
			const refreshesBefore = await tokenCalls();

			await ctx.sandbox.expireTokens();
			// Two requests in one node: the 401 on the first one triggers the refresh.
			const items = await runWiseAgentNode(ctx, 'refresh: getAll contacts', {
				resource: 'contact',
				operation: 'getAll',
				limit: 3,
			});
			equal(items.length, 3, 'items after the refresh');
			equal(
				(await tokenCalls()) - refreshesBefore,
				1,
				'token endpoint calls (exactly one refresh)',
			);
			const after = accessToken(await ctx.exportCredential(SANDBOX_CREDENTIAL_ID));
			check(after && after !== before, 'the credential still holds the old access token');

			// and the new token is used as it is: no second refresh
			await runWiseAgentNode(ctx, 'refresh: account', {
				resource: 'account',
				operation: 'getCurrentUser',
			});
			equal((await tokenCalls()) - refreshesBefore, 1, 'token endpoint calls after a second run');
		},
	},
];
