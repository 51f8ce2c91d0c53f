import { scanText } from './helpers.js';

// Each trap from the issue must stay quiet: none of our rules may fire on it.
const TRAPS: [string, string, string][] = [
  ['lockfile integrity hash', 'package-lock.json', '{\n  "node_modules/a": {\n    "integrity": "sha512-Kq5sNclPz7QV2+lfQIfxi8wnMrT8qQ0SWA7VxkZQkiEexAxA4r8M5Y1yyzQ3vWO6F7pbdTNtH7dUo9vGhVSC3g==",\n    "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz"\n  }\n}\n'],
  ['yarn.lock checksum', 'yarn.lock', '"a@npm:^1.0.0":\n  version: 1.0.0\n  checksum: 10c0/4b1d2e7a9c0f5e8d3b6a1c4f7e0d9c2b5a8e1f4d7c0b3a6e9d2c5f8b1e4a7d0c3f6b9e2d5a8c1f4e7b0d3c6a9f2e5b8d1c4a7\n'],
  ['go.sum checksum', 'go.sum', 'github.com/pkg/errors v0.9.1 h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=\ngithub.com/pkg/errors v0.9.1/go.mod h1:bwawxfHBFNV+L2hUp1rHADufV3IMtnDRdf1r5NINEl0=\n'],
  ['git SHA', 'deploy.yaml', 'revision: 4a7d1ed414474e4033ac29ccb8653d9b4a7d1ed4\ncommit_token: 9fceb02d0ae598e95dc970b74767f19372d61af8\n'],
  ['UUID', 'settings.json', '{ "api_key_id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "token_id": "a8098c1a-f86e-11da-bd1a-00112444be1e" }'],
  ['base64 image data URI', 'page.html', `<img src="data:image/png;base64,${'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='.repeat(3)}">`],
  ['font data URI', 'style.css', `@font-face { src: url("data:font/woff2;base64,d09GMgABAAAAAAOYAA0AAAAACCgAAANFAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAP0ZGVE0cGh4GYACCUhEICoRMhFoLEAABNgIkAxwEIAWDMwcgG3YGyA4lFEBG"); }`],
  ['AWS documented example keys', '.env', 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n'],
  ['YOUR_API_KEY', 'client.py', 'api_key = "YOUR_API_KEY"\nstripe.api_key = "sk_live_YOUR_SECRET_KEY_HERE_1234"\n'],
  ['<token>', 'README.md', 'export GITHUB_TOKEN=<token>\ncurl -H "Authorization: Bearer <token>" https://api.example.org\n'],
  ['${VAR}', 'docker-compose.yml', 'environment:\n  DB_PASSWORD: ${DB_PASSWORD}\n  API_TOKEN: "${API_TOKEN:-}"\n'],
  ['Helm template', 'templates/secret.yaml', 'password: {{ .Values.db.password | quote }}\napiKey: {{ .Values.x }}\n'],
  ['changeme', 'config.ini', 'password = changeme\nadmin_password=change_me_1234\n'],
  ['xxxx', 'config.yml', 'github_token: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nslack: xoxb-xxxxxxxxxxxx-xxxxxxxxxxxxx\n'],
  ['****', 'log.txt', 'token=**************** secret: "********"\npassword: ************\n'],
  ['process.env', 'server.js', 'const token = process.env.GITHUB_TOKEN;\nconst apiKey = process.env["STRIPE_SECRET_KEY"];\n'],
  ['os.environ', 'app.py', 'secret_key = os.environ["SECRET_KEY"]\npassword = os.environ.get("DB_PASSWORD")\n'],
  ['public key', 'id_rsa.pub', 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7kq9vXJ0dPxMZ3k2w7d8QhF1yTQe4H0p2N6cR5mLzVb9uA3sG8jWfK1oD4iE7nY0xCqUvS2hB6tM3lPz9rJ5wKd demo@host\n'],
  ['PEM public key', 'key.pem', '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u\n-----END PUBLIC KEY-----\n'],
  // shiftguard:ignore generic-password,generic-api-key fake values: this case checks that fixture paths are skipped
  ['fixture marked fake', 'test/fixtures/creds.json', '{ "password": "Sup3rS3cretPassw0rd!", "api_token": "q8Fz2LmW9xKc4RtY7vNb3HpJ6sDe1GaU" }'],
  ['variable marked dummy', 'auth.test.ts', 'const dummyPassword = "Pa55w0rd-for-tests";\nconst fakeApiKey = "k3y-9f8e7d6c5b4a";\n'],
  ['format-string fields in a URL', 'install.rs', 'let url = format!("git+https://{user}:{token}@github.com/org/private-pkg");\nurl = f"https://bot:{token_1}@raw.example.org/pkg.whl"\n'],
  ['words standing for a URL password', 'tests/index.rs', '"https://git:secret-token@example.org/pkg.git"\n"https://ci-user:test-password@pypi.example.org/simple"\nurl = "https://index-user:index-secret@test.example.org/simple/"\n'],
  ['a counting-sequence bearer token', 'auth.test.ts', "token = 'abcdefg12345-._~+/='\n"],
  ['Algolia DocSearch public search key', 'docusaurus.config.js', 'module.exports = {\n  themeConfig: {\n    algolia: {\n      appId: "QW3RTY12AB",\n      apiKey: "4e1f0c9a7b3d2e8f6a5c1b0d9e7f3a2c",\n      indexName: "site",\n    },\n  },\n};\n'],
  ['DocSearch in a page template', 'layout.html', "<script>docsearch({\n    apiKey: '4e1f0c9a7b3d2e8f6a5c1b0d9e7f3a2c',\n    indexName: 'pkg',\n});</script>\n"],
  ['Ruby durations after a secret-sounding name', 'user.rb', 'path_token_expires_at: 2.minutes.from_now,\nPASSWORD_VERIFICATION_EXPIRY = 10.minutes\n@user.update!(password_reset_token_expires_at: 1.minute.from_now)\n'],
  ['Ruby interpolation in a URL', 'verify_controller.rb', 'redirect_to(URI.parse("http://localhost:#{port}?code=#{@verification.otp}").to_s)\n'],
  ['code identifiers', 'client.d.ts', 'clientSecret: SensitiveString2048;\nauthToken?: AuthenticationTokenV2;\nif (contextToken === parent2.moduleSpecifier) {}\n'],
];

describe('known false-alarm traps stay quiet', () => {
  it.each(TRAPS)('%s', async (_name, path, content) => {
    const findings = await scanText(content, path);
    expect(findings.map((f) => `${f.ruleId} line ${f.startLine} ${f.preview}`)).toEqual([]);
  });
});

describe('what looks like a trap but is a leak stays reported', () => {
  it.each([
    ['an Algolia admin key beside the config', 'search.js', 'algolia: {\n  admin_api_key: "4e1f0c9a7b3d2e8f6a5c1b0d9e7f3a2c",\n}\n'],
    ['an apiKey with no Algolia around it', 'config.js', 'const config = {\n  apiKey: "4e1f0c9a7b3d2e8f6a5c1b0d9e7f3a2c",\n};\n'],
  ])('%s', async (_name, path, content) => {
    expect((await scanText(content, path)).map((f) => `${f.ruleId} line ${f.startLine}`)).toEqual(['generic-api-key line 2']);
  });
});
