// The test OpenID provider: the certified `oidc-provider` package with a few fixed accounts.
// Started by tests/oidc/conftest.py with PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI,
// POST_LOGOUT_URI and ID_TOKEN_TTL in the environment; prints "READY <issuer>" when listening.
// The development login form accepts any password; the account name decides the groups.
import Provider from "oidc-provider";

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const GROUPS = {
  member1: ["committee-members"],
  sec1: ["mext-secretariat"],
  outsider: ["some-other-team"],
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: [process.env.REDIRECT_URI],
      post_logout_redirect_uris: [process.env.POST_LOGOUT_URI],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "preferred_username"],
    groups: ["groups"],
  },
  scopes: ["openid", "email", "profile", "groups"],
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: `${id}@sso.example.go.jp`,
          email_verified: true,
          name: `SSO ${id}`,
          preferred_username: id,
          groups: GROUPS[id] ?? [],
        };
      },
    };
  },
  // Skip the consent screen: the committee's own client is trusted (as in a ministry's IdP).
  async loadExistingGrant(ctx) {
    const grantId =
      ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid email profile groups");
    await grant.save();
    return grant;
  },
  ttl: { IdToken: Number(process.env.ID_TOKEN_TTL || 3600) },
  pkce: { required: () => false },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
});
provider.proxy = false;

provider.listen(port, "127.0.0.1", () => {
  console.log(`READY ${issuer}`);
});
