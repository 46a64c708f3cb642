// A real OpenID Connect provider for the MitID sign-in tests (CIT-1): the npm package
// oidc-provider (package.json devDependencies, installed by `npm ci`), started by the pytest
// fixture in velkomst/citizen/tests/oidc/conftest.py and stopped after the tests. It stands in for a
// MitID broker: one confidential client, PKCE required, an RS256 key generated at every start,
// and its development login form, where the login name typed is the citizen's CPR number.
//
// Configuration from the environment (all required):
//   OIDC_TEST_PORT, OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET, OIDC_TEST_REDIRECT_URI,
//   OIDC_TEST_CPR_CLAIM (the claim the CPR number is sent in, e.g. "dk.cpr")
import { generateKeyPairSync, randomBytes } from 'node:crypto';

import Provider from 'oidc-provider';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
};

const port = Number(env('OIDC_TEST_PORT'));
const cprClaim = env('OIDC_TEST_CPR_CLAIM');

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  alg: 'RS256',
  use: 'sig',
  kid: randomBytes(8).toString('hex'),
};

const configuration = {
  clients: [
    {
      client_id: env('OIDC_TEST_CLIENT_ID'),
      client_secret: env('OIDC_TEST_CLIENT_SECRET'),
      redirect_uris: [env('OIDC_TEST_REDIRECT_URI')],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  // the scopes a MitID broker offers (Signaturgruppen's: "mitid", and "ssn" for the CPR number)
  scopes: ['openid', 'mitid', 'ssn'],
  claims: { openid: ['sub'], mitid: [], ssn: [cprClaim] },
  // the development login form: any login name and password; the login name is the CPR number
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, [cprClaim]: id };
      },
    };
  },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  ttl: { Session: 600, Interaction: 600, Grant: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
};

const provider = new Provider(`http://127.0.0.1:${port}`, configuration);
const server = provider.listen(port, '127.0.0.1');
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
