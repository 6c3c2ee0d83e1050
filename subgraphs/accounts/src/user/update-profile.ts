import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import { User } from './user.entity';
import type { UpdateProfileInput } from './user.inputs';
import { UpdateProfilePayload } from './user.payloads';

export async function updateProfile(context: SubgraphContext, input: UpdateProfileInput): Promise<UpdateProfilePayload> {
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const users = tx.manager.getRepository(User);
    const user = await users.findOne({ where: { id: context.caller.userId! }, lock: { mode: 'pessimistic_write' } });
    if (!user) return UpdateProfilePayload.failed();
    if (input.firstName !== undefined && input.firstName !== null) user.firstName = input.firstName.trim();
    if (input.lastName !== undefined && input.lastName !== null) user.lastName = input.lastName.trim();
    return UpdateProfilePayload.ok(await users.save(user));
  });
}
