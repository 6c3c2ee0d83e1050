import type Redis from 'ioredis';
import { SecretCipher, type Logger, type SubgraphRuntime } from '@ultramarket/kit';
import { loadAccountsConfig, type AccountsConfig } from './accounts.config';
import { AccessTokenSigner } from './session/access-token-signer';

interface Bound {
  runtime: SubgraphRuntime;
  config: AccountsConfig;
  cipher: SecretCipher;
  emailTokenSeal: SecretCipher;
  signer: AccessTokenSigner;
}

/**
 * What the accounts use cases need beyond the request context: configuration, Redis, the token
 * signer, the MFA cipher and the email token seal. Resolvers close over one instance; it is bound to the running subgraph
 * by the kit's `onStart` hook, before any request or job.
 */
export class AccountsServices {
  private bound: Bound | null = null;

  constructor(private readonly overrides: Partial<AccountsConfig> = {}) {}

  /** The subgraph's `onStart`: binds the runtime and reads (and validates) the configuration; a bad value fails the start. */
  readonly bind = (runtime: SubgraphRuntime): (() => Promise<void>) => {
    if (!runtime.keys.privateKeyPem) throw new Error('Invalid configuration: JWT_PRIVATE_KEY is required: accounts issues access tokens');
    const config = {
      ...loadAccountsConfig(runtime.env, { isProduction: runtime.config.isProduction, keysDir: runtime.config.auth.keysDir }),
      ...this.overrides,
    };
    this.bound = {
      runtime,
      config,
      cipher: new SecretCipher(config.mfaEncryptionKey),
      emailTokenSeal: new SecretCipher(config.emailTokenKey),
      signer: new AccessTokenSigner(runtime.keys, runtime.config.auth, runtime.redis),
    };
    return async () => {
      this.bound = null;
    };
  };

  private get current(): Bound {
    if (!this.bound) throw new Error('accounts services used before the subgraph started');
    return this.bound;
  }

  get runtime(): SubgraphRuntime {
    return this.current.runtime;
  }

  get config(): AccountsConfig {
    return this.current.config;
  }

  get redis(): Redis {
    return this.current.runtime.redis;
  }

  /** What scopes the throttle counters in Redis: the deployment's event namespace. */
  get throttleScope(): string {
    return this.current.runtime.config.eventNamespace;
  }

  get logger(): Logger {
    return this.current.runtime.logger;
  }

  /** TOTP secrets at rest, bound to the user id. */
  get cipher(): SecretCipher {
    return this.current.cipher;
  }

  /** Emailed tokens sealed for notifications (ACCOUNT_EMAIL_TOKEN_KEY), so the event stream never holds them readable. */
  get emailTokenSeal(): SecretCipher {
    return this.current.emailTokenSeal;
  }

  get signer(): AccessTokenSigner {
    return this.current.signer;
  }
}
