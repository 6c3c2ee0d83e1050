import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import { App } from './app.entity';
import { AppErrors } from './app-errors';
import { appStoreOf } from './app-access';
import { cleanAppName, cleanScopes } from './app-name';
import { AppEvents, emitAppEvent } from './app.events';
import type { InstallAppInput } from './app.inputs';
import { InstallAppPayload } from './app.payloads';

/** A merchant (or a platform admin) installs an app in the store with its scopes; publishes apps.app-installed. It has no key until createApiKey. */
export async function installApp(context: SubgraphContext, input: InstallAppInput): Promise<InstallAppPayload> {
  const storeId = appStoreOf(context);
  if (!storeId) return InstallAppPayload.failed(AppErrors.storeRequired());
  const name = cleanAppName(input.name);
  if (name === null) return InstallAppPayload.failed(AppErrors.invalidName());
  const scopes = cleanScopes(input.scopes);
  if (scopes === null) return InstallAppPayload.failed(AppErrors.scopesRequired());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const repository = tx.manager.getRepository(App);
    const app = await repository.save(repository.create({ storeId, name, scopes, uninstalledAt: null, installedBy: context.caller.userId, version: 1 }));
    await emitAppEvent(tx, AppEvents.installed, app);
    return InstallAppPayload.ok(app);
  });
}
