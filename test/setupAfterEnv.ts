import nock from 'nock';

// nock intercepts by patching Node's shared http module, and each test file loads its own copy
// of nock: without this, every file that ran before leaves one more interception layer on all
// later requests in the same jest worker (a late file with thousands of requests crawls).
// Files that use real sockets call nock.restore() themselves and need not re-activate it.
afterAll(() => {
	nock.cleanAll();
	nock.restore();
});
