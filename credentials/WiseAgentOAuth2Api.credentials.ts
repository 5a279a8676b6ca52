import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Wise Agent OAuth 2.0. The consent and token URLs are derived from one Server URL, so the
 * local sandbox or another Wise Agent host works without code changes.
 *
 * Wise Agent's token response carries `expires_at` and no `expires_in`, so n8n cannot refresh
 * ahead of time: it refreshes when the API answers 401 invalid_grant, then replays the request.
 */
export class WiseAgentOAuth2Api implements ICredentialType {
	name = 'wiseAgentOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Wise Agent OAuth2 API';

	documentationUrl = 'https://github.com/n8n-nodes-wiseagent/n8n-nodes-wiseagent#credentials';

	icon = { light: 'file:wiseAgent.svg', dark: 'file:wiseAgent.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			// Wise Agent has no self-service developer console: its API documentation asks for these
			// details to issue a client (the "Request API Access" link of that page).
			displayName:
				'<b>Getting a Client ID:</b> Wise Agent issues API clients on request. 1. Open the <a href="https://wiseagent.com/docs/api.asp" target="_blank">Wise Agent API documentation</a> and click <b>Request API Access</b>. 2. Send the name of your application, a public URL of its logo, your redirect domain (the domain of the OAuth Redirect URL below) and the scopes you need (see Scope). 3. Enter the Client ID and Client Secret Wise Agent sends you, then click Connect.',
			name: 'clientIdNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			default: 'https://sync.thewiseagent.com',
			required: true,
			description:
				'Base URL of the Wise Agent API. Keep the default unless Wise Agent gave you another host (or you use the local sandbox).',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{
					name: 'Authorization Code',
					value: 'authorizationCode',
					description: 'Client ID and client secret, as in the Wise Agent API documentation',
				},
				{
					name: 'PKCE',
					value: 'pkce',
					description: 'Client ID only, as Wise Agent’s own WordPress plugin connects',
				},
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '={{ $self["serverUrl"].replace(/\\/+$/, "") }}/WiseAuth/auth',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{ $self["serverUrl"].replace(/\\/+$/, "") }}/WiseAuth/token',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			displayOptions: { show: { grantType: ['authorizationCode'] } },
			default: '',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'profile team marketing contacts properties calendar',
			description:
				'Space-separated Wise Agent scopes (profile, team, marketing, contacts, properties, calendar): request the same ones from Wise Agent. Each operation of the Wise Agent node says at its top which scope it needs ("The Wise Agent credential\'s Scope must include …"); remove the ones your workflows do not need. Calendar → Create Event: the docs also name a "planner" scope; add it here if Wise Agent refuses the event.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Authorization Code: id and secret in an HTTP Basic header, as documented.
			// PKCE: no secret; client_id goes in the form body, as Wise Agent's plugin sends it.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: '={{ $self["grantType"] === "pkce" ? "body" : "header" }}',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.serverUrl.replace(/\\/+$/, "") }}',
			url: '/http/webconnect.asp',
			method: 'GET',
			qs: { requestType: 'getUser' },
			headers: { Accept: 'application/json' },
		},
	};
}
