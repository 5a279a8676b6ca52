import type { Sandbox } from '../../sandbox';
import { credentialData } from './n8n';

/** The node's credential connected to a running sandbox, with a fresh token of every scope. */
export function sandboxCredentials(sandbox: Sandbox): ReturnType<typeof credentialData> {
	const token = sandbox.issueToken();
	return credentialData({
		serverUrl: sandbox.baseUrl,
		clientId: sandbox.clientId,
		clientSecret: sandbox.clientSecret,
		oauthTokenData: {
			access_token: token.accessToken,
			refresh_token: token.refreshToken,
			expires_at: token.expiresAt,
		},
	});
}
