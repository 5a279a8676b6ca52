import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isHttpUrl, readHttpUrl } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';

/** The documented lifetime of the link getLoginToken returns. */
const LOGIN_LINK_LIFETIME_SECONDS = 60;

/** The link getLoginToken answers with: a bare URL, or a URL inside a one-value JSON wrapper. */
function loginLinkFrom(body: unknown): string | undefined {
	const value = Array.isArray(body) && body.length === 1 ? body[0] : body;
	return typeof value === 'string' && isHttpUrl(value.trim()) ? value.trim() : undefined;
}

/**
 * Documented as a `page` parameter of the login link itself, holding a full URI. Appended to the
 * text as it came, so the temporary token is never re-encoded.
 */
function withLandingPage(link: string, page: string): string {
	if (page === '') return link;
	return `${link}${link.includes('?') ? '&' : '?'}page=${encodeURIComponent(page)}`;
}

export const getLoginLink: WiseAgentOperation = {
	option: {
		name: 'Get SSO Login Link',
		value: 'getLoginLink',
		action: 'Get a single sign on login link',
		description:
			'A link that signs the connected user into Wise Agent without a password, valid for 60 seconds',
	},
	scopes: ['profile'],
	description: [
		{
			displayName:
				'The link signs in as the connected user and expires 60 seconds after it is created: send it on at once, and do not store or log it',
			name: 'loginLinkNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Landing Page',
			name: 'page',
			type: 'string',
			default: '',
			placeholder: 'https://thewiseagent.com/secure/client/summary?clientId=1822535',
			description:
				'Full URL of the Wise Agent page to open after signing in (the contact page, a report…). Leave empty for the home page.',
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const page =
			readHttpUrl(
				this,
				itemIndex,
				'Landing Page',
				this.getNodeParameter('page', itemIndex, ''),
				'optional',
				'Give the full URL of a Wise Agent page, starting with https://',
			) ?? '';
		const body = await wiseAgentApiRequest.call(this, {
			method: 'GET',
			requestType: 'getLoginToken',
			itemIndex,
		});
		const link = loginLinkFrom(body);
		if (!link) {
			// The body may still hold a token: it must not end up in the error.
			throw new NodeApiError(
				this.getNode(),
				{ message: 'Unexpected getLoginToken response' },
				{
					message: 'Wise Agent: getLoginToken did not answer with a login link',
					itemIndex,
				},
			);
		}
		return { url: withLandingPage(link, page), expiresInSeconds: LOGIN_LINK_LIFETIME_SECONDS };
	},
};
