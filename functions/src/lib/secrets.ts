import { createHmac } from 'node:crypto';

export interface SecretSource {
  value?: string | undefined;
  parameter?: string | undefined;
}

/** Resolves a secret from its env value or its SSM parameter (decrypted), once per cold start. */
export function makeSecretResolver(getParameter: (name: string) => Promise<string | undefined>) {
  const cache = new Map<string, Promise<string>>();
  return function resolveSecret(source: SecretSource, label: string): Promise<string> {
    if (source.value) return Promise.resolve(source.value);
    const name = source.parameter;
    if (!name) return Promise.reject(new Error(`Secret ${label} is not configured`));
    let pending = cache.get(name);
    if (!pending) {
      pending = getParameter(name).then((value) => {
        if (!value) throw new Error(`SSM parameter ${name} is empty`);
        return value;
      });
      pending.catch(() => cache.delete(name));
      cache.set(name, pending);
    }
    return pending;
  };
}
export type SecretResolver = ReturnType<typeof makeSecretResolver>;

/** A key of its own for one use (`label`), derived from a configured secret: one secret, no key reused across uses. */
export function deriveKey(secret: string, label: string): Uint8Array {
  return createHmac('sha256', secret).update(`lianyan:${label}`).digest();
}
