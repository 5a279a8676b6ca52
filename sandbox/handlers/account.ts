import { randomBytes } from 'node:crypto';
import { type Route, ok } from './common';

/** Documented SSO link host; the sandbox also answers GET /secure/login_secure to check such tokens. */
export const LOGIN_URL = 'https://www.thewiseagent.com/secure/login_secure';
export const LOGIN_TOKEN_LIFETIME_MS = 60_000;

const getUser: Route = {
	method: 'GET',
	requestType: 'getUser',
	scopes: { all: ['profile'] },
	handle(ctx) {
		const { First, Last, Email } = ctx.store.data.user;
		return ok([{ First, Last, Email }], true);
	},
};

/** Seen in Wise Agent's own plugin, not documented: same record as getUser plus Company (sandbox choice). */
const user: Route = {
	method: 'GET',
	requestType: 'user',
	scopes: { all: ['profile'] },
	handle(ctx) {
		return ok([{ ...ctx.store.data.user }]);
	},
};

const getTeam: Route = {
	method: 'GET',
	requestType: 'getTeam',
	scopes: { all: ['team'] },
	handle: (ctx) => ok(ctx.store.data.team.map((m) => ({ ...m }))),
};

const getOutsideTeam: Route = {
	method: 'GET',
	requestType: 'getOutsideTeam',
	scopes: { all: ['team'] },
	handle: (ctx) => ok(ctx.store.data.outsideTeam.map((m) => ({ ...m }))),
};

const getSources: Route = {
	method: 'GET',
	requestType: 'getSources',
	scopes: { all: ['contacts'] },
	handle: (ctx) =>
		ok(
			ctx.store.data.sources.map((s) => ({ ...s })),
			true,
		),
};

/** Returns the SSO link as a plain-text URL; the temporary token expires in 60 seconds. */
const getLoginToken: Route = {
	method: 'GET',
	requestType: 'getLoginToken',
	scopes: { all: ['profile'] },
	handle(ctx) {
		const token = randomBytes(16).toString('hex');
		const page = ctx.params.get('page') || null;
		const tokens = ctx.store.data.loginTokens.filter((t) => t.expiresMs > ctx.now);
		tokens.push({ token, page, expiresMs: ctx.now + LOGIN_TOKEN_LIFETIME_MS });
		ctx.store.data.loginTokens = tokens;
		const url = `${LOGIN_URL}?accesstoken=${token}${page ? `&page=${encodeURIComponent(page)}` : ''}`;
		return { body: url, text: true };
	},
};

export const accountRoutes: Route[] = [
	getUser,
	user,
	getTeam,
	getOutsideTeam,
	getSources,
	getLoginToken,
];
