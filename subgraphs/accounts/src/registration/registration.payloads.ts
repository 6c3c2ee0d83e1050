import { ObjectType } from 'type-graphql';
import { UserPayload } from '../user/user.payloads';

@ObjectType({ description: 'Result of register: the new (unverified) user, or why not (WEAK_PASSWORD).' })
export class RegisterPayload extends UserPayload {}

@ObjectType({ description: 'Result of verifyEmail: the now verified user, or TOKEN_INVALID.' })
export class VerifyEmailPayload extends UserPayload {}
