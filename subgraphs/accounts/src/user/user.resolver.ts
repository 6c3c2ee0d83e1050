import { Arg, Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { CONNECTION_LIST_SIZE, connectionTypes, Role, type SubgraphContext, PageArgs } from '@ultramarket/kit';
import { User } from './user.entity';
import { UpdateProfileInput, UsersFilter } from './user.inputs';
import { UpdateProfilePayload } from './user.payloads';
import { listUsers, loadUser } from './user-queries';
import { updateProfile } from './update-profile';
import { StoreMembership } from '../membership/store-membership.type';
import { membershipsOf } from '../membership/memberships';
import { UserSession } from '../session/user-session.type';
import { listSessions } from '../session/session-list';

export const SessionConnection = connectionTypes(UserSession, 'Session');

export const UserConnection = connectionTypes(User, 'User');

@ArgsType()
class UsersArgs extends PageArgs {
  @IsOptional()
  @ValidateNested()
  @Field(() => UsersFilter, { nullable: true, description: 'Conditions every user must meet.' })
  filter?: UsersFilter;
}

@Resolver(() => User)
export class UserResolver {
  @Authorized()
  @Query(() => User, { nullable: true, description: 'The signed-in user.' })
  me(@Ctx() context: SubgraphContext): Promise<User | null> {
    return loadUser(context, context.caller.userId!);
  }

  @Authorized(Role.PLATFORM_ADMIN)
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => UserConnection, { description: 'Every user, newest first (platform admins only).' })
  users(@Args() args: UsersArgs, @Ctx() context: SubgraphContext) {
    return listUsers(context, args);
  }

  @Directive('@listSize(assumedSize: 10)')
  @FieldResolver(() => [StoreMembership], {
    nullable: true,
    description: 'The stores the user works in and their role in each (from the stores subgraph); only the user themselves sees it, null for anyone else.',
  })
  stores(@Root() user: User, @Ctx() context: SubgraphContext): Promise<StoreMembership[]> | null {
    return context.caller.userId === user.id ? membershipsOf(context.db.manager, user.id) : null;
  }

  @Directive(CONNECTION_LIST_SIZE)
  @FieldResolver(() => SessionConnection, {
    nullable: true,
    description:
      'Where the user is signed in: the active sessions, most recently used first (revoke one with revokeSession). Only the user themselves sees it, null for anyone else.',
  })
  sessions(@Root() user: User, @Args() args: PageArgs, @Ctx() context: SubgraphContext) {
    return context.caller.userId === user.id ? listSessions(context, user.id, args) : null;
  }

  @Authorized()
  @Mutation(() => UpdateProfilePayload, { description: "Changes the signed-in user's name." })
  updateProfile(@Arg('input', { description: 'The new names.' }) input: UpdateProfileInput, @Ctx() context: SubgraphContext) {
    return updateProfile(context, input);
  }
}
