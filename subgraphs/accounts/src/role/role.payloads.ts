import { ObjectType } from 'type-graphql';
import { UserPayload } from '../user/user.payloads';

@ObjectType({ description: 'Result of assignRole: the user with the role, or USER_NOT_FOUND / STORE_REQUIRED.' })
export class AssignRolePayload extends UserPayload {}

@ObjectType({ description: 'Result of revokeRole: the user without the role, or USER_NOT_FOUND / LAST_PLATFORM_ADMIN.' })
export class RevokeRolePayload extends UserPayload {}
